import { commandText } from '../../shared/ui/menu-model.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import { useDialogStore } from '../store/dialog-store.js';
import type { Command, CommandSelection } from './command.js';
import { isTemplate, poolIsConnected, singleObject } from './selection-facts.js';

/** Classes whose name a person can edit (objects.edit). */
const renamable = new Set(['VM', 'host', 'pool', 'SR', 'network']);

/** A connected pool to create a VM in: the selection's, else the first connected one. */
function poolForNewVm(selection: CommandSelection): string | null {
  if (selection.poolId !== null && selection.poolStates.get(selection.poolId) === 'connected') return selection.poolId;
  for (const [poolId, state] of selection.poolStates) if (state === 'connected') return poolId;
  return null;
}

const renameTarget = (selection: CommandSelection): XapiObject | undefined => {
  const object = singleObject(selection);
  return object && renamable.has(object.$type) && poolIsConnected(selection, object) ? object : undefined;
};

/** Commands on any kind of selection: New VM (from the selected template or pool) and Rename. */
export const objectCommands: readonly Command[] = [
  {
    id: 'vm.new',
    shortcut: commandText['vm.new'].accelerator,
    label: () => commandText['vm.new'].label,
    appliesTo: () => true,
    isEnabled: (selection) => poolForNewVm(selection) !== null,
    disabledReason: (selection) => (poolForNewVm(selection) === null ? 'Connect a pool first.' : undefined),
    run: ({ selection }) => {
      const template = singleObject(selection);
      useDialogStore.getState().show({
        kind: 'newVm',
        poolId: poolForNewVm(selection),
        ...(template && isTemplate(template) ? { templateId: template.$id } : {}),
      });
    },
  },
  {
    id: 'object.rename',
    shortcut: commandText['object.rename'].accelerator,
    label: () => commandText['object.rename'].label,
    appliesTo: (selection) => {
      const object = singleObject(selection);
      return object !== undefined && renamable.has(object.$type);
    },
    isEnabled: (selection) => renameTarget(selection) !== undefined,
    run: ({ selection }) => {
      const object = renameTarget(selection);
      if (object) useDialogStore.getState().show({ kind: 'rename', objectId: object.$id });
    },
  },
];
