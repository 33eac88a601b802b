import type { UpdateSelection } from '../../shared/api/update-schema.js';
import { packageNeedsReboot } from '../../shared/util/host-updates.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { poolClient, type ActionDeps } from '../actions/action-context.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi, ProgressSpan } from '../jobs/job-xapi.js';
import { cdnUpdatesFor, fetchCdnListing } from './cdn-updates.js';
import { markXcpRebootNeeded, recordUpdateHistory } from './update-history.js';
import { packagesInTranscript, runXcpUpdate, type BusyRetry } from './updater-plugin.js';

/** What installing on one host did. */
export interface HostInstallOutcome {
  /** What was applied (name-version-release, update names, CDN ids); empty when the host had nothing to take. */
  applied: string[];
  rebootNeeded: boolean;
  toolstackRestart: boolean;
}

export interface InstallContext {
  deps: ActionDeps;
  poolId: string;
  selection: UpdateSelection;
  /** Who installs, for the history ("root via Xenith on laptop"). */
  by: string;
  busyRetry?: BusyRetry | undefined;
}

/** "kernel-4.19.19-8.0.38.1.xcpng8.3" → "kernel". */
const packageName = (nvr: string): string => /^(.*)-[^-]+-[^-]+$/.exec(nvr)?.[1] ?? nvr;

/**
 * Installs the selection on one host, the family's way: XCP-ng's `update` (yum), a XenServer `pool_update.apply`,
 * or XenServer 8.4's `host.apply_updates` for the synced hash. Records what was applied in the host's history
 * (pool database) and, for XCP-ng, the reboot mark Xen Orchestra also reads. Safe to run again on a host that is
 * already done (resume after a crash): yum has nothing left to do, an applied update is taken as applied.
 */
export async function installOnHost(ctx: InstallContext, xapi: JobXapi, host: XapiRecord<'host'>, span: ProgressSpan): Promise<HostInstallOutcome> {
  const { selection } = ctx;
  let outcome: HostInstallOutcome;
  switch (selection.family) {
    case 'xcp-ng': {
      const { stdout } = await runXcpUpdate(xapi, host, selection.packages, span, ctx.busyRetry);
      const applied = packagesInTranscript(stdout);
      outcome = { applied, rebootNeeded: applied.some((nvr) => packageNeedsReboot(packageName(nvr))), toolstackRestart: false };
      if (outcome.rebootNeeded) await markXcpRebootNeeded(xapi, host.$id);
      break;
    }
    case 'xenserver': {
      const update = ctx.deps.mirror.get(selection.poolUpdateId, 'pool_update');
      if (!update) throw new ApiFailure('NOT_FOUND', 'The uploaded update is no longer in the pool. Upload it again.', { params: [selection.poolUpdateId] });
      let applied = [update.name_label];
      try {
        await xapi.task('pool_update.apply', [update.$id, host.$id], span);
      } catch (error) {
        if ((error as { code?: unknown }).code !== 'UPDATE_ALREADY_APPLIED') throw error;
        applied = [];
      }
      outcome = { applied, rebootNeeded: update.after_apply_guidance.includes('restartHost'), toolstackRestart: update.after_apply_guidance.includes('restartXAPI') };
      break;
    }
    case 'cdn': {
      const master = ctx.deps.pools.connection(ctx.poolId).master;
      const listing = master ? await fetchCdnListing(poolClient(ctx.deps.pools, ctx.poolId), master) : null;
      const pending = listing ? cdnUpdatesFor(listing, host.$id) : [];
      await xapi.task('host.apply_updates', [host.$id, selection.hash], span);
      const guidance = (await xapi.call<string[]>('host.get_pending_guidances', host.$id)) ?? [];
      outcome = { applied: pending.map((u) => u.id), rebootNeeded: guidance.includes('reboot_host'), toolstackRestart: guidance.includes('restart_toolstack') };
      break;
    }
  }
  if (outcome.applied.length > 0) await recordUpdateHistory(xapi, host.$id, { by: ctx.by, family: selection.family, updates: outcome.applied, rebootNeeded: outcome.rebootNeeded });
  return outcome;
}
