import { commandText } from '../../shared/ui/menu-model.js';
import { useDialogStore } from '../store/dialog-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import type { Command } from './command.js';
import { objectCommand } from './object-command.js';
import { allows, isUserVm } from './selection-facts.js';
import { isSnapshot } from './snapshot-commands.js';

/** File > Import…: XenCenter's Import wizard, into the selection's pool (or the first connected one). */
const importCommand: Command = {
  id: 'file.import',
  label: () => commandText['file.import'].label,
  appliesTo: () => true,
  isEnabled: () => [...usePoolsStore.getState().pools.values()].some((pool) => pool.state === 'connected'),
  disabledReason: () => 'Connect a pool first: a VM is imported into a pool.',
  run: ({ selection }) => {
    const connected = selection.poolId !== null && selection.poolStates.get(selection.poolId) === 'connected';
    useDialogStore.getState().show({ kind: 'importWizard', poolId: connected ? selection.poolId : null });
  },
};

/**
 * Export and import through files: VM > Export… (a halted VM as it is, a running one from a temporary snapshot),
 * Export Snapshot… in the Snapshots tab, and File > Import….
 */
export const fileCommands: readonly Command[] = [
  objectCommand({
    id: 'vm.export',
    kind: isUserVm,
    single: true,
    // XAPI exports what is halted or suspended; a running VM goes from a snapshot, so taking one must be allowed.
    can: (vm) => allows(vm, 'export') || allows(vm, 'snapshot'),
    act: ([vm]) => useDialogStore.getState().show({ kind: 'exportVm', vmId: vm!.$id }),
  }),
  objectCommand({
    id: 'snapshot.export',
    kind: isSnapshot,
    single: true,
    can: (snapshot) => allows(snapshot, 'export'),
    act: ([snapshot]) => useDialogStore.getState().show({ kind: 'exportVm', vmId: snapshot!.$id }),
  }),
  importCommand,
];
