import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import { isOfType, type XapiObject } from '../../shared/xapi/objects.js';
import { useDialogStore } from '../store/dialog-store.js';
import type { Command, CommandSelection } from './command.js';
import { objectCommand } from './object-command.js';
import { allows, displayName, isHost, isTemplate, isUserVm, poolIsConnected, singleObject } from './selection-facts.js';

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

/** A VM (not a template or snapshot) or server of a connected pool: what has perfmon alarms. */
const alarmTarget = (selection: CommandSelection): XapiObject | undefined => {
  const object = singleObject(selection);
  if (!object || !poolIsConnected(selection, object)) return undefined;
  if (isOfType(object, 'host')) return object;
  return isOfType(object, 'VM') && !object.is_a_template && !object.is_a_snapshot && !object.is_control_domain ? object : undefined;
};

/**
 * Rename in one kind's menu (Pool, Server, VM, Storage, Templates): it renames only an object of that kind and is
 * greyed otherwise, so Storage › Rename… never renames the VM that happens to be selected.
 */
function renameOfKind(id: CommandId, kind: (object: XapiObject) => boolean, what: string): Command {
  const target = (selection: CommandSelection) => {
    const object = singleObject(selection);
    return object && kind(object) ? object : undefined;
  };
  return {
    id,
    label: () => commandText[id].label,
    // Listed only in its own menu, where a greyed item says what to select.
    appliesTo: () => true,
    isEnabled: (selection) => {
      const object = target(selection);
      return object !== undefined && poolIsConnected(selection, object);
    },
    disabledReason: (selection) => {
      const object = target(selection);
      if (!object) return `Select one ${what} to rename it.`;
      return poolIsConnected(selection, object) ? undefined : `The pool of '${displayName(object)}' is not connected.`;
    },
    run: ({ selection }) => {
      const object = target(selection);
      if (object && poolIsConnected(selection, object)) useDialogStore.getState().show({ kind: 'rename', objectId: object.$id });
    },
  };
}

/** Commands on any kind of selection: New VM (from the selected template or pool), Rename and Alert Settings. */
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
  {
    id: 'object.alertSettings',
    label: () => commandText['object.alertSettings'].label,
    appliesTo: (selection) => {
      const object = singleObject(selection);
      return object !== undefined && (isOfType(object, 'host') || (isOfType(object, 'VM') && !object.is_a_template));
    },
    isEnabled: (selection) => alarmTarget(selection) !== undefined,
    run: ({ selection }) => {
      const object = alarmTarget(selection);
      if (object) useDialogStore.getState().show({ kind: 'alertSettings', objectId: object.$id });
    },
  },
  renameOfKind('pool.rename', (object) => object.$type === 'pool', 'pool'),
  renameOfKind('host.rename', isHost, 'server'),
  renameOfKind('vm.rename', isUserVm, 'VM'),
  renameOfKind('sr.rename', (object) => isOfType(object, 'SR'), 'storage repository'),
  renameOfKind('template.rename', isTemplate, 'template'),
  // A template's own commands (XenCenter's template context menu): Copy and Delete, with the VM dialogs.
  objectCommand({
    id: 'template.copy',
    kind: isTemplate,
    single: true,
    can: (template) => allows(template, 'copy'),
    act: ([template]) => useDialogStore.getState().show({ kind: 'copy', vmId: template!.$id }),
  }),
  objectCommand({
    id: 'template.delete',
    kind: isTemplate,
    single: true,
    can: (template) => allows(template, 'destroy'),
    act: ([template]) => useDialogStore.getState().show({ kind: 'deleteVm', vmId: template!.$id }),
  }),
];
