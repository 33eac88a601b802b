import { describe, expect, it } from 'vitest';
import { emptySelection, keepDrawn, moveSelection, selectRow } from './snapshot-selection.js';

const order = ['a', 'b', 'c', 'd', 'now'];

describe('snapshot selection', () => {
  it('selects one row, adds and removes with Ctrl, and takes a range with Shift', () => {
    const one = selectRow(emptySelection, order, 'b', 'only');
    expect(one).toEqual({ ids: ['b'], anchor: 'b' });
    expect(selectRow(one, order, 'd', 'toggle').ids).toEqual(['b', 'd']);
    expect(selectRow({ ids: ['b', 'd'], anchor: 'd' }, order, 'b', 'toggle').ids).toEqual(['d']);
    expect(selectRow(one, order, 'd', 'range')).toEqual({ ids: ['b', 'c', 'd'], anchor: 'b' });
    expect(selectRow(emptySelection, order, 'c', 'range')).toEqual({ ids: ['c'], anchor: 'c' });
  });

  it('forgets rows that went away and moves with the arrow keys', () => {
    expect(keepDrawn({ ids: ['b', 'x'], anchor: 'x' }, order)).toEqual({ ids: ['b'], anchor: null });
    const same = { ids: ['b'], anchor: 'b' };
    expect(keepDrawn(same, order)).toBe(same);
    expect(moveSelection(same, order, 'ArrowDown')).toEqual({ ids: ['c'], anchor: 'c' });
    expect(moveSelection(emptySelection, order, 'ArrowDown')).toEqual({ ids: ['a'], anchor: 'a' });
    expect(moveSelection(same, order, 'End')).toEqual({ ids: ['now'], anchor: 'now' });
    expect(moveSelection(same, order, 'x')).toBeNull();
  });
});
