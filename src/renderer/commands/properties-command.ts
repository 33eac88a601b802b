import { commandText } from '../../shared/ui/menu-model.js';
import { isOfType, type XapiObject } from '../../shared/xapi/objects.js';
import { useDialogStore } from '../store/dialog-store.js';
import type { Command, CommandSelection } from './command.js';
import { displayName, poolIsConnected, singleObject } from './selection-facts.js';

/** Objects with a Properties dialog: VMs and templates (snapshots have their own), servers, pools, SRs, networks. */
function hasPropertiesDialog(object: XapiObject): boolean {
  if (isOfType(object, 'VM')) return !object.is_a_snapshot && !object.is_control_domain;
  return object.$type === 'host' || object.$type === 'pool' || object.$type === 'SR' || object.$type === 'network';
}

const target = (selection: CommandSelection): XapiObject | undefined => {
  const object = singleObject(selection);
  return object && hasPropertiesDialog(object) ? object : undefined;
};

/** Properties (XenCenter's last item of every menu and context menu): one object's Properties dialog. */
export const propertiesCommand: Command = {
  id: 'object.properties',
  label: () => commandText['object.properties'].label,
  appliesTo: (selection) => target(selection) !== undefined,
  isEnabled: (selection) => {
    const object = target(selection);
    return object !== undefined && poolIsConnected(selection, object);
  },
  disabledReason: (selection) => {
    const object = target(selection);
    return object && !poolIsConnected(selection, object) ? `The pool of '${displayName(object)}' is not connected.` : undefined;
  },
  run: ({ selection }) => {
    const object = target(selection);
    if (object && poolIsConnected(selection, object)) useDialogStore.getState().show({ kind: 'properties', objectId: object.$id });
  },
};
