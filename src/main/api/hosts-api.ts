import type { ActionDeps } from '../actions/action-context.js';
import { hostEvacuationPlan, runEnterMaintenance, runExitMaintenance } from '../actions/host-maintenance.js';
import { runHostPower } from '../actions/host-power.js';
import type { PartialImplementation } from './implementation.js';

type HostMethods = 'host.power' | 'host.evacuationPlan' | 'host.enterMaintenance' | 'host.exitMaintenance';

/** The server actions: power, and XenCenter's maintenance mode. */
export function createHostsApi(deps: ActionDeps): PartialImplementation<HostMethods> {
  return {
    'host.power': async ({ hostIds, operation }) => ({ jobIds: runHostPower(deps, hostIds, operation) }),
    'host.evacuationPlan': async ({ hostId }) => hostEvacuationPlan(deps, hostId),
    'host.enterMaintenance': async ({ hostId, stoppedVmIds }) => ({ jobIds: [runEnterMaintenance(deps, hostId, stoppedVmIds)] }),
    'host.exitMaintenance': async ({ hostId, restoreVms }) => ({ jobIds: [runExitMaintenance(deps, hostId, restoreVms)] }),
  };
}
