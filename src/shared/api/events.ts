import { defineEvent } from './define.js';
import { settingsSchema } from './settings-schema.js';

/** Every event the server pushes to its clients. */
export const events = {
  'settings.changed': defineEvent({
    summary: 'Preferences changed (from any window or client).',
    payload: settingsSchema,
  }),
};

export type EventName = keyof typeof events;
