import { useEffect, useLayoutEffect, useMemo, useRef, type KeyboardEvent, type MouseEvent, type SyntheticEvent } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { commandById, runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';
import { useContextMenuStore } from '../../store/context-menu-store.js';
import { usePoolsStore } from '../../store/pools-store.js';
import { ancestorsOfKey, type FlatRow, type FlatTree } from './flatten-tree.js';
import { treeKeyAction, typedSoFar } from './tree-keys.js';
import { layoutRows, overscanRows, rowHeight, rowsInView, scrollToShow } from './tree-layout.js';
import { useTreeDrag } from './tree-drag.js';
import { TreeRow } from './tree-row.js';
import { useTreeUiStore, type SelectMode } from './tree-ui-store.js';
import { useTreeRows } from './use-tree-rows.js';
import { useViewport } from './use-viewport.js';

/** Scrolling re-renders the rows once per this many pixels (a fifth of the overscan): less work per scroll event. */
const viewportStepPx = Math.floor(overscanRows / 5) * rowHeight;

/** The row a focus or selection key stands for: the row with that id, else the first row of that object. */
function rowIndexOf(flat: FlatTree, key: string | null): number {
  if (key === null) return -1;
  const exact = flat.indexOf(key);
  return exact >= 0 ? exact : flat.rows.findIndex((row) => row.node.key === key);
}

/** The selection keys in visible order: what Shift selects a range along. */
function visibleOrder(flat: FlatTree): string[] {
  return flat.rows.map((row) => row.node.key);
}

/** Marks the first frame painted after the rows changed (the UI benchmark reads these marks). */
function usePaintMark(flat: FlatTree, view: string, search: string) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      // A task queued from the frame callback runs after that frame is painted.
      timer = setTimeout(() => {
        performance.clearMarks('xenith:tree-painted'); // Observers see every mark; the timeline keeps the last.
        performance.mark('xenith:tree-painted', { detail: { rows: flat.rows.length, view, search } });
      });
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [flat, view, search]);
}

/** The resource tree, or a hint while there is no pool to show. */
export function ResourceTree() {
  const hasPools = usePoolsStore((state) => state.pools.size > 0);
  if (!hasPools) return <p className="empty-hint">No pools yet. Use Add Pool to connect one; its hosts and VMs appear here.</p>;
  return <VirtualTree />;
}

/**
 * The tree as one flat list of visible rows of which only those in view (plus overscan) are in the DOM, so
 * 10,000 VMs cost what 100 do. Keys, clicks, context menus and drags are handled here for every row.
 */
