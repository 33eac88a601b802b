import type { KeyboardEvent } from 'react';
import { useTreeViewStore } from './tree-view-store.js';

/**
 * The search box over the tree: filters rows by name, tag or UUID as the user types (matches keep their
 * ancestors). Escape clears it; Down moves into the tree.
 */
export function TreeSearch() {
  const query = useTreeViewStore((state) => state.query);
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      useTreeViewStore.getState().setQuery('');
    } else if (event.key === 'ArrowDown') {
      const tabStop = event.currentTarget.closest('.resource-pane')?.querySelector<HTMLElement>('[role="treeitem"][tabindex="0"]');
      if (tabStop) {
        event.preventDefault();
        tabStop.focus();
      }
    }
  };
  return (
    <input
      className="tree-search"
      type="search"
      placeholder="Search…"
      aria-label="Search resources"
      title="Filter the tree by name, tag or UUID (Esc clears)"
      value={query}
      onChange={(event) => useTreeViewStore.getState().setQuery(event.target.value)}
      onKeyDown={onKeyDown}
    />
  );
}
