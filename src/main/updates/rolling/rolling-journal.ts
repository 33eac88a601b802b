import { join } from 'node:path';
import { z } from 'zod';
import { apiErrorSchema } from '../../../shared/api/errors.js';
import { jobStepSchema } from '../../../shared/api/job-schema.js';
import { updateSelectionSchema } from '../../../shared/api/update-schema.js';
import { JsonJournal } from '../../util/json-journal.js';

/** What a step of a rolling pool update does. */
export const rollingStepKindSchema = z.enum(['ha-off', 'disable', 'evacuate', 'install', 'reboot', 'wait', 'enable', 'vms-back', 'guidance', 'clean', 'ha-on']);
export type RollingStepKind = z.infer<typeof rollingStepKindSchema>;

/** A step as the journal keeps it: the task panel's step, plus what resuming it needs. */
export const rollingStepSchema = jobStepSchema.extend({
  kind: rollingStepKindSchema,
  hostName: z.string(),
  /** reboot: the host's agent_start_time before the reboot was asked for (a different one means it rebooted). */
  bootMarker: z.string().nullable(),
});
export type RollingStep = z.infer<typeof rollingStepSchema>;

/**
 * One rolling pool update that has not finished: its steps and where each stands, written before each step starts
 * and after it ends, so a crash, a closed laptop or a failed host leaves it paused at a known step. Refs, names and
 * times only — never a secret.
 */
export const rollingRecordSchema = z.object({
  updateId: z.string(),
  poolId: z.string(),
  poolRef: z.string(),
  poolName: z.string(),
  startedAt: z.number(),
  by: z.string(),
  selection: updateSelectionSchema,
  steps: z.array(rollingStepSchema),
  /** The VMs each host ran before it was evacuated: they go back to it after its reboot. */
  vmsByHost: z.record(z.string(), z.array(z.string())),
  /** HA that the update turned off (with what turns it back on), or null. */
  ha: z.object({ heartbeatSrs: z.array(z.string()), configuration: z.record(z.string(), z.string()) }).nullable(),
  /** Why it is paused (kept across a restart), or null while it runs. */
  pausedReason: apiErrorSchema.nullable(),
  /** What the run says about itself (servers skipped, VMs left elsewhere). */
  notes: z.array(z.string()),
});
export type RollingRecord = z.infer<typeof rollingRecordSchema>;

/** rolling-updates.json in the data directory. */
export function createRollingJournal(dataDir: string): JsonJournal<RollingRecord> {
  return new JsonJournal({ path: join(dataDir, 'rolling-updates.json'), collection: 'updates', schema: rollingRecordSchema, idOf: (record) => record.updateId });
}
