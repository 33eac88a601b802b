import { nullRef, type LooseXapiObject } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { JobCancelledError } from '../jobs/job-cancelled.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { mirrorNamer, quoted, startPoolJob } from './action-context.js';
import { findSnapshot, snapshotVm, type SnapshotDeps } from './snapshot-context.js';
import { takeSnapshot } from './snapshot-take.js';

/** Whether the VM ran when the snapshot was taken (snapshot_info, or a checkpoint's memory image for older pools). */
function ranAtSnapshot(snapshot: LooseXapiObject): boolean {
  const info = snapshot.snapshot_info as Record<string, string> | undefined;
  const state = info?.['power-state-at-snapshot'];
  return state !== undefined ? state === 'Running' : snapshot.power_state === 'Suspended';
}

/** What XenCenter names the snapshot it takes of the current state before reverting. */
export function safetySnapshotName(snapshot: LooseXapiObject): string {
  return `Before reverting to ${quoted(snapshot)}`;
}

/**
 * Brings the VM back to how it was when the snapshot was taken (XenCenter's VMSnapshotRevertAction): a VM that ran
 * is started again (a disk snapshot) or resumed from its memory image (a checkpoint), on the server it ran on before
 * the revert when that server can take it, else wherever the pool places it.
 */
async function restorePowerState(xapi: JobXapi, vmRef: string, previousHost: string | null): Promise<void> {
  const state = await xapi.call<string>('VM.get_power_state', vmRef);
  const start = state === 'Halted' ? 'start' : state === 'Suspended' ? 'resume' : null;
  if (!start) return;
  const canBootThere = previousHost !== null && (await xapi.call('VM.assert_can_boot_here', vmRef, previousHost).then(() => true, () => false));
  if (canBootThere) await xapi.task(`VM.${start}_on`, [vmRef, previousHost, false, false], [0.8, 1]);
  else await xapi.task(`VM.${start}`, [vmRef, false, false], [0.8, 1]);
}

/**
 * snapshot.revert: optionally snapshots the current state first (with memory when the VM runs, so nothing is lost),
 * then VM.revert, then restores the power state the snapshot was taken in.
 */
export function runSnapshotRevert(deps: SnapshotDeps, snapshotId: string, takeSnapshotFirst: boolean): string {
  const snapshot = findSnapshot(deps, snapshotId);
  const vm = snapshotVm(deps, snapshot);
  const title = `Reverting VM ${quoted(vm)} to snapshot ${quoted(snapshot)}`;
  return startPoolJob(deps, { poolId: vm.$pool, title, action: 'snapshot.revert', objectIds: [vm.$id, snapshot.$id], cancellable: true }, async (xapi, job) => {
    const current = deps.mirror.get(vm.$id, 'VM') ?? vm;
    const resident = typeof current.resident_on === 'string' && current.resident_on !== nullRef ? current.resident_on : null;
    if (takeSnapshotFirst) {
      const withMemory = current.power_state === 'Running' && Array.isArray(current.allowed_operations) && current.allowed_operations.includes('checkpoint');
      await takeSnapshot(deps, xapi, current, { vmId: vm.$id, name: safetySnapshotName(snapshot), description: '', memory: withMemory, quiesce: false }, [0, 0.3]);
      job.throwIfCancelled();
    }
    await xapi.task('VM.revert', [snapshot.$id], [takeSnapshotFirst ? 0.3 : 0, 0.8]);
    const restore = ranAtSnapshot(snapshot);
    if (restore) {
      try {
        await restorePowerState(xapi, vm.$id, resident);
      } catch (error) {
        if (error instanceof JobCancelledError) throw error;
        const reason = describePoolError(error, vm.$pool, mirrorNamer(deps.mirror));
        throw new ApiFailure(reason.code, `VM ${quoted(vm)} was reverted to ${quoted(snapshot)}, but could not be started again: ${reason.message}`, { params: reason.params ?? [] });
      }
    }
    await mirrorShows(deps.mirror, vm.$id, (object) => object.parent === snapshot.$id && (!restore || object.power_state === 'Running'));
  });
}
