import { runSnapshotDelete } from '../actions/snapshot-delete.js';
import { runSnapshotNewVm } from '../actions/snapshot-new-vm.js';
import { runSnapshotRevert } from '../actions/snapshot-revert.js';
import { runVmSnapshot } from '../actions/snapshot-take.js';
import { snapshotThumbnail } from '../actions/snapshot-thumbnail.js';
import type { SnapshotDeps } from '../actions/snapshot-context.js';
import type { PartialImplementation } from './implementation.js';

type SnapshotMethods = 'vm.snapshot' | 'snapshot.revert' | 'snapshot.delete' | 'snapshot.newVm' | 'snapshot.thumbnail';

/** Snapshots: take, revert, delete, new VM or template from one (jobs), and the stored console screenshot. */
export function createSnapshotsApi(deps: SnapshotDeps): PartialImplementation<SnapshotMethods> {
  return {
    'vm.snapshot': async (input) => ({ jobIds: [runVmSnapshot(deps, input)] }),
    'snapshot.revert': async ({ snapshotId, takeSnapshotFirst }) => ({ jobIds: [runSnapshotRevert(deps, snapshotId, takeSnapshotFirst)] }),
    'snapshot.delete': async ({ snapshotIds }) => ({ jobIds: runSnapshotDelete(deps, snapshotIds) }),
    'snapshot.newVm': async ({ snapshotId, name, asTemplate }) => ({ jobIds: [runSnapshotNewVm(deps, snapshotId, name, asTemplate)] }),
    'snapshot.thumbnail': async ({ snapshotId }) => ({ image: await snapshotThumbnail(deps, snapshotId) }),
  };
}
