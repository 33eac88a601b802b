import { describe, expect, it } from 'vitest';
import { moveActive, nextSort, scrollToShow, sortRows, visibleRange } from './virtual-table-model.js';

describe('visibleRange', () => {
  it('mounts only the rows in view plus overscan, whatever the row count', () => {
    expect(visibleRange(0, 280, 28, 10_000, 5)).toEqual({ start: 0, end: 15 });
    expect(visibleRange(28 * 5000, 280, 28, 10_000, 5)).toEqual({ start: 4995, end: 5015 });
    expect(visibleRange(28 * 9999, 280, 28, 10_000, 5)).toEqual({ start: 9994, end: 10_000 });
    expect(visibleRange(0, 280, 28, 0)).toEqual({ start: 0, end: 0 });
    expect(visibleRange(-50, 100, 28, 3, 0)).toEqual({ start: 0, end: 3 });
  });
});

describe('sortRows', () => {
  const rows = [
    { name: 'vm-10', size: 5 },
    { name: 'vm-2', size: null },
    { name: 'VM-1', size: 5 },
    { name: 'vm-3', size: 1 },
  ];

  it('sorts names naturally and case-insensitively, both ways', () => {
    expect(sortRows(rows, (row) => row.name, 'ascending').map((row) => row.name)).toEqual(['VM-1', 'vm-2', 'vm-3', 'vm-10']);
    expect(sortRows(rows, (row) => row.name, 'descending').map((row) => row.name)).toEqual(['vm-10', 'vm-3', 'vm-2', 'VM-1']);
  });

  it('sorts numbers numerically, stably, with empty values last in both directions', () => {
    expect(sortRows(rows, (row) => row.size, 'ascending').map((row) => row.name)).toEqual(['vm-3', 'vm-10', 'VM-1', 'vm-2']);
    expect(sortRows(rows, (row) => row.size, 'descending').map((row) => row.name)).toEqual(['vm-10', 'VM-1', 'vm-3', 'vm-2']);
  });

  it('keeps the order without a key and never mutates its input', () => {
    const copy = [...rows];
    expect(sortRows(rows, undefined, 'ascending')).toBe(rows);
    sortRows(rows, (row) => row.name, 'ascending');
    expect(rows).toEqual(copy);
  });
});

describe('keyboard and scrolling', () => {
  it('flips the sorted column and starts a new one ascending', () => {
    expect(nextSort(null, 'name')).toEqual({ columnId: 'name', direction: 'ascending' });
    expect(nextSort({ columnId: 'name', direction: 'ascending' }, 'name')).toEqual({ columnId: 'name', direction: 'descending' });
    expect(nextSort({ columnId: 'name', direction: 'descending' }, 'size')).toEqual({ columnId: 'size', direction: 'ascending' });
  });

  it('moves the active row with arrows, pages, Home and End, within bounds', () => {
    expect(moveActive('ArrowDown', -1, 100, 10)).toBe(0);
    expect(moveActive('ArrowDown', 99, 100, 10)).toBe(99);
    expect(moveActive('ArrowUp', 0, 100, 10)).toBe(0);
    expect(moveActive('PageDown', 5, 100, 10)).toBe(14);
    expect(moveActive('PageUp', 5, 100, 10)).toBe(0);
    expect(moveActive('End', 5, 100, 10)).toBe(99);
    expect(moveActive('Home', 50, 100, 10)).toBe(0);
    expect(moveActive('Enter', 5, 100, 10)).toBeNull();
    expect(moveActive('ArrowDown', -1, 0, 10)).toBeNull();
  });

  it('scrolls just enough to show a row below a sticky header', () => {
    // Viewport 300 px, header 30 px: 270 px of body, rows of 30 px.
    expect(scrollToShow(3, 0, 300, 30, 30)).toBe(0);
    expect(scrollToShow(9, 0, 300, 30, 30)).toBe(30);
    expect(scrollToShow(2, 200, 300, 30, 30)).toBe(60);
  });
});
