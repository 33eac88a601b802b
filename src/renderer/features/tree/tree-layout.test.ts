import { describe, expect, it } from 'vitest';
import { flattenTree } from './flatten-tree.js';
import { layoutRows, poolRowHeight, rowAt, rowHeight, rowsInView, scrollToShow } from './tree-layout.js';
import { groupNode, poolNode } from './tree-node.js';

const leaves = Array.from({ length: 1000 }, (_, i) => groupNode(`g${i}`, `row ${i}`, []));
const rows = flattenTree([poolNode('p', 'Pool', undefined, []), ...leaves], new Set()).rows;
const layout = layoutRows(rows);

describe('tree layout', () => {
  it('stacks rows, pools two lines tall', () => {
    expect(layout.tops[1]).toBe(poolRowHeight);
    expect(layout.tops[2]).toBe(poolRowHeight + rowHeight);
    expect(layout.height).toBe(poolRowHeight + 1000 * rowHeight);
  });

  it('finds the row under an offset', () => {
    expect(rowAt(layout, 0)).toBe(0);
    expect(rowAt(layout, poolRowHeight - 1)).toBe(0);
    expect(rowAt(layout, poolRowHeight)).toBe(1);
    expect(rowAt(layout, 1e9)).toBe(1000);
  });

  it('renders the rows in view and the overscan around them, never past the ends', () => {
    const top = poolRowHeight + 500 * rowHeight;
    expect(rowsInView(layout, top, 10 * rowHeight, 5)).toEqual({ start: 496, end: 516 });
    expect(rowsInView(layout, 0, 10 * rowHeight, 5)).toEqual({ start: 0, end: 15 });
    expect(rowsInView(layoutRows([]), 0, 100)).toEqual({ start: 0, end: 0 });
  });

  it('scrolls a row fully into view with the least movement', () => {
    const view = 10 * rowHeight;
    expect(scrollToShow(layout, 3, 0, view)).toBe(0);
    expect(scrollToShow(layout, 20, 0, view)).toBe(layout.tops[21]! - view);
    expect(scrollToShow(layout, 2, 500, view)).toBe(layout.tops[2]);
  });
});
