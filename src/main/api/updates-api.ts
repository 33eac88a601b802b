import { callNow, type ActionDeps } from '../actions/action-context.js';
import { RollingUpdates } from '../updates/rolling/rolling-updates.js';
import { runUpdatePrechecks } from '../updates/rolling/rolling-prechecks.js';
import { runInstallUpdates, runSyncUpdates, runUploadUpdate } from '../updates/update-jobs.js';
import { listPoolUpdates } from '../updates/update-listing.js';
import type { BusyRetry } from '../updates/updater-plugin.js';
import type { PartialImplementation } from './implementation.js';

type UpdateMethods = 'updates.list' | 'updates.sync' | 'updates.upload' | 'updates.precheck' | 'updates.install' | 'updates.decide';

/** Updates for XCP-ng and XenServer pools: listing, the XenServer upload, prechecks, install and the rolling pool update. */
export function createUpdatesApi(deps: ActionDeps, rolling: RollingUpdates, options: { busyRetry?: BusyRetry | undefined } = {}): PartialImplementation<UpdateMethods> {
  return {
    'updates.list': ({ poolId, hostIds, catalogueUrl }) => listPoolUpdates(deps, poolId, { hostIds, catalogueUrl, busyRetry: options.busyRetry }),
    'updates.sync': async ({ poolId }) => ({ jobIds: [runSyncUpdates(deps, poolId)] }),
    'updates.upload': async ({ poolId, url, name, srId }) => ({ jobIds: [runUploadUpdate(deps, { poolId, url, name, srId })] }),
    // XAPI refusals inside the checks are results; only reaching the pool at all is a failure of the call.
    'updates.precheck': (input) => callNow(deps, input.poolId, () => runUpdatePrechecks(deps, input)),
    'updates.install': async (input) => {
      if (input.mode === 'automatic') return { jobIds: [await rolling.begin(input)] };
      return { jobIds: [runInstallUpdates(deps, input, { busyRetry: options.busyRetry })] };
    },
    'updates.decide': async ({ jobId, decision }) => {
      await rolling.decide(jobId, decision);
      return {};
    },
  };
}
