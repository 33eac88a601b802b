import { describe, expect, it } from 'vitest';
import { treeKeyAction, type VisibleRow } from './tree-keys.js';

const rows: VisibleRow[] = [
  { key: 'pool', level: 1, expanded: true },
  { key: 'host', level: 2, expanded: true },
  { key: 'vm1', level: 3, expanded: undefined },
  { key: 'host2', level: 2, expanded: false },
  { key: 'vm2', level: 2, expanded: undefined },
];

describe('treeKeyAction', () => {
  it('moves up and down through visible rows and stops at the ends', () => {
    expect(treeKeyAction(rows, 'host', 'ArrowDown')).toEqual({ focus: 'vm1' });
    expect(treeKeyAction(rows, 'host', 'ArrowUp')).toEqual({ focus: 'pool' });
    expect(treeKeyAction(rows, 'pool', 'ArrowUp')).toBeNull();
    expect(treeKeyAction(rows, 'vm2', 'ArrowDown')).toBeNull();
    expect(treeKeyAction(rows, 'vm1', 'End')).toEqual({ focus: 'vm2' });
    expect(treeKeyAction(rows, 'vm1', 'Home')).toEqual({ focus: 'pool' });
  });

  it('right expands a closed branch, then enters it; left collapses, then goes to the parent', () => {
    expect(treeKeyAction(rows, 'host2', 'ArrowRight')).toEqual({ expand: 'host2' });
    expect(treeKeyAction(rows, 'host', 'ArrowRight')).toEqual({ focus: 'vm1' });
    expect(treeKeyAction(rows, 'vm1', 'ArrowRight')).toBeNull();
    expect(treeKeyAction(rows, 'host', 'ArrowLeft')).toEqual({ collapse: 'host' });
    expect(treeKeyAction(rows, 'vm1', 'ArrowLeft')).toEqual({ focus: 'host' });
    expect(treeKeyAction(rows, 'vm2', 'ArrowLeft')).toEqual({ focus: 'pool' });
    expect(treeKeyAction(rows, 'pool', 'ArrowLeft')).toEqual({ collapse: 'pool' });
  });

  it('selects with Enter and Space, and ignores other keys', () => {
    expect(treeKeyAction(rows, 'vm1', 'Enter')).toEqual({ select: 'vm1' });
    expect(treeKeyAction(rows, 'vm1', ' ')).toEqual({ select: 'vm1' });
    expect(treeKeyAction(rows, 'vm1', 'x')).toBeNull();
    expect(treeKeyAction([], null, 'ArrowDown')).toBeNull();
  });
});