function VirtualTree() {
  const bridge = useBridge();
  const { view, search, nodes, flat, setExpanded } = useTreeRows();
  const containerRef = useRef<HTMLDivElement>(null);
  const viewport = useViewport(containerRef, viewportStepPx);
  const layout = useMemo(() => layoutRows(flat.rows), [flat]);
  const selectedKey = useTreeUiStore((state) => state.selectedKey);
  const selectedKeys = useTreeUiStore((state) => state.selectedKeys);
  const focusedKey = useTreeUiStore((state) => state.focusedKey);
  const selected = useMemo(() => new Set(selectedKeys), [selectedKeys]);
  const focusIndex = useMemo(() => rowIndexOf(flat, focusedKey), [flat, focusedKey]);
  const tabStop = focusIndex >= 0 ? focusIndex : Math.min(Math.max(0, rowIndexOf(flat, selectedKey)), flat.rows.length - 1);
  /** A row that must get DOM focus once rendered (keyboard moves may land outside the rendered rows). */
  const pendingFocus = useRef<string | null>(null);
  const revealed = useRef<string | null>(null);
  /** What was typed for type-ahead, and when (a pause starts a new word). */
  const typeAhead = useRef<{ text: string; at: number } | null>(null);
  usePaintMark(flat, view, search);

  const hitOf = (event: SyntheticEvent): { row: FlatRow; index: number; element: HTMLElement } | null => {
    const element = (event.target as Element).closest<HTMLElement>('[data-row-id]');
    const index = element ? flat.indexOf(element.dataset.rowId!) : -1;
    return index >= 0 ? { row: flat.rows[index]!, index, element: element! } : null;
  };
  const drag = useTreeDrag((event) => hitOf(event)?.row ?? null);

  const scrollIntoView = (index: number) => {
    const element = containerRef.current;
    if (!element) return;
    const top = scrollToShow(layout, index, element.scrollTop, element.clientHeight);
    if (top !== element.scrollTop) element.scrollTop = top;
  };

  const moveFocus = (index: number, mode: SelectMode | 'none') => {
    const row = flat.rows[index]!;
    const ui = useTreeUiStore.getState();
    // Selection follows focus, as in XenCenter; Ctrl moves focus alone, Shift extends the selection.
    if (mode !== 'none') ui.select(row.node.key, mode, mode === 'range' ? visibleOrder(flat) : undefined);
    ui.focus(row.node.rowId);
    pendingFocus.current = row.node.rowId;
    scrollIntoView(index);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const ctrl = event.ctrlKey || event.metaKey;
    // Ctrl+A selects the tree's rows (not the page's text), as in XenCenter's tree.
    if (ctrl && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'a') {
      event.preventDefault();
      useTreeUiStore.getState().selectAll(visibleOrder(flat).filter((key) => !key.startsWith('group:')));
      return;
    }
    // Ctrl+letter and Alt combinations are the app's shortcuts, not type-ahead.
    if (event.altKey || (ctrl && event.key.length === 1 && event.key !== ' ')) return;
    const current = hitOf(event)?.index ?? -1;
    const pageRows = Math.max(1, Math.floor((containerRef.current?.clientHeight ?? rowHeight) / rowHeight));
    const letter = event.key.length === 1 && event.key.trim() !== '';
    const typed = letter ? typedSoFar(typeAhead.current, event.key.toLowerCase(), event.timeStamp) : event.key;
    typeAhead.current = letter ? { text: typed, at: event.timeStamp } : null;
    const action = treeKeyAction(flat.rows, current, event.key, pageRows, typed);
    if (!action) return;
    event.preventDefault();
    if ('move' in action) moveFocus(action.move, ctrl ? 'none' : event.shiftKey ? 'range' : 'replace');
    else if ('expand' in action) setExpanded(flat.rows[action.expand]!.node.rowId, true);
    else if ('collapse' in action) setExpanded(flat.rows[action.collapse]!.node.rowId, false);
    else moveFocus(action.activate, ctrl ? 'toggle' : event.shiftKey ? 'range' : 'replace');
  };

  const onClick = (event: MouseEvent) => {
    const hit = hitOf(event);
    if (!hit) return;
    if ((event.target as Element).closest('[data-twisty]') && hit.row.expanded !== undefined) {
      setExpanded(hit.row.node.rowId, !hit.row.expanded);
      return;
    }
    const ui = useTreeUiStore.getState();
    if (event.ctrlKey || event.metaKey) ui.select(hit.row.node.key, 'toggle');
    else if (event.shiftKey) ui.select(hit.row.node.key, 'range', visibleOrder(flat));
    else ui.select(hit.row.node.key);
    ui.focus(hit.row.node.rowId);
  };

  const onDoubleClick = (event: MouseEvent) => {
    const hit = hitOf(event);
    if (!hit || (event.target as Element).closest('[data-twisty]')) return;
    // A pool that is not connected connects on double-click, as a disconnected server does in XenCenter.
    const poolState = hit.row.node.kind === 'pool' ? usePoolsStore.getState().pools.get(hit.row.node.poolId!)?.state : undefined;
    if (poolState === 'disconnected' || poolState === 'error') {
      runCommand(commandById('pool.connect'), { bridge, selection: currentCommandSelection() });
      return;
    }
    if (hit.row.expanded !== undefined) setExpanded(hit.row.node.rowId, !hit.row.expanded);
  };

  const onContextMenu = (event: MouseEvent) => {
    const hit = hitOf(event);
    if (!hit) return;
    event.preventDefault();
    const ui = useTreeUiStore.getState();
    if (!ui.selectedKeys.includes(hit.row.node.key)) ui.select(hit.row.node.key);
    ui.focus(hit.row.node.rowId);
    // From the keyboard (Shift+F10, the Menu key) there is no pointer: open the menu under the row's name.
    const fromKeyboard = event.clientX === 0 && event.clientY === 0;
    const box = hit.element.getBoundingClientRect();
    useContextMenuStore.getState().openAt(fromKeyboard ? box.left + 24 : event.clientX, fromKeyboard ? box.bottom : event.clientY);
  };

  // DOM focus for a keyboard move, once the row is rendered.
  useLayoutEffect(() => {
    const rowId = pendingFocus.current;
    if (!rowId) return;
    const element = containerRef.current?.querySelector<HTMLElement>(`[data-row-id="${CSS.escape(rowId)}"]`);
    if (element) {
      pendingFocus.current = null;
      element.focus({ preventScroll: true });
    }
  });

  // A selection made elsewhere (Go To, Back, New VM, another view or search) is brought into view, unfolding its
  // branch; so is a selected row that moved (a VM suspended moves to pool level) or that appears only now (a new VM
  // selected before the tree has its row). Keyed by the row's place, so a row that stays put is not scrolled back
  // to while the person scrolls away from it.
  useEffect(() => {
    if (selectedKey === null) return;
    const focused = flat.rows[focusIndex];
    const index = focused?.node.key === selectedKey ? focusIndex : rowIndexOf(flat, selectedKey);
    const want = `${view}|${search}|${selectedKey}|${index}`;
    if (revealed.current === want) return;
    if (index < 0) {
      const ancestors = ancestorsOfKey(nodes, selectedKey);
      const folded = ancestors?.filter((rowId) => flat.indexOf(rowId) < 0 || flat.rows[flat.indexOf(rowId)]!.expanded === false) ?? [];
      if (folded.length > 0) {
        for (const rowId of ancestors!) setExpanded(rowId, true);
        return; // The next render, with the branch open, scrolls to the row.
      }
      revealed.current = want;
      return;
    }
    revealed.current = want;
    scrollIntoView(index);
  });

  const indices: number[] = [];
  const { start, end } = rowsInView(layout, viewport.top, viewport.height);
  // The focused row and the Tab stop stay in the DOM even when scrolled away, so focus is never lost.
  for (const extra of [tabStop, focusIndex]) if (extra >= 0 && (extra < start || extra >= end) && !indices.includes(extra)) indices.push(extra);
  for (let i = start; i < end; i++) indices.push(i);
  indices.sort((a, b) => a - b);

  return (
    <>
      {search !== '' && flat.rows.length === 0 && (
        <p className="empty-hint" role="status">
          Nothing matches “{search}”.
        </p>
      )}
    <div
      ref={containerRef}
      role="tree"
      aria-label="Pools, hosts and VMs"
      aria-multiselectable="true"
      className="tree"
      onKeyDown={onKeyDown}
      onClick={onClick}
      onDoubleClick={onDoubleClick}
      onContextMenu={onContextMenu}
      onFocus={(event) => {
        const hit = hitOf(event);
        if (hit && event.target === hit.element) useTreeUiStore.getState().focus(hit.row.node.rowId);
      }}
      onDragStart={drag.onDragStart}
      onDragOver={drag.onDragOver}
      onDragLeave={drag.onDragLeave}
      onDrop={drag.onDrop}
      onDragEnd={drag.onDragEnd}
    >
      <div className="tree-canvas" role="none" style={{ height: layout.height }}>
        {indices.map((index) => {
          const row = flat.rows[index]!;
          return (
            <TreeRow
              key={row.node.rowId}
              row={row}
              top={layout.tops[index]!}
              selected={selected.has(row.node.key)}
              tabStop={index === tabStop}
              dropTarget={drag.dropRowId === row.node.rowId}
            />
          );
        })}
      </div>
    </div>
    </>
  );
}
