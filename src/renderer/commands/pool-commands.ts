import type { PoolState } from '../../shared/api/pool-schema.js';
import { commandText, type CommandId } from '../../shared/ui/menu-model.js';
import { parseSelectionKey } from '../features/tree/tree-ui-store.js';
import { useDialogStore } from '../store/dialog-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import type { Command, CommandContext, CommandSelection } from './command.js';
import { askToConfirm } from './ask-to-confirm.js';
import { callForCommand } from './report-failure.js';

/** The Xenith pool id of a selected pool row (pool commands work on one pool row, connected or not). */
function selectedPoolId(selection: CommandSelection): string | null {
  const parsed = selection.keys.length === 1 ? parseSelectionKey(selection.keys[0]!) : null;
  return parsed?.kind === 'pool' ? parsed.id : null;
}

function poolName(poolId: string): string {
  const pool = usePoolsStore.getState().pools.get(poolId);
  return pool ? pool.label || pool.address : poolId;
}

/** A command on the selected pool row, available in the given connection states. */
function poolCommand(id: CommandId, states: readonly PoolState[] | 'any', run: (poolId: string, context: CommandContext) => void | Promise<void>): Command {
  const state = (selection: CommandSelection) => {
    const poolId = selectedPoolId(selection);
    return poolId === null ? undefined : selection.poolStates.get(poolId);
  };
  return {
    id,
    shortcut: commandText[id].accelerator,
    label: () => commandText[id].label,
    appliesTo: (selection) => selectedPoolId(selection) !== null,
    isEnabled: (selection) => {
      const current = state(selection);
      return current !== undefined && (states === 'any' || states.includes(current));
    },
    disabledReason: (selection) => {
      const current = state(selection);
      return current === undefined || states === 'any' || states.includes(current) ? undefined : `The pool is ${current}.`;
    },
    run: (context) => {
      const poolId = selectedPoolId(context.selection);
      if (poolId !== null) return run(poolId, context);
    },
  };
}

export const poolCommands: readonly Command[] = [
  {
    id: 'pool.add',
    label: () => commandText['pool.add'].label,
    appliesTo: () => true,
    isEnabled: () => true,
    run: () => useDialogStore.getState().show({ kind: 'addPool' }),
  },
  poolCommand('pool.connect', ['disconnected', 'error'], async (poolId, { bridge }) => {
    await callForCommand(bridge, 'pool.connect', { poolId });
  }),
  poolCommand('pool.disconnect', ['connected', 'connecting', 'reconnecting'], async (poolId, { bridge }) => {
    await callForCommand(bridge, 'pool.disconnect', { poolId });
  }),
  poolCommand('pool.reconnectAs', 'any', (poolId) => useDialogStore.getState().show({ kind: 'reconnectAs', poolId })),
  poolCommand('pool.forget', 'any', (poolId, { bridge }) =>
    askToConfirm(
      {
        title: 'Forget Pool',
        message: `Disconnect '${poolName(poolId)}' and remove it from Xenith, with its trusted certificates and saved password? The pool itself is not changed.`,
        confirmLabel: 'Forget',
        danger: true,
      },
      async () => {
        await callForCommand(bridge, 'pool.forget', { poolId });
      },
    ),
  ),
];
