import type { ActionDeps } from '../actions/action-context.js';
import { hostEvacuationPlan, runEnterMaintenance, runExitMaintenance } from '../actions/host-maintenance.js';
import { runHostPower } from '../actions/host-power.js';
import { runDesignateMaster } from '../actions/pool-master.js';
import type { PartialImplementation } from './implementation.js';

type HostMethods = 'host.power' | 'host.evacuationPlan' | 'host.enterMaintenance' | 'host.exitMaintenance' | 'pool.designateMaster';

/** The server actions: power, XenCenter's maintenance mode, and a new pool master. */
export function createHostsApi(deps: ActionDeps): PartialImplementation<HostMethods> {
  return {
    'host.power': async ({ hostIds, operation, guests }) => ({ jobIds: runHostPower(deps, hostIds, operation, guests) }),
    'pool.designateMaster': async ({ hostId }) => ({ jobIds: [runDesignateMaster(deps, hostId)] }),
    'host.evacuationPlan': async ({ hostId }) => hostEvacuationPlan(deps, hostId),
    'host.enterMaintenance': async ({ hostId, stoppedVmIds }) => ({ jobIds: [runEnterMaintenance(deps, hostId, stoppedVmIds)] }),
    'host.exitMaintenance': async ({ hostId, restoreVms }) => ({ jobIds: [runExitMaintenance(deps, hostId, restoreVms)] }),
  };
}
