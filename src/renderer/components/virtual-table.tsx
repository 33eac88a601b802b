import { memo, useCallback, useEffect, useId, useLayoutEffect, useMemo, useRef, useState, type CSSProperties, type KeyboardEvent, type ReactNode } from 'react';
import { moveActive, nextSort, scrollToShow, sortRows, visibleRange, type SortState, type SortValue } from './virtual-table-model.js';
import './virtual-table.css';

/** One column: its header, how wide it may be, how a cell draws, and (if sortable) its sort key. */
export interface TableColumn<Row> {
  readonly id: string;
  readonly header: string;
  /** Minimum width in CSS pixels; the column takes `grow` shares of any room left. */
  readonly width: number;
  readonly grow?: number;
  readonly align?: 'start' | 'end';
  readonly cell: (row: Row) => ReactNode;
  /** Absent: the column cannot be sorted. */
  readonly sortValue?: (row: Row) => SortValue;
}

export interface VirtualTableProps<Row> {
  /** The grid's accessible name. */
  readonly label: string;
  readonly columns: readonly TableColumn<Row>[];
  readonly rows: readonly Row[];
  readonly rowKey: (row: Row) => string;
  /** Fixed row height in CSS pixels (the header has the same height). */
  readonly rowHeight?: number;
  readonly initialSort?: SortState | null;
  /** Double-click or Enter on a row. */
  readonly onActivate?: (row: Row) => void;
  /** The active row changed (a click or a keyboard move): for a pane that shows the row's details. */
  readonly onActiveChange?: (row: Row) => void;
  /** Right click on a row, Shift+F10 or the Menu key on the active one: where the row's context menu opens. */
  readonly onRowContextMenu?: (row: Row, at: { x: number; y: number }) => void;
  readonly emptyText?: string;
  /** Grow to at most this many rows, then scroll; without it the table fills its parent's height. */
  readonly maxVisibleRows?: number;
  readonly className?: string;
}

const overscan = 8;

/**
 * A table that stays fast at any size: role=grid with sortable column headers (aria-sort), fixed-height rows of
 * which only those in view are in the DOM, and a keyboard-driven active row (arrows, Page Up/Down, Home, End,
 * Enter) announced through aria-activedescendant, so focus stays on the grid while rows come and go.
 */
