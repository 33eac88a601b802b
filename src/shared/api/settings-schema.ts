import { z } from 'zod';

export const themeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof themeSchema>;

/** OS notifications for new alerts: off, or for alerts of this severity and more urgent ones. */
export const alertNotificationsSchema = z.enum(['off', 'critical', 'warning', 'information']);
export type AlertNotifications = z.infer<typeof alertNotificationsSchema>;

/** User preferences. Never holds a secret: passwords live in the OS keychain. */
export const settingsSchema = z.object({
  theme: themeSchema,
  taskPanelOpen: z.boolean(),
  /** The Search tab's chosen columns, by id; null until the user chooses (the defaults show). */
  searchColumns: z.array(z.string().min(1).max(40)).max(40).nullable(),
  /**
   * The desktop app also serves the API on a per-user local socket (a Unix socket or named pipe only this user can
   * open), for xenith-cli on the same machine. Off by default.
   */
  localSocket: z.boolean(),
  /** OS notifications for new alerts at or above a severity (the app's, or the browser's in serve mode). Off by default. */
  alertNotifications: alertNotificationsSchema,
  /** The task panel's height in CSS pixels as the person dragged it; null while they have not (it sizes itself). */
  taskPanelHeight: z.number().int().min(48).max(4000).nullable(),
  /**
   * Whether Xenith asks before a clean shut down, reboot or suspend of VMs, as XenCenter does by default; each
   * question's "Don't ask me again" turns its own off.
   */
  confirmVmPower: z.object({ shutdown: z.boolean(), reboot: z.boolean(), suspend: z.boolean() }).strict(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = {
  theme: 'system',
  taskPanelOpen: true,
  searchColumns: null,
  localSocket: false,
  alertNotifications: 'off',
  taskPanelHeight: null,
  confirmVmPower: { shutdown: true, reboot: true, suspend: true },
};
