import type { KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { selectPoolIds, usePoolsStore } from '../../store/pools-store.js';
import { treeKeyAction, type VisibleRow } from './tree-keys.js';
import { PoolItem } from './tree-rows.js';
import { useTreeUiStore } from './tree-ui-store.js';

/** The rows on screen, in order, read from the DOM (collapsed branches render no children). */
function visibleRows(tree: HTMLElement): { rows: VisibleRow[]; elements: Map<string, HTMLElement> } {
  const elements = new Map<string, HTMLElement>();
  const rows: VisibleRow[] = [];
  for (const element of tree.querySelectorAll<HTMLElement>('[role="treeitem"]')) {
    const key = element.dataset.key!;
    const expanded = element.getAttribute('aria-expanded');
    elements.set(key, element);
    rows.push({ key, level: Number(element.getAttribute('aria-level')), expanded: expanded === null ? undefined : expanded === 'true' });
  }
  return { rows, elements };
}

function onTreeKeyDown(event: KeyboardEvent<HTMLUListElement>) {
  const current = (event.target as HTMLElement).closest<HTMLElement>('[role="treeitem"]');
  const { rows, elements } = visibleRows(event.currentTarget);
  const action = treeKeyAction(rows, current?.dataset.key ?? null, event.key);
  if (!action) return;
  event.preventDefault();
  const ui = useTreeUiStore.getState();
  if ('focus' in action) {
    ui.focus(action.focus);
    elements.get(action.focus)?.focus();
  } else if ('expand' in action) ui.setExpanded(action.expand, true);
  else if ('collapse' in action) ui.setExpanded(action.collapse, false);
  else ui.select(action.select);
}

/** The live resource tree: pools → hosts → VMs, fed by the pools and objects stores. */
export function ResourceTree() {
  const poolIds = usePoolsStore(useShallow(selectPoolIds));
  if (poolIds.length === 0) {
    return <p className="empty-hint">No pools yet. Use Add Pool to connect one; its hosts and VMs appear here.</p>;
  }
  return (
    <ul role="tree" aria-label="Pools, hosts and VMs" className="tree" onKeyDown={onTreeKeyDown}>
      {poolIds.map((poolId, index) => (
        <PoolItem key={poolId} poolId={poolId} firstInTree={index === 0} />
      ))}
    </ul>
  );
}
