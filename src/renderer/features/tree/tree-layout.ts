import type { FlatRow } from './flatten-tree.js';

/** Height of a row, in CSS pixels (tree.css draws rows to these heights). */
export const rowHeight = 22;
/** Pool rows have a second line for their connection state. */
export const poolRowHeight = 38;
/** Rows rendered beyond each edge of the view, so fast scrolling does not show blank space. */
export const overscanRows = 40;

/** Where each row sits: `tops[i]` is row i's top edge, `tops[rows.length]` the total height. */
export interface TreeLayout {
  readonly tops: Float64Array;
  readonly height: number;
}

export function heightOf(row: FlatRow): number {
  return row.node.kind === 'pool' ? poolRowHeight : rowHeight;
}

export function layoutRows(rows: readonly FlatRow[]): TreeLayout {
  const tops = new Float64Array(rows.length + 1);
  for (let i = 0; i < rows.length; i++) tops[i + 1] = tops[i]! + heightOf(rows[i]!);
  return { tops, height: tops[rows.length]! };
}

/** Index of the row under a y offset (the last row when past the end). */
export function rowAt(layout: TreeLayout, y: number): number {
  const count = layout.tops.length - 1;
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (layout.tops[middle]! <= y) low = middle;
    else high = middle - 1;
  }
  return Math.max(0, low);
}

/** The rows to render for a scroll position: [start, end) with overscan on both sides. */
export function rowsInView(layout: TreeLayout, scrollTop: number, viewHeight: number, overscan = overscanRows): { start: number; end: number } {
  const count = layout.tops.length - 1;
  if (count === 0) return { start: 0, end: 0 };
  const first = rowAt(layout, scrollTop);
  const last = rowAt(layout, scrollTop + Math.max(0, viewHeight - 1));
  return { start: Math.max(0, first - overscan), end: Math.min(count, last + 1 + overscan) };
}

/** The scrollTop that brings a row fully into view with the least movement (unchanged if it already is). */
export function scrollToShow(layout: TreeLayout, index: number, scrollTop: number, viewHeight: number): number {
  const top = layout.tops[index]!;
  const bottom = layout.tops[index + 1]!;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewHeight) return Math.max(0, bottom - viewHeight);
  return scrollTop;
}
