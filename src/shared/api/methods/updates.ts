import { z } from 'zod';
import { defineMethod } from '../define.js';
import { jobDecisionSchema, objectIdSchema, startedJobsSchema } from '../job-schema.js';
import { poolIdSchema } from '../pool-schema.js';
import { poolUpdatesSchema, updateModeSchema, updatePrecheckResultSchema, updateSelectionSchema } from '../update-schema.js';

/** An http(s) URL (an update catalogue or zip); nothing else is fetched. */
const webUrlSchema = z
  .string()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http or https URL');

const hostIdsSchema = z.array(objectIdSchema).min(1).max(64);

const installInput = z
  .object({
    poolId: poolIdSchema,
    /** The servers to update (default every one), done master first whatever the order given. */
    hostIds: hostIdsSchema.optional(),
    selection: updateSelectionSchema,
    mode: updateModeSchema,
    /** HA is on: Xenith may turn it off for the rolling update and back on after. */
    disableHa: z.boolean().default(false),
  })
  .strict();

export const updateMethods = {
  'updates.list': defineMethod({
    summary: "What each server of a pool can install (XCP-ng: each host's updater; XenServer: the vendor's catalogue; XenServer 8.4: the last CDN sync).",
    input: z.object({ poolId: poolIdSchema, hostIds: hostIdsSchema.optional(), catalogueUrl: webUrlSchema.optional() }).strict(),
    output: poolUpdatesSchema,
  }),
  'updates.sync': defineMethod({
    summary: 'XenServer 8.4: the pool synchronises with the update CDN (pool.sync_updates).',
    input: z.object({ poolId: poolIdSchema }).strict(),
    output: startedJobsSchema,
  }),
  'updates.upload': defineMethod({
    summary: 'XenServer: downloads an update zip, unzips and uploads it to a VDI in one stream (no file), and introduces it; the job\'s result is the pool_update.',
    input: z.object({ poolId: poolIdSchema, url: webUrlSchema, name: z.string().min(1).max(200), srId: objectIdSchema.optional() }).strict(),
    output: startedJobsSchema,
  }),
  'updates.precheck': defineMethod({
    summary: "The Install Update wizard's prechecks and the rolling update's dry run (each server's steps and the VMs that move).",
    input: installInput,
    output: updatePrecheckResultSchema,
  }),
  'updates.install': defineMethod({
    summary: 'Installs updates master first: automatic runs a rolling pool update (evacuate, install, reboot, VMs back, per server); manual only installs.',
    input: installInput,
    output: startedJobsSchema,
  }),
  'updates.decide': defineMethod({
    summary: 'Answers a paused rolling pool update: resume, retry the step, skip the server, or abort.',
    input: z.object({ jobId: z.string().min(1).max(100), decision: jobDecisionSchema }).strict(),
    output: z.object({}),
  }),
};
