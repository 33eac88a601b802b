import type { HostPowerOperation } from '../../shared/api/methods/hosts.js';
import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import type { XapiObject, XapiRecord } from '../../shared/xapi/objects.js';
import { evacuatedCount } from '../features/dialogs/evacuated-vms.js';
import { useDialogStore } from '../store/dialog-store.js';
import { useObjectsStore } from '../store/objects-store.js';
import type { Command, CommandSelection } from './command.js';
import { objectCommand } from './object-command.js';
import { callForCommand } from './report-failure.js';
import { allows, isHost } from './selection-facts.js';

/** A disabled server is what XenCenter shows as "in maintenance mode". */
const inMaintenance = (object: XapiObject | undefined) => object !== undefined && isHost(object) && object.enabled === false;

function hostPowerCommand(id: CommandId, operation: HostPowerOperation, can: (host: XapiRecord<'host'>) => boolean): Command {
  return objectCommand({
    id,
    kind: isHost,
    can,
    act: async (hosts, { bridge }) => {
      await callForCommand(bridge, 'host.power', { hostIds: hosts.map((host) => host.$id), operation });
    },
  });
}

/**
 * Reboot and Shut Down Server, as XenCenter offers them: also for a server that runs VMs (XAPI lists reboot only
 * for an empty one, but the dialog empties it first, migrating or shutting down the VMs) — enabled whenever the
 * server could be emptied (evacuate) or XAPI allows the operation; the dialog asks what happens to the VMs and to
 * the pool master.
 */
function goingDownCommand(id: CommandId, operation: 'reboot' | 'shutdown'): Command {
  return objectCommand({
    id,
    kind: isHost,
    can: (host) => allows(host, operation) || allows(host, 'evacuate'),
    act: (hosts) => useDialogStore.getState().show({ kind: 'hostPower', hostIds: hosts.map((host) => host.$id), operation }),
  });
}

const maintenanceLabel = (selection: CommandSelection) =>
  inMaintenance(selection.objects[0]) ? 'Exit Maintenance Mode' : commandText['host.enterMaintenance'].label;

export const hostCommands: readonly Command[] = [
  objectCommand({
    id: 'host.enterMaintenance',
    label: maintenanceLabel,
    kind: isHost,
    single: true,
    // Entering evacuates the server (XAPI's `evacuate`); leaving only enables it again.
    can: (host) => (inMaintenance(host) ? true : allows(host, 'evacuate')),
    act: async ([host], { bridge }) => {
      // Exit puts back the VMs that left for maintenance when there are any, so it asks first (XenCenter's offer).
      if (inMaintenance(host) && evacuatedCount(useObjectsStore.getState(), host!) > 0) useDialogStore.getState().show({ kind: 'exitMaintenance', hostId: host!.$id });
      else if (inMaintenance(host)) await callForCommand(bridge, 'host.exitMaintenance', { hostId: host!.$id });
      else useDialogStore.getState().show({ kind: 'enterMaintenance', hostId: host!.$id });
    },
  }),
  goingDownCommand('host.reboot', 'reboot'),
  goingDownCommand('host.shutdown', 'shutdown'),
  hostPowerCommand('host.disable', 'disable', (host) => host.enabled === true),
  hostPowerCommand('host.enable', 'enable', (host) => host.enabled === false && allows(host, 'enable')),
];
