import type { UpdateSelection } from '../../shared/api/update-schema.js';
import { quoted, startPoolJob, type ActionDeps } from '../actions/action-context.js';
import { poolClient } from '../actions/action-context.js';
import { syncCdnUpdates } from './cdn-updates.js';
import { installOnHost } from './host-install.js';
import { hostsInOrder, poolForUpdates } from './pool-update-family.js';
import { updatedBy } from './update-history.js';
import type { BusyRetry } from './updater-plugin.js';
import { uploadXenServerUpdate } from './xenserver-upload.js';

/** What the update jobs need besides the actions' deps. */
export interface UpdateJobOptions {
  busyRetry?: BusyRetry | undefined;
}

/**
 * Installs on the chosen hosts, master first, one at a time (XCP-ng's rule, and XAPI's: members must not run newer
 * software than the master) — "I will carry out the post-update tasks myself": no evacuation, no reboot; the job
 * names the servers that now wait for a reboot. A XenServer update's files are removed from the pool afterwards.
 */
export function runInstallUpdates(deps: ActionDeps, input: { poolId: string; hostIds?: readonly string[] | undefined; selection: UpdateSelection }, options: UpdateJobOptions = {}): string {
  const facts = poolForUpdates(deps.mirror, input.poolId);
  const hosts = hostsInOrder(facts, input.hostIds);
  const ctx = { deps, poolId: input.poolId, selection: input.selection, by: updatedBy(deps.pools, input.poolId), busyRetry: options.busyRetry };
  return startPoolJob(deps, { poolId: input.poolId, title: `Installing updates on ${quoted(facts.pool.name_label ? facts.pool : facts.master)}`, action: 'updates.install', objectIds: [facts.pool.$id], cancellable: true }, async (xapi, job) => {
    const waiting: string[] = [];
    for (const [i, host] of hosts.entries()) {
      job.throwIfCancelled();
      const outcome = await installOnHost(ctx, xapi, host, [i / hosts.length, (i + 1) / hosts.length]);
      if (outcome.rebootNeeded) waiting.push(quoted(host));
      else if (outcome.toolstackRestart) waiting.push(`${quoted(host)} (toolstack restart)`);
    }
    if (input.selection.family === 'xenserver') await xapi.call('pool_update.pool_clean', input.selection.poolUpdateId).catch(() => {});
    if (waiting.length > 0) job.setNotes([`Waiting for a reboot: ${waiting.join(', ')}.`]);
  });
}

/** XenServer 8.4: the pool copies the CDN's updates (pool.sync_updates); the listing then shows them with the new hash. */
export function runSyncUpdates(deps: ActionDeps, poolId: string): string {
  const facts = poolForUpdates(deps.mirror, poolId);
  return startPoolJob(deps, { poolId, title: `Synchronizing updates for ${quoted(facts.pool.name_label ? facts.pool : facts.master)}`, action: 'updates.sync', objectIds: [facts.pool.$id], cancellable: true }, async (xapi) => {
    await syncCdnUpdates(xapi, facts.pool.$id);
  });
}

/** XenServer ≤ 8.3: downloads, unzips and uploads an update in one stream and introduces it; the job's result is the pool_update. */
export function runUploadUpdate(deps: ActionDeps, input: { poolId: string; url: string; name: string; srId?: string | undefined }): string {
  const facts = poolForUpdates(deps.mirror, input.poolId);
  return startPoolJob(deps, { poolId: input.poolId, title: `Uploading update ${input.name} to ${quoted(facts.pool.name_label ? facts.pool : facts.master)}`, action: 'updates.upload', objectIds: [facts.pool.$id], cancellable: true }, async (xapi, job) => {
    const update = await uploadXenServerUpdate({ mirror: deps.mirror, client: () => poolClient(deps.pools, input.poolId) }, xapi, job, { poolId: input.poolId, url: input.url, name: input.name, srId: input.srId ?? null });
    job.setResult(update);
  });
}
