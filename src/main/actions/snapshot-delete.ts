import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import { nullRef } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { mirrorNamer, quoted, startPoolJob } from './action-context.js';
import { findSnapshot, type SnapshotDeps } from './snapshot-context.js';

/** The disks a snapshot owns (its disk VDIs, not CDs) and its memory image, as refs. */
function ownedVdis(deps: SnapshotDeps, snapshot: LooseXapiObject): string[] {
  const vdis: string[] = [];
  for (const vbdId of deps.mirror.index.lookup('VBD.VM', snapshot.$id)) {
    const vbd = deps.mirror.get(vbdId, 'VBD');
    if (vbd?.type === 'Disk' && typeof vbd.VDI === 'string' && vbd.VDI !== nullRef) vdis.push(vbd.VDI);
  }
  if (typeof snapshot.suspend_VDI === 'string' && snapshot.suspend_VDI !== nullRef) vdis.push(snapshot.suspend_VDI);
  return vdis;
}

/**
 * snapshot.delete: one job per snapshot (XenCenter's VMSnapshotDeleteAction): VM.destroy, which rebases the
 * snapshot's children in the tree onto its parent, then its disks and memory image (VM.destroy leaves VDIs). A disk
 * still used by another VM is kept; one that cannot be deleted fails the job, naming it.
 */
export function runSnapshotDelete(deps: SnapshotDeps, snapshotIds: readonly string[]): string[] {
  const snapshots = snapshotIds.map((id) => findSnapshot(deps, id));
  return snapshots.map((snapshot) =>
    startPoolJob(deps, { poolId: snapshot.$pool, title: `Deleting snapshot ${quoted(snapshot)}`, action: 'snapshot.delete', objectIds: [snapshot.$id], cancellable: false }, async (xapi) => {
      const vdis = ownedVdis(deps, snapshot);
      const steps = 1 + vdis.length;
      await xapi.task('VM.destroy', [snapshot.$id], [0, 1 / steps]);
      const failures: string[] = [];
      let first: ReturnType<typeof describePoolError> | null = null;
      for (const [index, vdi] of vdis.entries()) {
        try {
          const vbds = await xapi.call<string[]>('VDI.get_VBDs', vdi);
          if (vbds.length > 0) continue;
          await xapi.task('VDI.destroy', [vdi], [(index + 1) / steps, (index + 2) / steps]);
        } catch (error) {
          const reason = describePoolError(error, snapshot.$pool, mirrorNamer(deps.mirror));
          if (reason.code === 'HANDLE_INVALID') continue; // already gone
          first ??= reason;
          failures.push(`${quoted(deps.mirror.get(vdi, 'VDI'))} (${reason.code})`);
        }
      }
      if (first) {
        throw new ApiFailure(first.code, `Snapshot ${quoted(snapshot)} was deleted, but ${failures.length} of its ${vdis.length} disk(s) were not: ${failures.join(', ')}. ${first.message}`, { params: first.params ?? [] });
      }
    }),
  );
}
