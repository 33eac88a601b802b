import { z } from 'zod';

export const themeSchema = z.enum(['light', 'dark', 'system']);
export type Theme = z.infer<typeof themeSchema>;

/** User preferences. Never holds a secret: passwords live in the OS keychain. */
export const settingsSchema = z.object({
  theme: themeSchema,
  taskPanelOpen: z.boolean(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const defaultSettings: Settings = { theme: 'system', taskPanelOpen: true };
