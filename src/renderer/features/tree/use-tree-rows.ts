import { useCallback, useMemo, useRef, useState } from 'react';
import { usePoolsStore } from '../../store/pools-store.js';
import { filterNodes, flattenTree, queryWords, type FlatTree } from './flatten-tree.js';
import { poolEntries, selectTreeNodes, type TreeViewName } from './tree-model.js';
import type { TreeNode } from './tree-node.js';
import { useThrottledObjectIndex } from './use-throttled-index.js';
import { useTreeUiStore } from './tree-ui-store.js';
import { useTreeViewStore } from './tree-view-store.js';

const noneCollapsed: ReadonlySet<string> = new Set();

export interface TreeRows {
  readonly view: TreeViewName;
  /** The search words joined by one space; '' when not searching. */
  readonly search: string;
  /** The view's nodes after the search. */
  readonly nodes: readonly TreeNode[];
  /** The visible rows in order. */
  readonly flat: FlatTree;
  setExpanded(rowId: string, expanded: boolean): void;
}

/**
 * The rows of the current view, each stage memoised on its inputs: the view's nodes change only with the tree's
 * shape (read from the objects store at once while rebuilding it is cheap, at most five times a second for a big
 * pool; the rebuild's cost is measured here), the search filters them per keystroke, and the flattening follows
 * the collapsed rows. While searching, every match is shown expanded; rows folded during a search unfold when the
 * search changes, and the folds made outside a search come back when it is cleared.
 */
export function useTreeRows(): TreeRows {
  const view = useTreeViewStore((state) => state.view);
  const query = useTreeViewStore((state) => state.query);
  const showDefaultTemplates = useTreeViewStore((state) => state.showDefaultTemplates);
  const poolsById = usePoolsStore((state) => state.pools);
  const pools = useMemo(() => poolEntries(poolsById), [poolsById]);
  const inputs = useMemo(() => ({ view, pools, showDefaultTemplates }), [view, pools, showDefaultTemplates]);
  const rebuildCost = useRef(0);
  const index = useThrottledObjectIndex(rebuildCost);
  const allNodes = useMemo(() => {
    const started = performance.now();
    const built = selectTreeNodes(index, inputs);
    rebuildCost.current = performance.now() - started;
    return built;
  }, [index, inputs]);

  // Keyed by the normalised words: a trailing space or a capital letter does not filter again.
  const search = queryWords(query).join(' ');
  const nodes = useMemo(() => filterNodes(allNodes, queryWords(search)), [allNodes, search]);

  const storeCollapsed = useTreeUiStore((state) => state.collapsed);
  const [searchFolds, setSearchFolds] = useState<{ search: string; collapsed: ReadonlySet<string> }>({ search: '', collapsed: noneCollapsed });
  const collapsed = search === '' ? storeCollapsed : searchFolds.search === search ? searchFolds.collapsed : noneCollapsed;
  const flat = useMemo(() => flattenTree(nodes, collapsed), [nodes, collapsed]);

  const setExpanded = useCallback(
    (rowId: string, expanded: boolean) => {
      if (search === '') {
        useTreeUiStore.getState().setExpanded(rowId, expanded);
        return;
      }
      setSearchFolds((folds) => {
        const next = new Set(folds.search === search ? folds.collapsed : noneCollapsed);
        if (expanded) next.delete(rowId);
        else next.add(rowId);
        return { search, collapsed: next };
      });
    },
    [search],
  );
  return { view, search, nodes, flat, setExpanded };
}
