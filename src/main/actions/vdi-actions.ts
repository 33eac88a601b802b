import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { assertSamePool, findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** Whether the VM has a running domain a disk can be plugged into. */
export function vmIsLive(vm: XapiRecord<'VM'>): boolean {
  return vm.power_state === 'Running' || vm.power_state === 'Paused';
}

/** A VBD for a disk, as XenCenter makes one: the next free position, read-write unless asked, hot-unpluggable. */
async function createDiskVbd(xapi: JobXapi, vm: XapiRecord<'VM'>, vdi: string, readOnly: boolean, bootable: boolean): Promise<string> {
  return xapi.call<string>('VBD.create', {
    VM: vm.$id, VDI: vdi, userdevice: 'autodetect', bootable, mode: readOnly ? 'RO' : 'RW', type: 'Disk', unpluggable: true, empty: false,
    other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
  });
}

/** Plugs a new VBD into a running VM; on failure the VBD is removed again (and `undo` runs) and the job fails saying so. */
async function plugNew(deps: ActionDeps, xapi: JobXapi, vm: XapiRecord<'VM'>, vbd: string, undo: () => Promise<void>): Promise<void> {
  try {
    await xapi.task('VBD.plug', [vbd], [0.5, 1]);
  } catch (error) {
    await xapi.call('VBD.destroy', vbd).catch(() => {});
    await undo();
    const reason = describePoolError(error, vm.$pool, mirrorNamer(deps.mirror));
    throw new ApiFailure(reason.code, `The disk could not be activated in ${quoted(vm)}, so it was not added: ${reason.message}`, { params: reason.params ?? [] });
  }
}

/** Whether the VM has no disk yet (a first disk is made bootable, as XenCenter does). */
function hasNoDisk(deps: ActionDeps, vm: XapiRecord<'VM'>): boolean {
  return !vm.VBDs.some((ref) => deps.mirror.get(ref, 'VBD')?.type === 'Disk');
}

export interface VdiCreateInput {
  srId: string;
  name: string;
  description: string;
  size: number;
  vmId?: string | undefined;
  readOnly?: boolean | undefined;
}

/**
 * vdi.create (Add… on a VM's or an SR's Storage tab): VDI.create on the SR; for a VM, a VBD at the next free
 * position, plugged if the VM runs. What was made is removed when a later step fails.
 */
export function runVdiCreate(deps: ActionDeps, input: VdiCreateInput): string {
  const sr = findObject(deps.mirror, input.srId, 'SR');
  const vm = input.vmId ? findObject(deps.mirror, input.vmId, 'VM') : undefined;
  if (vm) assertSamePool(vm, sr);
  const title = vm ? `Adding disk '${input.name}' to ${quoted(vm)}` : `Creating disk '${input.name}' on ${quoted(sr)}`;
  const spec = { poolId: sr.$pool, title, action: 'vdi.create', objectIds: vm ? [vm.$id, sr.$id] : [sr.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const vdi = await xapi.taskRef('VDI.create', [{
      name_label: input.name, name_description: input.description, SR: sr.$id, virtual_size: input.size, type: 'user', sharable: false,
      read_only: input.readOnly === true, other_config: {}, xenstore_data: {}, sm_config: {}, tags: [],
    }], [0, 0.4]);
    const removeDisk = async () => {
      await xapi.call('VDI.destroy', vdi).catch(() => {});
    };
    job.setResult(vdi);
    if (!vm) return;
    let vbd: string;
    try {
      vbd = await createDiskVbd(xapi, vm, vdi, input.readOnly === true, hasNoDisk(deps, vm));
    } catch (error) {
      await removeDisk();
      throw error;
    }
    if (vmIsLive(deps.mirror.get(vm.$id, 'VM') ?? vm)) await plugNew(deps, xapi, vm, vbd, removeDisk);
    await mirrorShows(deps.mirror, 'VBD', vbd, () => true);
  });
}

/** vdi.attach (Attach… on a VM's Storage tab): a VBD for an existing disk, plugged if the VM runs. */
export function runVdiAttach(deps: ActionDeps, vmId: string, vdiId: string, readOnly: boolean): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const vdi = findObject(deps.mirror, vdiId, 'VDI');
  assertSamePool(vm, vdi);
  const spec = { poolId: vm.$pool, title: `Attaching disk ${quoted(vdi)} to ${quoted(vm)}`, action: 'vdi.attach', objectIds: [vm.$id, vdi.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    const vbd = await createDiskVbd(xapi, vm, vdi.$id, readOnly || vdi.read_only, hasNoDisk(deps, vm));
    if (vmIsLive(deps.mirror.get(vm.$id, 'VM') ?? vm)) await plugNew(deps, xapi, vm, vbd, async () => {});
    await mirrorShows(deps.mirror, 'VBD', vbd, () => true);
  });
}

/** Unplugs a VBD from its running VM if it is plugged. */
async function unplugIfAttached(xapi: JobXapi, vbd: XapiRecord<'VBD'>): Promise<void> {
  if (vbd.currently_attached) await xapi.task('VBD.unplug', [vbd.$id], [0, 0.6]);
}

/** vdi.detach (Detach): the disk is deactivated if its VM runs, then its VBD removed; the disk stays on its SR. */
export function runVdiDetach(deps: ActionDeps, vbdId: string): string {
  const vbd = findObject(deps.mirror, vbdId, 'VBD');
  const vm = findObject(deps.mirror, vbd.VM, 'VM');
  const vdi = deps.mirror.get(vbd.VDI, 'VDI');
  const spec = { poolId: vm.$pool, title: `Detaching disk ${quoted(vdi)} from ${quoted(vm)}`, action: 'vdi.detach', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    await unplugIfAttached(xapi, vbd);
    await xapi.call('VBD.destroy', vbd.$id);
  });
}

/** vdi.delete (Delete): every VBD of the disk deactivated and removed, then VDI.destroy. */
export function runVdiDelete(deps: ActionDeps, vdiId: string): string {
  const vdi = findObject(deps.mirror, vdiId, 'VDI');
  const spec = { poolId: vdi.$pool, title: `Deleting disk ${quoted(vdi)}`, action: 'vdi.delete', objectIds: [vdi.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    for (const ref of vdi.VBDs) {
      const vbd = deps.mirror.get(ref, 'VBD');
      if (!vbd) continue;
      await unplugIfAttached(xapi, vbd);
      await xapi.call('VBD.destroy', vbd.$id);
    }
    await xapi.task('VDI.destroy', [vdi.$id], [0.6, 1]);
  });
}

/** vbd.setActive (Activate / Deactivate): VBD.plug or VBD.unplug in the running VM. */
export function runVbdSetActive(deps: ActionDeps, vbdId: string, active: boolean): string {
  const vbd = findObject(deps.mirror, vbdId, 'VBD');
  const vm = findObject(deps.mirror, vbd.VM, 'VM');
  const vdi = deps.mirror.get(vbd.VDI, 'VDI');
  const title = `${active ? 'Activating' : 'Deactivating'} disk ${quoted(vdi)} in ${quoted(vm)}`;
  const spec = { poolId: vm.$pool, title, action: 'vbd.setActive', objectIds: [vm.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    await xapi.task(active ? 'VBD.plug' : 'VBD.unplug', [vbd.$id]);
  });
}
