import { nullRef } from '../../shared/xapi/objects.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { assertSamePool, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** vm.clone: VM.clone (copy-on-write disks on the same SRs); the job's result is the new VM. */
export function runVmClone(deps: ActionDeps, vmId: string, name: string): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  return startPoolJob(deps, { poolId: vm.$pool, title: `Cloning VM ${quoted(vm)} to '${name}'`, action: 'vm.clone', objectIds: [vm.$id], cancellable: true }, async (xapi, job) => {
    const clone = await xapi.taskRef('VM.clone', [vm.$id, name]);
    await mirrorShows(deps.mirror, 'VM', clone, () => true);
    job.setResult(clone);
  });
}

/**
 * vm.copy: VM.copy (full copies of the disks) onto one SR, or each disk onto its own SR when none is chosen.
 * Cancelling stops XAPI's copy, and XAPI removes what it had made (the half-copied VM and disks).
 */
export function runVmCopy(deps: ActionDeps, vmId: string, name: string, srId: string | null): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const sr = srId === null ? null : findObject(deps.mirror, srId, 'SR');
  if (sr) assertSamePool(vm, sr);
  const title = `Copying ${vm.is_a_template ? 'template' : 'VM'} ${quoted(vm)} to '${name}'${sr ? ` on ${quoted(sr)}` : ''}`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'vm.copy', objectIds: [vm.$id], cancellable: true }, async (xapi, job) => {
    const copy = await xapi.taskRef('VM.copy', [vm.$id, name, sr?.$id ?? nullRef]);
    await mirrorShows(deps.mirror, 'VM', copy, () => true);
    job.setResult(copy);
  });
}
