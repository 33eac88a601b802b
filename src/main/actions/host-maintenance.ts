import type { ApiError } from '../../shared/api/errors.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { callNow, findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { clearEvacuatedVms, restoreEvacuatedVms, saveEvacuatedVms } from './host-evacuated-vms.js';
import { runningGuests } from './host-power.js';

/** The other_config key XenCenter sets on a host in maintenance mode (and reads to show it). */
export const maintenanceModeKey = 'MAINTENANCE_MODE';

export interface EvacuationPlan {
  moving: { vmId: string; toHostId: string | null }[];
  blocking: { vmId: string; reason: ApiError }[];
}

/**
 * host.evacuationPlan: XAPI's host.get_vms_which_prevent_evacuation names the VMs that cannot move and why; every
 * other guest on the host moves. XAPI does not publish where each goes (it decides while evacuating), so
 * `toHostId` is null.
 */
export async function hostEvacuationPlan(deps: ActionDeps, hostId: string): Promise<EvacuationPlan> {
  const host = findObject(deps.mirror, hostId, 'host');
  const preventing = await callNow(deps, host.$pool, (client) => client.call<Record<string, string[]>>('host.get_vms_which_prevent_evacuation', host.$id));
  const namer = mirrorNamer(deps.mirror);
  const blocking = Object.entries(preventing ?? {}).map(([vmId, errorInfo]) => {
    const [code = 'INTERNAL_ERROR', ...params] = (errorInfo ?? []).map(String);
    return { vmId, reason: describePoolError({ code, params }, host.$pool, namer) };
  });
  const blocked = new Set(blocking.map((entry) => entry.vmId));
  const moving = runningGuests(deps, host.$id)
    .filter((vm) => !blocked.has(vm.$id))
    .map((vm) => ({ vmId: vm.$id, toHostId: null }));
  return { moving, blocking };
}

/** Sets or clears the maintenance flag (remove first: add_to_other_config refuses an existing key). */
async function setMaintenanceFlag(xapi: JobXapi, host: XapiRecord<'host'>, on: boolean): Promise<void> {
  await xapi.call('host.remove_from_other_config', host.$id, maintenanceModeKey);
  if (on) await xapi.call('host.add_to_other_config', host.$id, maintenanceModeKey, 'true');
}

/**
 * host.enterMaintenance, as XenCenter does it: disable the host (no new VMs land there), mark it, and evacuate it
 * (XAPI migrates every VM away). When evacuation fails or is cancelled, the host is enabled and unmarked again,
 * so a failed attempt does not leave a server silently out of service.
 */
export function runEnterMaintenance(deps: ActionDeps, hostId: string, stoppedVmIds: readonly string[] = []): string {
  const host = findObject(deps.mirror, hostId, 'host');
  return startPoolJob(deps, { poolId: host.$pool, title: `Entering maintenance mode on ${quoted(host)}`, action: 'host.enterMaintenance', objectIds: [host.$id], cancellable: true }, async (xapi) => {
    await xapi.task('host.disable', [host.$id], [0, 0.05]);
    try {
      await setMaintenanceFlag(xapi, host, true);
      // What leaves the server, noted as XenCenter does, so Exit Maintenance Mode can offer to put it back.
      await saveEvacuatedVms(deps, xapi, host, stoppedVmIds);
      await xapi.task('host.evacuate', [host.$id], [0.05, 1]);
    } catch (error) {
      await clearEvacuatedVms(xapi, host).catch(() => {});
      await setMaintenanceFlag(xapi, host, false).catch(() => {});
      await xapi.call('host.enable', host.$id).catch(() => {});
      throw error;
    }
  });
}

/**
 * host.exitMaintenance: enable the host and clear the flag; then, when asked, put back the VMs that left it for
 * maintenance (migrate, resume or start each there, as XenCenter offers), and forget the list either way.
 */
export function runExitMaintenance(deps: ActionDeps, hostId: string, restoreVms = false): string {
  const host = findObject(deps.mirror, hostId, 'host');
  return startPoolJob(deps, { poolId: host.$pool, title: `Exiting maintenance mode on ${quoted(host)}`, action: 'host.exitMaintenance', objectIds: [host.$id], cancellable: false }, async (xapi) => {
    await xapi.task('host.enable', [host.$id], [0, restoreVms ? 0.2 : 0.9]);
    await setMaintenanceFlag(xapi, host, false);
    if (restoreVms) await restoreEvacuatedVms(deps, xapi, host, [0.2, 1]);
    else await clearEvacuatedVms(xapi, host);
    await mirrorShows(deps.mirror, 'host', host.$id, (object) => !(maintenanceModeKey in object.other_config));
  });
}
