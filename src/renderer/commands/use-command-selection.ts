import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTreeUiStore } from '../features/tree/tree-ui-store.js';
import { useObjectsStore } from '../store/objects-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import type { CommandSelection } from './command.js';
import { makeCommandSelection, poolStatesOf, primaryFirst, resolveSelectedObjects } from './selection.js';

/**
 * The live command selection: re-renders when the selection, one of the selected objects or a pool's state
 * changes, never for the rest of the mirror (a 10,000-VM pool changes all the time).
 */
export function useCommandSelection(): CommandSelection {
  const keys = useTreeUiStore(useShallow((state) => primaryFirst(state.selectedKey, state.selectedKeys)));
  const objects = useObjectsStore(useShallow((state) => resolveSelectedObjects(keys, state)));
  const pools = usePoolsStore((state) => state.pools);
  return useMemo(() => makeCommandSelection(keys, objects, poolStatesOf(pools)), [keys, objects, pools]);
}

/** The same, read once from the stores (for shortcuts and the native menu, which act at the moment of the key). */
export function currentCommandSelection(): CommandSelection {
  const ui = useTreeUiStore.getState();
  const keys = primaryFirst(ui.selectedKey, ui.selectedKeys);
  return makeCommandSelection(keys, resolveSelectedObjects(keys, useObjectsStore.getState()), poolStatesOf(usePoolsStore.getState().pools));
}
