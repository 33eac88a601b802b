import { useCallback, useMemo, useState } from 'react';
import { VirtualTable, type TableColumn } from '../../components/virtual-table.js';
import { formatBytes } from '../details/format.js';
import { filterSnapshotRows, type SnapshotListRow } from './snapshot-facts.js';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const columns: readonly TableColumn<SnapshotListRow>[] = [
  { id: 'name', header: 'Name', width: 160, grow: 2, cell: (row) => row.name, sortValue: (row) => row.name },
  { id: 'time', header: 'Created', width: 150, grow: 1, cell: (row) => (row.time === null ? '' : timeFormat.format(row.time)), sortValue: (row) => row.time },
  { id: 'mode', header: 'Mode', width: 120, cell: (row) => row.mode, sortValue: (row) => row.mode },
  { id: 'size', header: 'Size', width: 90, align: 'end', cell: (row) => formatBytes(row.spaceBytes), sortValue: (row) => row.spaceBytes },
  { id: 'description', header: 'Description', width: 140, grow: 2, cell: (row) => row.description, sortValue: (row) => row.description || null },
  { id: 'tags', header: 'Tags', width: 100, grow: 1, cell: (row) => row.tags, sortValue: (row) => row.tags || null },
];

const rowKey = (row: SnapshotListRow) => row.id;

/** The list view: every snapshot in a virtualised table, sortable by name, date and size, filtered as you type. */
export function SnapshotListView({ rows, onPick, onActivate }: { rows: readonly SnapshotListRow[]; onPick: (id: string) => void; onActivate: (id: string) => void }) {
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => filterSnapshotRows(rows, filter), [rows, filter]);
  // Stable callbacks keep the table's memoised rows from re-rendering on every change of the tab.
  const picked = useCallback((row: SnapshotListRow) => onPick(row.id), [onPick]);
  const activated = useCallback((row: SnapshotListRow) => onActivate(row.id), [onActivate]);
  return (
    <div className="snapshot-list">
      <input type="search" className="search-filter" aria-label="Filter snapshots" placeholder="Filter…" value={filter} onChange={(event) => setFilter(event.target.value)} />
      <VirtualTable
        label="Snapshots"
        columns={columns}
        rows={visible}
        rowKey={rowKey}
        initialSort={{ columnId: 'time', direction: 'descending' }}
        emptyText={filter ? 'No snapshot matches the filter.' : 'This VM has no snapshots.'}
        onActiveChange={picked}
        onActivate={activated}
      />
    </div>
  );
}
