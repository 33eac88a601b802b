import { useMemo } from 'react';
import type { Settings } from '../../../shared/api/settings-schema.js';
import { useAppStore } from '../../store/app-store.js';
import type { TableColumn } from '../../components/virtual-table.js';
import type { SearchCell, SearchRow } from './search-rows.js';
import { SubjectIcon } from './subject-icon.js';

/** A Search column, with whether it shows before the user chooses. */
interface SearchColumn extends TableColumn<SearchRow> {
  readonly shownByDefault: boolean;
}

const cellText = (pick: (row: SearchRow) => SearchCell) => (row: SearchRow) => pick(row).text;
const cellValue = (pick: (row: SearchRow) => SearchCell) => (row: SearchRow) => pick(row).value;
const textOrNull = (pick: (row: SearchRow) => string) => (row: SearchRow) => pick(row) || null;

function NameCell({ row }: { row: SearchRow }) {
  return (
    <span className="search-name">
      <SubjectIcon kind={row.kind} powerState={row.powerState} />
      {row.name}
    </span>
  );
}

/** Every column the Search tab can show, in XenCenter's order; Name is always shown. */
export const searchColumns: readonly SearchColumn[] = [
  { id: 'name', header: 'Name', width: 140, grow: 2, shownByDefault: true, cell: (row) => <NameCell row={row} />, sortValue: (row) => row.name },
  { id: 'type', header: 'Type', width: 80, shownByDefault: false, cell: (row) => row.typeLabel, sortValue: (row) => row.typeLabel },
  { id: 'state', header: 'State', width: 110, grow: 1, shownByDefault: true, cell: (row) => row.state, sortValue: textOrNull((row) => row.state) },
  { id: 'cpu', header: 'CPU', width: 125, grow: 1, shownByDefault: true, cell: cellText((row) => row.cpu), sortValue: cellValue((row) => row.cpu) },
  { id: 'memory', header: 'Memory', width: 175, grow: 1, shownByDefault: true, cell: cellText((row) => row.memory), sortValue: cellValue((row) => row.memory) },
  { id: 'disks', header: 'Disks', width: 130, grow: 1, shownByDefault: true, cell: cellText((row) => row.disks), sortValue: cellValue((row) => row.disks) },
  { id: 'network', header: 'Network', width: 160, grow: 1, shownByDefault: false, cell: (row) => row.network, sortValue: textOrNull((row) => row.network) },
  { id: 'address', header: 'Address', width: 100, shownByDefault: true, cell: (row) => row.address, sortValue: textOrNull((row) => row.address) },
  { id: 'uptime', header: 'Uptime', width: 130, grow: 1, shownByDefault: true, cell: cellText((row) => row.uptime), sortValue: cellValue((row) => row.uptime) },
  { id: 'description', header: 'Description', width: 160, grow: 2, shownByDefault: false, cell: (row) => row.description, sortValue: textOrNull((row) => row.description) },
  { id: 'tags', header: 'Tags', width: 120, grow: 1, shownByDefault: false, cell: (row) => row.tags, sortValue: textOrNull((row) => row.tags) },
  { id: 'uuid', header: 'UUID', width: 280, shownByDefault: false, cell: (row) => <span className="mono">{row.uuid}</span>, sortValue: (row) => row.uuid },
];

const defaultColumnIds = searchColumns.filter((column) => column.shownByDefault).map((column) => column.id);

/** The column ids shown after toggling one (Name cannot be hidden), in the table's column order. */
export function toggledColumns(shown: ReadonlySet<string>, columnId: string): string[] {
  if (columnId === 'name') return [...shown];
  const next = new Set(shown);
  if (next.has(columnId)) next.delete(columnId);
  else next.add(columnId);
  return searchColumns.filter((column) => next.has(column.id)).map((column) => column.id);
}

/** The ids of the Search columns shown for a saved choice (null: the defaults). */
export function shownColumns(chosen: Settings['searchColumns']): ReadonlySet<string> {
  return chosen === null ? new Set(defaultColumnIds) : new Set(['name', ...chosen]);
}

/** The Search columns shown: the user's choice, kept in the settings so it survives a restart. */
export function useShownColumns(): ReadonlySet<string> {
  const chosen = useAppStore((state) => state.settings.searchColumns);
  return useMemo(() => shownColumns(chosen), [chosen]);
}
