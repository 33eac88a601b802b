import { useCallback, useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useBridge } from '../app/bridge-context.js';
import { useObjectsStore } from '../store/objects-store.js';
import { usePoolsStore } from '../store/pools-store.js';
import type { Command, CommandSelection } from './command.js';
import { runCommand } from './registry.js';
import { makeCommandSelection, poolStatesOf, resolveSelectedObjects } from './selection.js';

/** Selection keys resolved against the stores now (what a command acts on at the moment of the click). */
function currentSelectionOf(keys: readonly string[]): CommandSelection {
  return makeCommandSelection(keys, resolveSelectedObjects(keys, useObjectsStore.getState()), poolStatesOf(usePoolsStore.getState().pools));
}

/**
 * A command selection of given keys rather than the tree's (a Search tab row's context menu): live while the menu
 * is open, and its commands run on those objects as they are at the click. Null when no keys are given.
 */
export function useExplicitSelection(keys: readonly string[] | null): { selection: CommandSelection; run(command: Command): boolean } | null {
  const bridge = useBridge();
  const objects = useObjectsStore(useShallow((state) => (keys ? resolveSelectedObjects(keys, state) : [])));
  const pools = usePoolsStore((state) => state.pools);
  const selection = useMemo(() => (keys ? makeCommandSelection(keys, objects, poolStatesOf(pools)) : null), [keys, objects, pools]);
  const run = useCallback((command: Command) => (keys ? runCommand(command, { bridge, selection: currentSelectionOf(keys) }) : false), [bridge, keys]);
  return selection ? { selection, run } : null;
}
