import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { assertSamePool, findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';
import { vmIsLive } from './vdi-actions.js';

/** XAPI's VIF record for a VM interface: device, network, MAC ('' lets XAPI make one) and QoS rate limit. */
function vifRecord(vm: string, network: XapiRecord<'network'>, device: string, mac: string, kbps: number | null, otherConfig: Record<string, string> = {}): Record<string, unknown> {
  return {
    VM: vm, network: network.$id, device, MAC: mac, MTU: network.MTU, other_config: otherConfig,
    qos_algorithm_type: kbps ? 'ratelimit' : '', qos_algorithm_params: kbps ? { kbps: String(kbps) } : {},
    locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [],
  };
}

/** The lowest device number the VM's interfaces leave free (XenCenter's choice). */
function freeDevice(deps: ActionDeps, vm: XapiRecord<'VM'>): string {
  const used = new Set(vm.VIFs.map((ref) => deps.mirror.get(ref, 'VIF')?.device));
  let n = 0;
  while (used.has(String(n))) n++;
  return String(n);
}

/** Plugs a new VIF into a running VM; when that fails, the VIF is removed and the job says why. */
async function plugNew(deps: ActionDeps, xapi: JobXapi, vm: XapiRecord<'VM'>, vif: string): Promise<void> {
  try {
    await xapi.task('VIF.plug', [vif], [0.4, 1]);
  } catch (error) {
    await xapi.call('VIF.destroy', vif).catch(() => {});
    const reason = describePoolError(error, vm.$pool, mirrorNamer(deps.mirror));
    throw new ApiFailure(reason.code, `The interface could not be activated in ${quoted(vm)}, so it was not added: ${reason.message}`, { params: reason.params ?? [] });
  }
}

/** vif.create (Add Interface…): a VIF at the next free device, plugged if the VM runs. */
export function runVifCreate(deps: ActionDeps, input: { vmId: string; networkId: string; mac?: string | undefined; kbps?: number | undefined }): string {
  const vm = findObject(deps.mirror, input.vmId, 'VM');
  const network = findObject(deps.mirror, input.networkId, 'network');
  assertSamePool(vm, network);
  const spec = { poolId: vm.$pool, title: `Adding an interface on ${quoted(network)} to ${quoted(vm)}`, action: 'vif.create', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const vif = await xapi.taskRef('VIF.create', [vifRecord(vm.$id, network, freeDevice(deps, vm), input.mac ?? '', input.kbps ?? null)], [0, 0.4]);
    if (vmIsLive(deps.mirror.get(vm.$id, 'VM') ?? vm)) await plugNew(deps, xapi, vm, vif);
    await mirrorShows(deps.mirror, 'VIF', vif, () => true);
    job.setResult(vif);
  });
}

/** vif.delete (Remove): deactivated first if plugged, then VIF.destroy. */
export function runVifDelete(deps: ActionDeps, vifId: string): string {
  const vif = findObject(deps.mirror, vifId, 'VIF');
  const vm = findObject(deps.mirror, vif.VM, 'VM');
  const spec = { poolId: vm.$pool, title: `Removing interface ${vif.device} from ${quoted(vm)}`, action: 'vif.delete', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    if (vif.currently_attached) await xapi.task('VIF.unplug', [vif.$id], [0, 0.7]);
    await xapi.call('VIF.destroy', vif.$id);
  });
}

/** vif.setActive (Activate / Deactivate): VIF.plug or VIF.unplug in the running VM. */
export function runVifSetActive(deps: ActionDeps, vifId: string, active: boolean): string {
  const vif = findObject(deps.mirror, vifId, 'VIF');
  const vm = findObject(deps.mirror, vif.VM, 'VM');
  const spec = { poolId: vm.$pool, title: `${active ? 'Activating' : 'Deactivating'} interface ${vif.device} of ${quoted(vm)}`, action: 'vif.setActive', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    await xapi.task(active ? 'VIF.plug' : 'VIF.unplug', [vif.$id]);
  });
}

export interface VifEditInput {
  vifId: string;
  networkId?: string | undefined;
  mac?: string | undefined;
  kbps?: number | null | undefined;
}

/**
 * vif.edit (an interface's Properties): the QoS limit with its setters, another network with VIF.move (live), and
 * another MAC by recreating the interface at the same device (XAPI fixes a VIF's MAC), plugged again if it was;
 * if the new one cannot be made, the old one is made again.
 */
export function runVifEdit(deps: ActionDeps, input: VifEditInput): string {
  const vif = findObject(deps.mirror, input.vifId, 'VIF');
  const vm = findObject(deps.mirror, vif.VM, 'VM');
  const network = input.networkId ? findObject(deps.mirror, input.networkId, 'network') : findObject(deps.mirror, vif.network, 'network');
  assertSamePool(vm, network);
  const currentKbps = vif.qos_algorithm_type === 'ratelimit' ? Number(vif.qos_algorithm_params.kbps) || null : null;
  const kbps = input.kbps === undefined ? currentKbps : input.kbps;
  const newMac = input.mac !== undefined && input.mac.toLowerCase() !== vif.MAC.toLowerCase();
  const spec = { poolId: vm.$pool, title: `Changing interface ${vif.device} of ${quoted(vm)}`, action: 'vif.edit', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    if (newMac) {
      const wasPlugged = vif.currently_attached;
      if (wasPlugged) await xapi.task('VIF.unplug', [vif.$id], [0, 0.3]);
      await xapi.call('VIF.destroy', vif.$id);
      let made: string;
      try {
        made = await xapi.call<string>('VIF.create', vifRecord(vm.$id, network, vif.device, input.mac!, kbps, vif.other_config));
      } catch (error) {
        const original = await xapi.call<string>('VIF.create', vifRecord(vm.$id, findObject(deps.mirror, vif.network, 'network'), vif.device, vif.MAC, currentKbps, vif.other_config)).catch(() => null);
        if (original && wasPlugged) await xapi.call('VIF.plug', original).catch(() => {});
        throw error;
      }
      if (wasPlugged) await xapi.task('VIF.plug', [made], [0.6, 1]);
      job.setResult(made);
      return;
    }
    if (network.$id !== vif.network) await xapi.task('VIF.move', [vif.$id, network.$id], [0, 0.5]);
    if (kbps !== currentKbps) {
      await xapi.call('VIF.set_qos_algorithm_type', vif.$id, kbps ? 'ratelimit' : '');
      await xapi.call('VIF.set_qos_algorithm_params', vif.$id, kbps ? { kbps: String(kbps) } : {});
    }
  });
}
