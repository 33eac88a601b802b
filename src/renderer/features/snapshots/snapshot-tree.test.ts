import { describe, expect, it } from 'vitest';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { nowNodeId, snapshotsOf, snapshotTreeRows } from './snapshot-tree.js';

const minute = 60_000;
const at = (n: number) => new Date(Date.UTC(2026, 0, 1) + n * minute).toISOString();

/** A VM and its snapshots, each given as [id, parent, minutes after the first]. */
function vmWith(parent: string, snapshots: [id: string, parent: string, time: number][]) {
  const records = snapshots.map(([id, snapParent, time]) =>
    testRecord('VM', id, { name_label: id, is_a_snapshot: true, is_a_template: true, snapshot_of: 'vm', parent: snapParent, snapshot_time: at(time), power_state: 'Halted' }),
  );
  const vm = testRecord('VM', 'vm', { name_label: 'web-01', parent, snapshots: records.map((r) => r.$id) });
  return { vm, snapshots: records, index: testIndex([vm, ...records]) };
}

const shape = (vm: XapiRecord<'VM'>, snapshots: XapiRecord<'VM'>[]) =>
  snapshotTreeRows(vm, snapshots).map((row) => `${'  '.repeat(row.depth)}${row.branch ? '└ ' : ''}${row.node.id}`);

describe('snapshotTreeRows', () => {
  it('keeps the line to Now in one column, oldest first, and indents the branches a revert left behind', () => {
    // a → b; revert to a → c; revert to a → d (Now under d); b → e.
    const { vm, snapshots } = vmWith('d', [['a', 'OpaqueRef:NULL', 0], ['b', 'a', 1], ['c', 'a', 2], ['d', 'a', 3], ['e', 'b', 4]]);
    expect(shape(vm, snapshots)).toEqual(['a', '  └ b', '  e', '  └ c', 'd', nowNodeId]);
  });

  it('shows a VM without snapshots as Now alone, and Now at the root when the VM descends from none', () => {
    expect(shape(vmWith('OpaqueRef:NULL', []).vm, [])).toEqual([nowNodeId]);
    const { vm, snapshots } = vmWith('OpaqueRef:NULL', [['a', 'OpaqueRef:NULL', 0]]);
    expect(shape(vm, snapshots)).toEqual(['a', nowNodeId]);
  });

  it('makes a snapshot whose parent is gone a root, and survives a parent cycle', () => {
    const { vm, snapshots } = vmWith('b', [['a', 'OpaqueRef:deleted', 0], ['b', 'a', 1], ['x', 'y', 2], ['y', 'x', 3]]);
    const rows = shape(vm, snapshots);
    expect(rows.slice(0, 3)).toEqual(['a', 'b', nowNodeId]); // nodes on a cycle come after, as roots
    expect(rows.map((row) => row.trim()).sort()).toEqual(['a', 'b', nowNodeId, 'x', 'y'].sort());
  });

  it('lists a long chain flat (one column), whatever its length', () => {
    const chain: [string, string, number][] = Array.from({ length: 500 }, (_, i) => [`s${i}`, i === 0 ? 'OpaqueRef:NULL' : `s${i - 1}`, i]);
    const { vm, snapshots } = vmWith('s499', chain);
    const rows = snapshotTreeRows(vm, snapshots);
    expect(rows).toHaveLength(501);
    expect(rows.every((row) => row.depth === 0)).toBe(true);
    expect(rows.at(-1)!.node.kind).toBe('now');
  });

  it('reads the VM\'s mirrored snapshots and what each node shows', () => {
    const { vm, index } = vmWith('a', [['a', 'OpaqueRef:NULL', 0]]);
    const [node] = snapshotTreeRows(vm, snapshotsOf(index, vm));
    expect(node).toMatchObject({ depth: 0, branch: false, node: { id: 'a', kind: 'snapshot', name: 'a', time: Date.UTC(2026, 0, 1), withMemory: false, scheduled: false, screenshotBlob: null } });
  });
});
