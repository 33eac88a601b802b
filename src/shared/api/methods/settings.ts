import { z } from 'zod';
import { defineMethod } from '../define.js';
import { settingsSchema } from '../settings-schema.js';

export const settingsMethods = {
  'settings.get': defineMethod({
    summary: "The user's preferences.",
    input: z.object({}).strict(),
    output: settingsSchema,
  }),
  'settings.set': defineMethod({
    summary: 'Changes some preferences and returns them all.',
    input: settingsSchema.partial().strict(),
    output: settingsSchema,
  }),
};
