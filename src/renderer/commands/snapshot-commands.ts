import { commandText } from '../../shared/ui/menu-model.js';
import { isOfType, type XapiObject, type XapiRecord } from '../../shared/xapi/objects.js';
import { parseSelectionKey } from '../features/tree/tree-ui-store.js';
import { useDialogStore } from '../store/dialog-store.js';
import type { Command, CommandSelection } from './command.js';
import { objectCommand } from './object-command.js';
import { callForCommand } from './report-failure.js';
import { allows, describeObjects, isUserVm } from './selection-facts.js';

/** A snapshot of a VM (XAPI: a VM record with is_a_snapshot). */
export function isSnapshot(object: XapiObject): object is XapiRecord<'VM'> {
  return isOfType(object, 'VM') && object.is_a_snapshot === true;
}

/** Selection key of a snapshot in the Snapshots tab (snapshots are not rows of the resource tree). */
export function snapshotKey(snapshotId: string): string {
  return `snapshot:${snapshotId}`;
}

/** A snapshot command that opens a dialog about one snapshot. */
function snapshotDialogCommand(id: 'snapshot.revert' | 'snapshot.newVm' | 'snapshot.newTemplate' | 'snapshot.properties', operation: 'revert' | 'clone' | null): Command {
  return objectCommand({
    id,
    kind: isSnapshot,
    single: true,
    can: (snapshot) => operation === null || allows(snapshot, operation),
    act: ([snapshot]) => {
      const snapshotId = snapshot!.$id;
      const dialogs = useDialogStore.getState();
      if (id === 'snapshot.revert') dialogs.show({ kind: 'revertSnapshot', snapshotId });
      else if (id === 'snapshot.properties') dialogs.show({ kind: 'snapshotProperties', snapshotId });
      else dialogs.show({ kind: 'newVmFromSnapshot', snapshotId, asTemplate: id === 'snapshot.newTemplate' });
    },
  });
}

/** The pool whose schedules the selection leads to: a pool row's, or a single VM's (from its Snapshots tab). */
function schedulesPool(selection: CommandSelection): string | null {
  if (selection.keys.length !== 1) return null;
  if (parseSelectionKey(selection.keys[0]!)?.kind === 'pool') return selection.poolId;
  const [object] = selection.objects;
  return object && isUserVm(object) ? object.$pool : null;
}

export const snapshotCommands: readonly Command[] = [
  objectCommand({
    id: 'vm.takeSnapshot',
    kind: isUserVm,
    single: true,
    can: (vm) => allows(vm, 'snapshot') || allows(vm, 'checkpoint'),
    act: ([vm]) => useDialogStore.getState().show({ kind: 'takeSnapshot', vmId: vm!.$id }),
  }),
  snapshotDialogCommand('snapshot.revert', 'revert'),
  snapshotDialogCommand('snapshot.newVm', 'clone'),
  snapshotDialogCommand('snapshot.newTemplate', 'clone'),
  objectCommand({
    id: 'snapshot.delete',
    kind: isSnapshot,
    can: (snapshot) => allows(snapshot, 'destroy'),
    confirm: (snapshots) => ({
      title: 'Delete Snapshot',
      message: `Delete ${describeObjects(snapshots, 'snapshot')}? ${snapshots.length === 1 ? 'Its disks and memory image go with it' : 'Their disks and memory images go with them'}; this cannot be undone. The VM itself is not changed.`,
      confirmLabel: 'Delete',
      danger: true,
    }),
    act: async (snapshots, { bridge }) => {
      await callForCommand(bridge, 'snapshot.delete', { snapshotIds: snapshots.map((snapshot) => snapshot.$id) });
    },
  }),
  snapshotDialogCommand('snapshot.properties', null),
  {
    id: 'pool.snapshotSchedules',
    label: () => commandText['pool.snapshotSchedules'].label,
    appliesTo: (selection) => schedulesPool(selection) !== null,
    isEnabled: (selection) => {
      const poolId = schedulesPool(selection);
      return poolId !== null && selection.poolStates.get(poolId) === 'connected';
    },
    disabledReason: (selection) => {
      const poolId = schedulesPool(selection);
      const state = poolId === null ? undefined : selection.poolStates.get(poolId);
      return state === undefined || state === 'connected' ? undefined : `The pool is ${state}.`;
    },
    run: ({ selection }) => {
      const poolId = schedulesPool(selection);
      if (poolId !== null) useDialogStore.getState().show({ kind: 'snapshotSchedules', poolId });
    },
  },
];