export function VirtualTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowHeight = 28,
  initialSort = null,
  onActivate,
  onActiveChange,
  onRowContextMenu,
  emptyText = 'No items',
  maxVisibleRows,
  className,
}: VirtualTableProps<Row>) {
  const baseId = useId();
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [viewport, setViewport] = useState(rowHeight * 20);
  const [sort, setSort] = useState<SortState | null>(initialSort);
  const [activeKey, setActiveKey] = useState<string | null>(null);

  const sortColumn = columns.find((column) => column.id === sort?.columnId);
  const sorted = useMemo(() => sortRows(rows, sortColumn?.sortValue, sort?.direction ?? 'ascending'), [rows, sortColumn, sort?.direction]);
  const activeIndex = useMemo(() => (activeKey === null ? -1 : sorted.findIndex((row) => rowKey(row) === activeKey)), [sorted, activeKey, rowKey]);

  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element) return;
    setViewport(element.clientHeight);
    const observer = new ResizeObserver(() => setViewport(element.clientHeight));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  // Fewer rows than before (a filter): keep the scroll position inside the content.
  useEffect(() => {
    const element = scroller.current;
    if (element && element.scrollTop > sorted.length * rowHeight) element.scrollTop = 0;
  }, [sorted.length, rowHeight]);

  const reveal = useCallback(
    (index: number) => {
      const element = scroller.current;
      if (!element) return;
      const top = scrollToShow(index, element.scrollTop, element.clientHeight, rowHeight, rowHeight);
      if (top !== element.scrollTop) element.scrollTop = top;
    },
    [rowHeight],
  );

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.target !== event.currentTarget) return; // header buttons handle their own keys
    if (event.key === 'Enter' && activeIndex >= 0) {
      event.preventDefault();
      onActivate?.(sorted[activeIndex]!);
      return;
    }
    const next = moveActive(event.key, activeIndex, sorted.length, Math.floor(viewport / rowHeight) - 1);
    if (next === null) return;
    event.preventDefault();
    setActiveKey(rowKey(sorted[next]!));
    onActiveChange?.(sorted[next]!);
    reveal(next);
  };

  const { start, end } = visibleRange(scrollTop, viewport, rowHeight, sorted.length, overscan);
  const template = columns.map((column) => `minmax(${column.width}px, ${column.grow ?? 1}fr)`).join(' ');
  const minWidth = columns.reduce((sum, column) => sum + column.width, 0);
  const style = {
    '--vt-columns': template,
    '--vt-min-width': `${minWidth}px`,
    '--vt-row-height': `${rowHeight}px`,
    maxHeight: maxVisibleRows === undefined ? undefined : `${(Math.min(maxVisibleRows, Math.max(1, sorted.length)) + 1) * rowHeight + 2}px`,
  } as CSSProperties;
  const rowId = (index: number) => `${baseId}-row-${index}`;
  // The rows as drawn, for a click (rows call back with their key only, so they stay memoised).
  const drawn = useRef(sorted);
  drawn.current = sorted;
  const pick = useCallback(
    (key: string) => {
      setActiveKey(key);
      scroller.current?.focus({ preventScroll: true });
      const row = onActiveChange ? drawn.current.find((candidate) => rowKey(candidate) === key) : undefined;
      if (row !== undefined) onActiveChange?.(row);
    },
    [onActiveChange, rowKey],
  );

  return (
    <div
      ref={scroller}
      className={['vt', maxVisibleRows === undefined ? 'vt-fill' : '', className ?? ''].filter(Boolean).join(' ')}
      role="grid"
      aria-label={label}
      aria-rowcount={sorted.length + 1}
      aria-colcount={columns.length}
      aria-activedescendant={activeIndex >= 0 && activeIndex >= start && activeIndex < end ? rowId(activeIndex) : undefined}
      tabIndex={0}
      style={style}
      onScroll={(event) => setScrollTop(event.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onContextMenu={(event) => {
        if (!onRowContextMenu) return;
        // A right click names its row; the keyboard's menu key acts on the active row, below which the menu opens.
        const rowElement = (event.target as HTMLElement).closest<HTMLElement>('[data-row-key]');
        const key = rowElement?.dataset.rowKey ?? activeKey;
        const row = key === null ? undefined : drawn.current.find((candidate) => rowKey(candidate) === key);
        if (row === undefined) return;
        event.preventDefault();
        if (rowElement) pick(key!);
        const box = (rowElement ?? scroller.current?.querySelector<HTMLElement>(`[data-row-key="${CSS.escape(key!)}"]`))?.getBoundingClientRect();
        const fromKeyboard = event.clientX === 0 && event.clientY === 0;
        onRowContextMenu(row, fromKeyboard && box ? { x: box.left + 16, y: box.bottom } : { x: event.clientX, y: event.clientY });
      }}
    >
      <div role="rowgroup" className="vt-head">
        <div role="row" aria-rowindex={1} className="vt-row vt-header-row">
          {columns.map((column, columnIndex) => (
            <HeaderCell key={column.id} column={column} columnIndex={columnIndex} sort={sort} onSort={() => setSort(nextSort(sort, column.id))} />
          ))}
        </div>
      </div>
      <div role="rowgroup" className="vt-body" style={{ height: `${Math.max(1, sorted.length) * rowHeight}px` }}>
        {sorted.length === 0 ? (
          <div role="row" aria-rowindex={2} className="vt-row vt-empty">
            <div role="gridcell" aria-colspan={columns.length}>
              {emptyText}
            </div>
          </div>
        ) : (
          sorted.slice(start, end).map((row, offset) => {
            const index = start + offset;
            const key = rowKey(row);
            return (
              <TableRow key={key} id={rowId(index)} rowKey={key} row={row} index={index} columns={columns} active={index === activeIndex} onPick={pick} onActivate={onActivate} />
            );
          })
        )}
      </div>
    </div>
  );
}

interface HeaderCellProps<Row> {
  column: TableColumn<Row>;
  columnIndex: number;
  sort: SortState | null;
  onSort: () => void;
}

function HeaderCell<Row>({ column, columnIndex, sort, onSort }: HeaderCellProps<Row>) {
  const sortable = column.sortValue !== undefined;
  const direction = sort?.columnId === column.id ? sort.direction : undefined;
  return (
    <div role="columnheader" aria-colindex={columnIndex + 1} aria-sort={sortable ? (direction ?? 'none') : undefined} className={column.align === 'end' ? 'vt-cell vt-end' : 'vt-cell'}>
      {sortable ? (
        <button type="button" className="vt-sort" onClick={onSort}>
          <span className="vt-header-text">{column.header}</span>
          <span className="vt-sort-mark" aria-hidden="true">
            {direction === 'ascending' ? '▲' : direction === 'descending' ? '▼' : ''}
          </span>
        </button>
      ) : (
        <span className="vt-header-text">{column.header}</span>
      )}
    </div>
  );
}

interface TableRowProps<Row> {
  id: string;
  rowKey: string;
  row: Row;
  index: number;
  columns: readonly TableColumn<Row>[];
  active: boolean;
  onPick: (key: string) => void;
  onActivate: ((row: Row) => void) | undefined;
}

/**
 * One mounted row, placed at its index (the body's height holds the space of all rows). Memoised: scrolling
 * re-renders only the rows that come into view (callers keep `columns`, `rows` and `onActivate` stable).
 */
const TableRow = memo(function TableRow<Row>({ id, rowKey, row, index, columns, active, onPick, onActivate }: TableRowProps<Row>) {
  return (
    <div
      id={id}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={active}
      className={active ? 'vt-row vt-body-row active' : 'vt-row vt-body-row'}
      data-row-key={rowKey}
      style={{ transform: `translateY(${index * 100}%)` }}
      onClick={() => onPick(rowKey)}
      onDoubleClick={() => onActivate?.(row)}
    >
      {columns.map((column, columnIndex) => {
        const content = column.cell(row);
        // Plain text may be cut by its column: the tooltip shows it whole.
        return (
          <div key={column.id} role="gridcell" aria-colindex={columnIndex + 1} className={column.align === 'end' ? 'vt-cell vt-end' : 'vt-cell'} title={typeof content === 'string' ? content : undefined}>
            {content}
          </div>
        );
      })}
    </div>
  );
}) as <Row>(props: TableRowProps<Row>) => ReactNode;
