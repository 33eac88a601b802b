import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { VirtualTable } from '../../components/virtual-table.js';
import type { DetailsSubject } from './details-subject.js';
import { goTo } from './go-to.js';
import { useBridge } from '../../app/bridge-context.js';
import { useContextMenuStore } from '../../store/context-menu-store.js';
import { saveSettings } from '../../app/save-settings.js';
import { searchColumns, toggledColumns, useShownColumns } from './search-columns.js';
import { filterRows, searchRow, type SearchRow } from './search-rows.js';
import { searchScope } from './search-scope.js';
import { useMirror, useNow } from './use-mirror.js';

const rowKey = (row: SearchRow) => row.id;
const activate = (row: SearchRow) => goTo(row.key);
/** A row's context menu is the tree's for that object (XenCenter's search grid), without moving the tree's selection. */
const openRowMenu = (row: SearchRow, at: { x: number; y: number }) => useContextMenuStore.getState().openAt(at.x, at.y, [row.key]);

/**
 * The Search tab: every object under the selection in a virtualised table, sortable by any column, filtered as
 * you type, with the columns chosen from a menu. Double-click or Enter on a row selects that object.
 */
export function SearchTab({ subject }: { subject: DetailsSubject }) {
  const now = useNow(60_000);
  const rows = useMirror((index) => searchScope(index, subject).map((object) => searchRow(index, object, now)), [subject.key, subject.object, now]);
  const [filter, setFilter] = useState('');
  const visible = useMemo(() => filterRows(rows, filter), [rows, filter]);
  const shown = useShownColumns();
  const columns = useMemo(() => searchColumns.filter((column) => shown.has(column.id)), [shown]);
  return (
    <div className="search-tab">
      <div className="search-toolbar">
        <input type="search" className="search-filter" aria-label="Filter objects" placeholder="Filter…" value={filter} onChange={(event) => setFilter(event.target.value)} />
        <span className="search-count" role="status">
          {visible.length === rows.length ? `${rows.length} object${rows.length === 1 ? '' : 's'}` : `${visible.length} of ${rows.length} objects`}
        </span>
        <span className="spacer" />
        <ColumnsMenu />
      </div>
      <VirtualTable
        label="Search results"
        columns={columns}
        rows={visible}
        rowKey={rowKey}
        initialSort={{ columnId: 'name', direction: 'ascending' }}
        emptyText={filter ? 'No objects match the filter.' : 'Nothing to list here.'}
        onActivate={activate}
        onRowContextMenu={openRowMenu}
      />
    </div>
  );
}

/**
 * Where the Columns list opens: under the button, right-aligned to it, fixed to the window so no scrolling pane
 * clips it, and no taller than the room below (it scrolls inside itself when the window is short).
 */
function popupPlace(button: HTMLElement): CSSProperties {
  const box = button.getBoundingClientRect();
  const top = box.bottom + 4;
  return { position: 'fixed', top, right: Math.max(4, window.innerWidth - box.right), maxHeight: Math.max(120, window.innerHeight - top - 8), overflowY: 'auto' };
}

/** "Columns" button with a checkbox per column; closes on Escape or a click outside. */
function ColumnsMenu() {
  const [open, setOpen] = useState(false);
  const [place, setPlace] = useState<CSSProperties>({});
  const bridge = useBridge();
  const shown = useShownColumns();
  const toggle = (columnId: string) => void saveSettings(bridge, { searchColumns: toggledColumns(shown, columnId) });
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent) => {
      if (!box.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  return (
    <div
      className="columns-menu"
      ref={box}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          box.current?.querySelector('button')?.focus();
        }
      }}
    >
      <button
        type="button"
        className="toolbar-button"
        aria-expanded={open}
        aria-haspopup="true"
        onClick={(event) => {
          setPlace(popupPlace(event.currentTarget));
          setOpen(!open);
        }}
      >
        Columns <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="columns-popup" style={place}>
          <fieldset>
            <legend>Columns</legend>
            {searchColumns.map((column) => (
              <label key={column.id} className="check">
                <input type="checkbox" checked={shown.has(column.id)} disabled={column.id === 'name'} onChange={() => toggle(column.id)} />
                {column.header}
              </label>
            ))}
          </fieldset>
        </div>
      )}
    </div>
  );
}
