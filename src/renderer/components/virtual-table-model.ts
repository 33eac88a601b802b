/**
 * The arithmetic of the virtualised table, kept pure so it is tested without a DOM: which rows to mount for a
 * scroll position, how rows sort, where keyboard moves go, and how far to scroll to show a row.
 */

export type SortDirection = 'ascending' | 'descending';

export interface SortState {
  readonly columnId: string;
  readonly direction: SortDirection;
}

/** A sort key: numbers sort numerically, strings naturally; null (not applicable) always sorts last. */
export type SortValue = string | number | null;

/** Rows to mount: [start, end) around the viewport, with `overscan` rows either side for smooth scrolling. */
export function visibleRange(scrollTop: number, viewportHeight: number, rowHeight: number, rowCount: number, overscan = 8): { start: number; end: number } {
  if (rowCount === 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const last = Math.ceil((Math.max(0, scrollTop) + Math.max(0, viewportHeight)) / rowHeight);
  return { start: Math.max(0, first - overscan), end: Math.min(rowCount, last + overscan) };
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compareValues(a: SortValue, b: SortValue): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return collator.compare(String(a), String(b));
}

/**
 * The rows in sort order (a new array; the input is left alone). Stable: equal keys keep the caller's order.
 * Null keys stay last in both directions, as XenCenter puts empty cells at the bottom.
 */
export function sortRows<Row>(rows: readonly Row[], key: ((row: Row) => SortValue) | undefined, direction: SortDirection): readonly Row[] {
  if (!key) return rows;
  const keyed = rows.map((row, position) => ({ row, position, value: key(row) }));
  const sign = direction === 'ascending' ? 1 : -1;
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return compareValues(a.value, b.value) || a.position - b.position;
    return sign * compareValues(a.value, b.value) || a.position - b.position;
  });
  return keyed.map((entry) => entry.row);
}

/** Clicking a header: a new column sorts ascending, the sorted one flips. */
export function nextSort(current: SortState | null, columnId: string): SortState {
  if (current?.columnId === columnId) return { columnId, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
  return { columnId, direction: 'ascending' };
}

/** Where a navigation key moves the active row (-1: no row); null for keys the table does not handle. */
export function moveActive(key: string, active: number, rowCount: number, pageRows: number): number | null {
  if (rowCount === 0) return null;
  const page = Math.max(1, pageRows - 1);
  const clamp = (index: number) => Math.min(rowCount - 1, Math.max(0, index));
  switch (key) {
    case 'ArrowDown':
      return clamp(active < 0 ? 0 : active + 1);
    case 'ArrowUp':
      return clamp(active < 0 ? 0 : active - 1);
    case 'PageDown':
      return clamp(active + page);
    case 'PageUp':
      return clamp(active - page);
    case 'Home':
      return 0;
    case 'End':
      return rowCount - 1;
    default:
      return null;
  }
}

/**
 * The scrollTop that brings row `index` fully into view under a sticky header of `headerHeight`, or the same
 * scrollTop when it already is.
 */
export function scrollToShow(index: number, scrollTop: number, viewportHeight: number, rowHeight: number, headerHeight: number): number {
  const top = index * rowHeight;
  const visibleBody = viewportHeight - headerHeight;
  if (top < scrollTop) return top;
  if (top + rowHeight > scrollTop + visibleBody) return top + rowHeight - visibleBody;
  return scrollTop;
}
