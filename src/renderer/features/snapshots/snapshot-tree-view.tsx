import { memo, useId, useLayoutEffect, useRef, type KeyboardEvent, type MouseEvent } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { visibleRange } from '../../components/virtual-table-model.js';
import { useViewport } from '../tree/use-viewport.js';
import type { SelectMode } from './snapshot-selection.js';
import { nowNodeId, type SnapshotTreeRow } from './snapshot-tree.js';
import { useThumbnail } from './thumbnail-cache.js';

/** Row height of the tree (room for a 16:9 thumbnail); the view mounts only the rows in sight. */
export const treeRowHeight = 56;
const indent = 22;

export interface SnapshotTreeViewProps {
  readonly rows: readonly SnapshotTreeRow[];
  readonly vmName: string;
  readonly selected: ReadonlySet<string>;
  readonly anchor: string | null;
  readonly onSelect: (id: string, mode: SelectMode) => void;
  /** Keys the view does not handle itself (Delete, arrows…), with the event. */
  readonly onKey: (event: KeyboardEvent<HTMLDivElement>) => void;
  readonly onContextMenu: (event: MouseEvent, id: string | null) => void;
  readonly onActivate: (id: string) => void;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A snapshot's thumbnail (its console screenshot), or a plain mark when it has none. */
function Thumbnail({ snapshotId, blob, label }: { snapshotId: string; blob: string | null; label: string }) {
  const bridge = useBridge();
  const src = useThumbnail(bridge, snapshotId, blob);
  return src ? <img className="snapshot-thumb" src={src} alt={`Console of ${label}`} /> : <span className="snapshot-thumb empty" aria-hidden="true" />;
}

const TreeRow = memo(function TreeRow({ id, row, index, selected, active, vmName, onSelect, onContextMenu, onActivate }: {
  id: string;
  row: SnapshotTreeRow;
  index: number;
  selected: boolean;
  active: boolean;
  vmName: string;
  onSelect: SnapshotTreeViewProps['onSelect'];
  onContextMenu: SnapshotTreeViewProps['onContextMenu'];
  onActivate: SnapshotTreeViewProps['onActivate'];
}) {
  const { node } = row;
  const now = node.kind === 'now';
  return (
    <div
      id={id}
      role="treeitem"
      aria-label={now ? 'Now' : node.name}
      aria-level={row.depth + 1}
      aria-selected={selected}
      data-snapshot-id={node.id}
      className={['snapshot-row', now ? 'now' : '', selected ? 'selected' : '', active ? 'active' : '', row.branch ? 'branch' : ''].filter(Boolean).join(' ')}
      style={{ transform: `translateY(${index * treeRowHeight}px)`, paddingLeft: `${8 + row.depth * indent}px` }}
      onClick={(event) => onSelect(node.id, event.shiftKey ? 'range' : event.ctrlKey || event.metaKey ? 'toggle' : 'only')}
      onDoubleClick={() => onActivate(node.id)}
      onContextMenu={(event) => {
        if (!selected) onSelect(node.id, 'only');
        onContextMenu(event, node.id);
      }}
    >
      {row.branch && <span className="snapshot-branch" aria-hidden="true">└</span>}
      {now ? <span className="snapshot-thumb now-mark" aria-hidden="true">▶</span> : <Thumbnail snapshotId={node.id} blob={node.screenshotBlob} label={node.name} />}
      <span className="snapshot-text">
        <span className="snapshot-name">{now ? 'Now' : node.name}</span>
        <span className="snapshot-meta">
          {now ? `${vmName} as it is — you are here` : node.time !== null ? timeFormat.format(node.time) : 'Time unknown'}
          {node.withMemory && <span className="snapshot-badge">with memory</span>}
          {node.scheduled && <span className="snapshot-badge">scheduled</span>}
        </span>
      </span>
    </div>
  );
});

/**
 * The Snapshots tab's tree (XenCenter's tree view, as rows): the line that leads to Now in one column, side branches
 * indented under the snapshot they leave from, each snapshot with its console thumbnail. Only the rows in view
 * (plus a few) are in the DOM, so a VM with hundreds of snapshots stays quick.
 */
export function SnapshotTreeView({ rows, vmName, selected, anchor, onSelect, onKey, onContextMenu, onActivate }: SnapshotTreeViewProps) {
  const ids = useId();
  const rowId = (index: number) => `${ids}-row-${index}`;
  const scroller = useRef<HTMLDivElement>(null);
  const viewport = useViewport(scroller, treeRowHeight);
  // Keep the row the keyboard moved to in view.
  const anchorIndex = anchor === null ? -1 : rows.findIndex((row) => row.node.id === anchor);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || anchorIndex < 0) return;
    const top = anchorIndex * treeRowHeight;
    if (top < element.scrollTop) element.scrollTop = top;
    else if (top + treeRowHeight > element.scrollTop + element.clientHeight) element.scrollTop = top + treeRowHeight - element.clientHeight;
  }, [anchorIndex]);
  // Start at the bottom, where Now is (the present is what a person looks at first).
  const nowIndex = rows.findIndex((row) => row.node.id === nowNodeId);
  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && nowIndex >= 0) element.scrollTop = Math.max(0, (nowIndex + 1) * treeRowHeight - element.clientHeight);
    // Only when the tab opens: later changes keep the person's scroll position.
  }, []);

  const { start, end } = visibleRange(viewport.top, viewport.height, treeRowHeight, rows.length, 4);
  return (
    <div
      ref={scroller}
      className="snapshot-tree"
      role="tree"
      aria-label="Snapshots"
      aria-multiselectable="true"
      aria-activedescendant={anchorIndex >= start && anchorIndex < end ? rowId(anchorIndex) : undefined}
      tabIndex={0}
      onKeyDown={onKey}
      onContextMenu={(event) => {
        if (event.target === event.currentTarget) onContextMenu(event, null);
      }}
    >
      <div className="snapshot-tree-body" style={{ height: `${rows.length * treeRowHeight}px` }}>
        {rows.slice(start, end).map((row, offset) => (
          <TreeRow
            key={row.node.id}
            id={rowId(start + offset)}
            row={row}
            index={start + offset}
            selected={selected.has(row.node.id)}
            active={row.node.id === anchor}
            vmName={vmName}
            onSelect={onSelect}
            onContextMenu={onContextMenu}
            onActivate={onActivate}
          />
        ))}
      </div>
    </div>
  );
}
