import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema } from '../job-schema.js';

/** One alarm threshold as XenCenter's Alerts properties page sets it: a level held for some minutes. */
const thresholdSchema = z.object({ level: z.number().nonnegative().max(1e15), minutes: z.number().int().min(1).max(1440) }).strict();

/**
 * The perfmon alarms of a VM or host (`other_config:perfmon`): CPU in %, network and disk in KiB/s, free memory
 * in MiB (host: below it). A missing entry turns that alarm off.
 */
export const alarmSettingsSchema = z
  .object({
    cpu: thresholdSchema.optional(),
    network: thresholdSchema.optional(),
    disk: thresholdSchema.optional(),
    memoryFree: thresholdSchema.optional(),
  })
  .strict();
export type AlarmSettings = z.infer<typeof alarmSettingsSchema>;

export const alertMethods = {
  'alerts.dismiss': defineMethod({
    summary: 'Dismisses alerts (XAPI messages) on their pools (message.destroy), as XenCenter\'s Dismiss and Dismiss All do.',
    input: z.object({ alertIds: z.array(objectIdSchema).min(1).max(10_000) }).strict(),
    output: z.object({ dismissed: z.number().int().nonnegative() }),
  }),
  'alerts.setAlarms': defineMethod({
    summary: "Sets a VM's or host's performance alarms (other_config:perfmon, read by the pool's perfmon); none removes them.",
    input: z.object({ objectId: objectIdSchema, alarms: alarmSettingsSchema }).strict(),
    output: z.object({ saved: z.boolean() }),
  }),
};
