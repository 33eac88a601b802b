import { z } from 'zod';
import { objectIdSchema } from './job-schema.js';
import { poolIdSchema } from './pool-schema.js';

/**
 * How a pool takes updates: XCP-ng's `updater.py` plugin (yum on each host), XenServer ≤ 8.3's pool_update
 * packages (a zip from the vendor's catalogue, uploaded to a VDI), or XenServer 8.4's CDN (`pool.sync_updates`,
 * `host.apply_updates`).
 */
export const updateFamilySchema = z.enum(['xcp-ng', 'xenserver', 'cdn']);
export type UpdateFamily = z.infer<typeof updateFamilySchema>;

/** One update a host can take, whatever the family. */
export const availableUpdateSchema = z.object({
  /** XCP-ng: the package name; XenServer: the update's uuid; CDN: the update's id. */
  id: z.string(),
  /** What a person reads: package name, XS83E001, the CDN update id. */
  name: z.string(),
  /** XCP-ng: version-release; XenServer: the update's version; CDN: empty. */
  version: z.string(),
  /** XCP-ng: what `query_installed` says is installed now (name-version-release.arch), or null. */
  installed: z.string().nullable(),
  description: z.string(),
  /** Bytes to download, when known. */
  size: z.number().nonnegative().nullable(),
  /** ISO date of the release, when known. */
  date: z.string().nullable(),
  /** Whether the host must reboot afterwards (kernel, hypervisor, restartHost, RebootHost). */
  rebootNeeded: z.boolean(),
  /** XenServer's after_apply_guidance or the CDN's guidance, as the vendor spells them. */
  guidance: z.array(z.string()),
  /** XenServer: the zip to download; CDN: the advisory page; XCP-ng: the package's home. */
  url: z.string().nullable(),
  /** CDN: the severity; XenServer: the update's requirements (uuids) are checked by precheck instead. */
  severity: z.string().nullable(),
});
export type AvailableUpdate = z.infer<typeof availableUpdateSchema>;

/** What one host can take, or why Xenith could not tell. */
export const hostUpdatesSchema = z.object({
  hostId: objectIdSchema,
  /** busy: XCP-ng's updater plugin was busy with another operation (retried, still busy); error: see message. */
  status: z.enum(['ok', 'busy', 'error']),
  message: z.string().nullable(),
  updates: z.array(availableUpdateSchema),
});
export type HostUpdates = z.infer<typeof hostUpdatesSchema>;

export const poolUpdatesSchema = z.object({
  poolId: poolIdSchema,
  family: updateFamilySchema,
  hosts: z.array(hostUpdatesSchema),
  /** CDN: the hash of the last sync (host.apply_updates takes it), or null before one. */
  hash: z.string().nullable(),
});
export type PoolUpdates = z.infer<typeof poolUpdatesSchema>;

/** An RPM package name as yum takes it. */
const packageNameSchema = z.string().min(1).max(200).regex(/^[A-Za-z0-9][A-Za-z0-9._+:-]*$/, 'not a package name');

/** What to install: every (or some) XCP-ng packages, an uploaded XenServer update, or the CDN's updates as of a sync. */
export const updateSelectionSchema = z.discriminatedUnion('family', [
  z.object({ family: z.literal('xcp-ng'), packages: z.array(packageNameSchema).max(500) }).strict(),
  z.object({ family: z.literal('xenserver'), poolUpdateId: objectIdSchema }).strict(),
  z.object({ family: z.literal('cdn'), hash: z.string().min(1).max(128).regex(/^[0-9a-fA-F]+$/, 'not a hash') }).strict(),
]);
export type UpdateSelection = z.infer<typeof updateSelectionSchema>;

/** After installing: Xenith reboots hosts one by one (rolling pool update), or the person does the post-update tasks. */
export const updateModeSchema = z.enum(['automatic', 'manual']);
export type UpdateMode = z.infer<typeof updateModeSchema>;

/** One check before anything moves. */
export const updatePrecheckSchema = z.object({
  id: z.string(),
  /** The host it is about, or null for the pool. */
  hostId: objectIdSchema.nullable(),
  title: z.string(),
  status: z.enum(['passed', 'warning', 'failed']),
  message: z.string(),
  /** XAPI's code when XAPI refused (UPDATE_PRECHECK_FAILED_…, CANNOT_EVACUATE_HOST…). */
  code: z.string().nullable(),
});
export type UpdatePrecheck = z.infer<typeof updatePrecheckSchema>;

/** The dry run: hosts in the order they are done, what each goes through, and the VMs that move off and back. */
export const rollingPlanSchema = z.array(
  z.object({
    hostId: objectIdSchema,
    steps: z.array(z.string()),
    vmIds: z.array(objectIdSchema),
  }),
);
export type RollingPlan = z.infer<typeof rollingPlanSchema>;

export const updatePrecheckResultSchema = z.object({ checks: z.array(updatePrecheckSchema), plan: rollingPlanSchema });
export type UpdatePrecheckResult = z.infer<typeof updatePrecheckResultSchema>;

/** What the person decides for a paused rolling update. */
export const rollingDecisionSchema = z.enum(['resume', 'retry', 'skip', 'abort']);
export type RollingDecision = z.infer<typeof rollingDecisionSchema>;

/** The host other_config key holding the history Xenith writes (JSON; newest last). */
export const updateHistoryKey = 'xenith:update-history';

/** One line of a host's update history, kept in the pool's own database so every client sees it. */
export const updateHistoryEntrySchema = z.object({
  /** ISO time the installation finished. */
  at: z.string().max(40),
  /** The pool user who ran it, and from where ("root via Xenith"). */
  by: z.string().max(200),
  family: updateFamilySchema,
  /** What was applied: name-version-release of packages, XenServer update names, CDN update ids. */
  updates: z.array(z.string().max(300)).max(300),
  /** Whether the host needed a reboot afterwards. */
  rebootNeeded: z.boolean(),
});
export type UpdateHistoryEntry = z.infer<typeof updateHistoryEntrySchema>;

/** The newest entries kept per host (other_config values should stay small). */
export const updateHistoryLimit = 50;
