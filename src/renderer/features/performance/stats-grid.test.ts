import { describe, expect, it } from 'vitest';
import { availableSources, graphColumns, gridOf, lastValue, mergeGrid, mergeSeries } from './stats-grid.js';

describe('stats grids', () => {
  it('merges new points after old ones, new values winning, and drops points older than the window', () => {
    const merged = mergeGrid({ start: 100, step: 5, values: [1, 2, 3] }, { start: 110, step: 5, values: [30, 4] }, 105);
    expect(merged).toEqual({ start: 105, step: 5, values: [2, 30, 4] });
    const gap = mergeGrid({ start: 100, step: 5, values: [1] }, { start: 115, step: 5, values: [4] }, 0);
    expect(gap.values).toEqual([1, null, null, 4]);
  });

  it('derives used memory from total and free, and lists it as available', () => {
    const grids = mergeSeries(undefined, { objectId: 'vm', start: 0, step: 5, sources: [{ name: 'memory', values: [4096, 4096] }, { name: 'memory_internal_free', values: [1, null] }] }, 0);
    expect(gridOf(grids, 'memory_used')?.values).toEqual([3072, null]);
    expect(availableSources(grids)).toEqual(['memory', 'memory_internal_free', 'memory_used']);
  });

  it('lays a graph\'s sources on shared times, scaled, with gaps as null; the last value skips gaps', () => {
    const grids = mergeSeries(undefined, { objectId: 'vm', start: 10, step: 5, sources: [{ name: 'cpu0', values: [0.5, 0.25, null] }] }, 0);
    const { times, rows } = graphColumns(grids, ['cpu0', 'cpu1'], [100, 100]);
    expect(times).toEqual([10, 15, 20]);
    expect(rows).toEqual([[50, 25, null], [null, null, null]]);
    expect(lastValue(rows[0]!)).toBe(25);
    expect(lastValue(rows[1]!)).toBeNull();
  });
});
