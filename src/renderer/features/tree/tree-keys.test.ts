import { describe, expect, it } from 'vitest';
import { flattenTree } from './flatten-tree.js';
import { treeKeyAction, typedSoFar } from './tree-keys.js';
import { groupNode, type TreeNode } from './tree-node.js';

const leaf = (name: string) => groupNode(name, name, []);
const branch = (name: string, children: TreeNode[]) => groupNode(name, name, children);
// pool ▾ / host ▾ / vm1, host2 ▸ (collapsed) / vm3, then alpha, beta at the top level.
const nodes = [branch('pool', [branch('host', [leaf('vm1')]), branch('host2', [leaf('vm3')]), leaf('vm2')]), leaf('alpha'), leaf('beta')];
const rows = flattenTree(nodes, new Set(['group:host2'])).rows;
const at = (name: string) => rows.findIndex((row) => row.node.name === name);
const page = 3;

describe('treeKeyAction', () => {
  it('moves up and down through visible rows and stops at the ends', () => {
    expect(rows.map((row) => row.node.name)).toEqual(['pool', 'host', 'vm1', 'host2', 'vm2', 'alpha', 'beta']);
    expect(treeKeyAction(rows, at('host'), 'ArrowDown', page)).toEqual({ move: at('vm1') });
    expect(treeKeyAction(rows, at('host'), 'ArrowUp', page)).toEqual({ move: at('pool') });
    expect(treeKeyAction(rows, at('pool'), 'ArrowUp', page)).toBeNull();
    expect(treeKeyAction(rows, at('beta'), 'ArrowDown', page)).toBeNull();
  });

  it('jumps with Home, End and a page at a time with PageUp/PageDown, clamped to the ends', () => {
    expect(treeKeyAction(rows, at('vm1'), 'End', page)).toEqual({ move: at('beta') });
    expect(treeKeyAction(rows, at('vm1'), 'Home', page)).toEqual({ move: 0 });
    expect(treeKeyAction(rows, 0, 'PageDown', page)).toEqual({ move: 2 });
    expect(treeKeyAction(rows, 5, 'PageDown', page)).toEqual({ move: 6 });
    expect(treeKeyAction(rows, 3, 'PageUp', page)).toEqual({ move: 1 });
    expect(treeKeyAction(rows, 1, 'PageUp', page)).toEqual({ move: 0 });
  });

  it('right expands a closed branch, then enters it; left collapses, then goes to the parent', () => {
    expect(treeKeyAction(rows, at('host2'), 'ArrowRight', page)).toEqual({ expand: at('host2') });
    expect(treeKeyAction(rows, at('host'), 'ArrowRight', page)).toEqual({ move: at('vm1') });
    expect(treeKeyAction(rows, at('vm1'), 'ArrowRight', page)).toBeNull();
    expect(treeKeyAction(rows, at('host'), 'ArrowLeft', page)).toEqual({ collapse: at('host') });
    expect(treeKeyAction(rows, at('vm1'), 'ArrowLeft', page)).toEqual({ move: at('host') });
    expect(treeKeyAction(rows, at('vm2'), 'ArrowLeft', page)).toEqual({ move: at('pool') });
    expect(treeKeyAction(rows, at('host2'), 'ArrowLeft', page)).toEqual({ move: at('pool') });
    expect(treeKeyAction(rows, at('pool'), 'ArrowLeft', page)).toEqual({ collapse: at('pool') });
    expect(treeKeyAction(rows, at('alpha'), 'ArrowLeft', page)).toBeNull();
  });

  it('activates with Enter and Space, types ahead with letters, and ignores other keys', () => {
    expect(treeKeyAction(rows, at('vm1'), 'Enter', page)).toEqual({ activate: at('vm1') });
    expect(treeKeyAction(rows, at('vm1'), ' ', page)).toEqual({ activate: at('vm1') });
    expect(treeKeyAction(rows, at('vm1'), 'h', page)).toEqual({ move: at('host2') });
    expect(treeKeyAction(rows, at('host2'), 'H', page)).toEqual({ move: at('host') });
    expect(treeKeyAction(rows, at('vm1'), 'z', page)).toBeNull();
    expect(treeKeyAction(rows, at('vm1'), 'F2', page)).toBeNull();
    expect(treeKeyAction([], -1, 'ArrowDown', page)).toBeNull();
  });

  it('starts at the first row when nothing has focus yet', () => {
    expect(treeKeyAction(rows, -1, 'ArrowDown', page)).toEqual({ move: 0 });
    expect(treeKeyAction(rows, -1, 'End', page)).toEqual({ move: rows.length - 1 });
  });

  it('types ahead several letters in a row, and keeps cycling on one letter typed again', () => {
    const named = flattenTree([leaf('web-01'), leaf('web-02'), leaf('db-01'), leaf('web-10'), leaf('wiki')], new Set()).rows;
    const find = (name: string) => named.findIndex((row) => row.node.name === name);
    expect(treeKeyAction(named, find('db-01'), 'w', page)).toEqual({ move: find('web-10') });
    expect(treeKeyAction(named, find('web-10'), 'i', page, 'wi')).toEqual({ move: find('wiki') });
    expect(treeKeyAction(named, find('web-01'), '1', page, 'web-1')).toEqual({ move: find('web-10') });
    // "web-0" from web-01 stays there (it matches), where "w" again would step on.
    expect(treeKeyAction(named, find('web-01'), '0', page, 'web-0')).toEqual({ move: find('web-01') });
    expect(treeKeyAction(named, find('web-01'), 'w', page, 'ww')).toEqual({ move: find('web-02') });
    expect(treeKeyAction(named, find('web-01'), 'x', page, 'webx')).toBeNull();
  });

  it('keeps typed letters together until a pause', () => {
    expect(typedSoFar(null, 'w', 1000)).toBe('w');
    expect(typedSoFar({ text: 'w', at: 1000 }, 'e', 1500)).toBe('we');
    expect(typedSoFar({ text: 'we', at: 1500 }, 'b', 3000)).toBe('b');
  });
});
