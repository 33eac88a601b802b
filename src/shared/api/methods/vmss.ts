import { z } from 'zod';
import { defineMethod } from '../define.js';
import { objectIdSchema, startedJobsSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';

/** How a schedule snapshots its VMs, as XAPI names it: disks only, disks and memory, or quiesced disks. */
export const vmssTypeSchema = z.enum(['snapshot', 'checkpoint', 'snapshot_with_quiesce']);
export type VmssType = z.infer<typeof vmssTypeSchema>;

export const weekdays = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/**
 * When a schedule runs: every hour at `minute`, every day at `hour:minute`, or on the chosen `days` at
 * `hour:minute` (the pool's clock). XAPI takes minutes in quarter hours only.
 */
export const vmssTimingSchema = z
  .object({
    frequency: z.enum(['hourly', 'daily', 'weekly']),
    hour: z.number().int().min(0).max(23).default(0),
    minute: z.union([z.literal(0), z.literal(15), z.literal(30), z.literal(45)]).default(0),
    days: z.array(z.enum(weekdays)).max(7).default([]),
  })
  .strict()
  .refine((timing) => timing.frequency !== 'weekly' || timing.days.length > 0, { message: 'Choose at least one day', path: ['days'] });
export type VmssTiming = z.infer<typeof vmssTimingSchema>;

const scheduleName = z.string().trim().min(1, 'Enter a name').max(255);
const retention = z.number().int().min(1, 'Keep at least 1 snapshot').max(10, 'XAPI keeps at most 10 snapshots per schedule');
const vmIds = z.array(objectIdSchema).max(1000);
const vmssIds = z.array(objectIdSchema).min(1).max(100);

export const vmssMethods = {
  'vmss.create': defineMethod({
    summary: 'Creates a VM snapshot schedule (VMSS) in a pool and puts the chosen VMs on it.',
    input: z
      .object({
        poolId: poolIdSchema,
        name: scheduleName,
        description: z.string().max(1000).default(''),
        enabled: z.boolean().default(true),
        type: vmssTypeSchema,
        timing: vmssTimingSchema,
        retention,
        vmIds,
      })
      .strict(),
    output: z.object({ vmssId: objectIdSchema }),
  }),
  'vmss.edit': defineMethod({
    summary: 'Changes a snapshot schedule (only the fields given); `vmIds` is the whole new list of its VMs.',
    input: z
      .object({
        vmssId: objectIdSchema,
        name: scheduleName.optional(),
        description: z.string().max(1000).optional(),
        type: vmssTypeSchema.optional(),
        timing: vmssTimingSchema.optional(),
        retention: retention.optional(),
        vmIds: vmIds.optional(),
      })
      .strict(),
    output: z.object({ edited: z.array(z.string()) }),
  }),
  'vmss.setEnabled': defineMethod({
    summary: 'Enables or disables snapshot schedules.',
    input: z.object({ vmssIds, enabled: z.boolean() }).strict(),
    output: z.object({ vmssIds: z.array(objectIdSchema) }),
  }),
  'vmss.delete': defineMethod({
    summary: 'Deletes snapshot schedules, taking their VMs off them first (the snapshots they took stay).',
    input: z.object({ vmssIds }).strict(),
    output: z.object({ vmssIds: z.array(objectIdSchema) }),
  }),
  'vmss.snapshotNow': defineMethod({
    summary: 'Runs a snapshot schedule now, as its timer would (VMSS.snapshot_now).',
    input: z.object({ vmssId: objectIdSchema }).strict(),
    output: startedJobsSchema,
  }),
};
