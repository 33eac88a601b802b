import { z } from 'zod';

export const themeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof themeSchema>;

/** User preferences. Never holds a secret: passwords live in the OS keychain. */
export const settingsSchema = z.object({
  theme: themeSchema,
  taskPanelOpen: z.boolean(),
  /** The Search tab's chosen columns, by id; null until the user chooses (the defaults show). */
  searchColumns: z.array(z.string().min(1).max(40)).max(40).nullable(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system', taskPanelOpen: true, searchColumns: null };
