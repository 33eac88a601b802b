import { XenithErrorCode } from '../../shared/api/errors.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { findObject, mirrorNamer, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** Disk VDIs (not CDs: an ISO belongs to its library) attached to a VM. */
function diskVdiIds(deps: ActionDeps, vmId: string): string[] {
  const ids: string[] = [];
  for (const vbd of deps.mirror.referrers('VBD.VM', vmId)) {
    if (vbd.type === 'Disk' && deps.mirror.get(vbd.VDI, 'VDI')) ids.push(vbd.VDI);
  }
  return ids;
}

/** The VM's snapshots (VMs whose snapshot_of is it). */
function snapshotsOf(deps: ActionDeps, vmId: string): XapiRecord<'VM'>[] {
  return deps.mirror.referrers('VM.snapshot_of', vmId);
}

/**
 * Checks the choice: only snapshots of this VM, and only disks attached to this VM or one of its snapshots
 * (never a disk of another VM picked by mistake).
 */
function checkedChoice(deps: ActionDeps, vm: XapiRecord<'VM'>, vdiIds: readonly string[], snapshotIds: readonly string[]) {
  const snapshots = snapshotsOf(deps, vm.$id);
  const own = new Set([vm, ...snapshots].flatMap((owner) => diskVdiIds(deps, owner.$id)));
  const chosenSnapshots = snapshotIds.map((id) => {
    const snapshot = snapshots.find((candidate) => candidate.$id === id);
    if (!snapshot) throw new ApiFailure(XenithErrorCode.validation, `${id} is not a snapshot of VM ${quoted(vm)}.`, { params: [id] });
    return snapshot;
  });
  const chosenVdis = vdiIds.map((id) => {
    if (!own.has(id)) throw new ApiFailure(XenithErrorCode.validation, `The disk ${id} is not attached to VM ${quoted(vm)} or its snapshots, so it is not deleted with it.`, { params: [id] });
    return findObject(deps.mirror, id, 'VDI');
  });
  return { snapshots: chosenSnapshots, vdis: chosenVdis };
}

/**
 * vm.delete: XAPI first confirms the VM may be destroyed (VM.assert_operation_valid), then the chosen snapshots
 * go, then the VM, then the chosen disks. A disk that cannot be deleted does not stop the others; the job then
 * fails saying what was deleted and what was not.
 */
export function runVmDelete(deps: ActionDeps, vmId: string, vdiIds: readonly string[], snapshotIds: readonly string[]): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const { snapshots, vdis } = checkedChoice(deps, vm, vdiIds, snapshotIds);
  const steps = snapshots.length + 1 + vdis.length;
  const span = (step: number) => [step / steps, (step + 1) / steps] as const;
  const describe = (error: unknown) => describePoolError(error, vm.$pool, mirrorNamer(deps.mirror));
  return startPoolJob(deps, { poolId: vm.$pool, title: `Deleting ${vm.is_a_template ? 'template' : 'VM'} ${quoted(vm)}`, action: 'vm.delete', objectIds: [vm.$id], cancellable: false }, async (xapi) => {
    await xapi.call('VM.assert_operation_valid', vm.$id, 'destroy');
    let step = 0;
    for (const snapshot of snapshots) {
      try {
        await xapi.task('VM.destroy', [snapshot.$id], span(step++));
      } catch (error) {
        if (error instanceof JobCancelledError) throw error;
        const reason = describe(error);
        const done = step - 1;
        throw new ApiFailure(reason.code, `Snapshot ${quoted(snapshot)} could not be deleted: ${reason.message}${done > 0 ? ` ${done} snapshot(s) were deleted;` : ''} the VM and its disks were kept.`, { params: reason.params ?? [] });
      }
    }
    await xapi.task('VM.destroy', [vm.$id], span(step++));
    const failures: { vdi: XapiRecord<'VDI'>; reason: ReturnType<typeof describe> }[] = [];
    for (const vdi of vdis) {
      try {
        await xapi.task('VDI.destroy', [vdi.$id], span(step++));
      } catch (error) {
        failures.push({ vdi, reason: describe(error) });
      }
    }
    const [first] = failures;
    if (first) {
      const list = failures.map(({ vdi, reason }) => `${quoted(vdi)} (${reason.code})`).join(', ');
      throw new ApiFailure(first.reason.code, `VM ${quoted(vm)} was deleted, but ${failures.length} of ${vdis.length} disk(s) were not: ${list}. ${first.reason.message}`, { params: first.reason.params ?? [] });
    }
  });
}
