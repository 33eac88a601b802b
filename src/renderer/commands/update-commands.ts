import { commandText } from '../../shared/ui/menu-model.js';
import { useDialogStore } from '../store/dialog-store.js';
import type { Command, CommandSelection } from './command.js';

const connected = (selection: CommandSelection): boolean => [...selection.poolStates.values()].includes('connected');

/**
 * Tools > Install Update…: XenCenter's wizard, on the selected object's pool when it is connected, else the first
 * connected one (the wizard's first page lets the person choose).
 */
export const installUpdateCommand: Command = {
  id: 'tools.installUpdate',
  label: () => commandText['tools.installUpdate'].label,
  appliesTo: () => true,
  isEnabled: connected,
  disabledReason: (selection) => (connected(selection) ? undefined : 'Connect to a pool first.'),
  run: ({ selection }) => {
    const poolId = selection.poolId && selection.poolStates.get(selection.poolId) === 'connected' ? selection.poolId : null;
    useDialogStore.getState().show({ kind: 'installUpdate', poolId });
  },
};
