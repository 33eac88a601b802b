import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import { isOfType, type XapiObject, type XapiRecord } from '../../shared/xapi/objects.js';
import { useDialogStore } from '../store/dialog-store.js';
import { followAll, objectsOfType } from '../store/mirror-read.js';
import { useObjectsStore } from '../store/objects-store.js';
import type { Command, CommandSelection } from './command.js';
import { objectCommand } from './object-command.js';
import { callForCommand } from './report-failure.js';
import { allows, selectionIs } from './selection-facts.js';

const isSr = (object: XapiObject): object is XapiRecord<'SR'> => isOfType(object, 'SR');

/** The SR's PBDs as the mirror has them now. */
const pbdsOf = (sr: XapiRecord<'SR'>) => followAll(useObjectsStore.getState(), sr.PBDs);

/** Whether the SR is attached on some server, and on every server that should see it. */
function attachment(sr: XapiRecord<'SR'>): { some: boolean; complete: boolean } {
  const pbds = pbdsOf(sr);
  const plugged = pbds.filter((pbd) => pbd.currently_attached).length;
  const hosts = sr.shared ? objectsOfType(useObjectsStore.getState(), 'host', sr.$pool).length : 1;
  return { some: plugged > 0, complete: plugged === pbds.length && pbds.length >= hosts };
}

/** A connected pool to create in: the selection's, else the first connected one. */
function poolToCreateIn(selection: CommandSelection): string | null {
  if (selection.poolId !== null && selection.poolStates.get(selection.poolId) === 'connected') return selection.poolId;
  for (const [poolId, state] of selection.poolStates) if (state === 'connected') return poolId;
  return null;
}

/** New SR… / New Network…: shown with nothing selected or on the kinds of row they belong to. */
function newInPoolCommand(id: CommandId, rowTypes: readonly string[], open: (poolId: string | null) => void): Command {
  return {
    id,
    label: () => commandText[id].label,
    appliesTo: (selection) => selection.keys.length === 0 || selection.keys[0]!.startsWith('pool:') || selectionIs(selection, (object) => rowTypes.includes(object.$type)),
    isEnabled: (selection) => poolToCreateIn(selection) !== null,
    disabledReason: (selection) => (poolToCreateIn(selection) === null ? 'Connect a pool first.' : undefined),
    run: ({ selection }) => open(poolToCreateIn(selection)),
  };
}

const userSr = (sr: XapiRecord<'SR'>) => sr.content_type !== 'iso' && sr.type !== 'udev';

export const storageNetworkCommands: readonly Command[] = [
  newInPoolCommand('sr.new', ['pool', 'host', 'SR'], (poolId) => useDialogStore.getState().show({ kind: 'newSr', poolId })),
  newInPoolCommand('network.new', ['pool', 'host', 'network'], (poolId) => useDialogStore.getState().show({ kind: 'newNetwork', poolId })),
  objectCommand({
    id: 'sr.repair',
    kind: isSr,
    single: true,
    can: (sr) => !attachment(sr).complete,
    reason: (sr) => (attachment(sr).complete ? `'${sr.name_label}' is attached on every server.` : undefined),
    act: async ([sr], { bridge }) => {
      await callForCommand(bridge, 'sr.repair', { srId: sr!.$id });
    },
  }),
  objectCommand({
    id: 'sr.setDefault',
    kind: isSr,
    single: true,
    can: (sr) => userSr(sr) && attachment(sr).some && objectsOfType(useObjectsStore.getState(), 'pool', sr.$pool)[0]?.default_SR !== sr.$id,
    reason: (sr) => (!userSr(sr) ? 'ISO libraries and drives cannot be the default SR.' : undefined),
    act: async ([sr], { bridge }) => {
      await callForCommand(bridge, 'sr.setDefault', { srId: sr!.$id });
    },
  }),
  objectCommand({
    id: 'sr.detach',
    kind: isSr,
    single: true,
    can: (sr) => attachment(sr).some && allows(sr, 'unplug'),
    confirm: ([sr]) => ({
      title: 'Detach SR',
      message: `Detach '${sr!.name_label}' from every server? Its disks stay on the storage, but no VM can use them until it is repaired.`,
      confirmLabel: 'Detach',
    }),
    act: async ([sr], { bridge }) => {
      await callForCommand(bridge, 'sr.detach', { srId: sr!.$id });
    },
  }),
  objectCommand({
    id: 'sr.forget',
    kind: isSr,
    single: true,
    can: (sr) => allows(sr, 'forget'),
    confirm: ([sr]) => ({
      title: 'Forget SR',
      message: `Remove '${sr!.name_label}' from the pool? Its data stays on the storage, and New SR can attach it again.`,
      confirmLabel: 'Forget',
      danger: true,
    }),
    act: async ([sr], { bridge }) => {
      await callForCommand(bridge, 'sr.forget', { srId: sr!.$id });
    },
  }),
  objectCommand({
    id: 'sr.destroy',
    kind: isSr,
    single: true,
    can: (sr) => allows(sr, 'destroy'),
    act: ([sr]) => useDialogStore.getState().show({ kind: 'destroySr', srId: sr!.$id }),
  }),
];
