import { z } from 'zod';

export const themeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof themeSchema>;

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
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system', taskPanelOpen: true, searchColumns: null, localSocket: false };
