import { describe, expect, it } from 'vitest';
import { testIndex, testRecord } from '../testing/test-record.js';
import { makeCommandSelection, primaryFirst, resolveSelectedObjects } from './selection.js';

const objects = [testRecord('pool', 'OpaqueRef:pool', { name_label: 'Lab' }), testRecord('VM', 'OpaqueRef:vm', { name_label: 'web' }), testRecord('host', 'OpaqueRef:host', { name_label: 'h' }, 'p2')];
const index = testIndex(objects);

describe('command selection', () => {
  it('puts the primary key first', () => {
    expect(primaryFirst('vm:b', ['vm:a', 'vm:b', 'vm:c'])).toEqual(['vm:b', 'vm:a', 'vm:c']);
    expect(primaryFirst(null, ['vm:a'])).toEqual(['vm:a']);
  });

  it('resolves pool rows to their XAPI pool object and skips grouping rows and vanished objects', () => {
    const keys = ['pool:p1', 'group:tag:web', 'vm:OpaqueRef:vm', 'vm:OpaqueRef:gone', 'host:OpaqueRef:host'];
    expect(resolveSelectedObjects(keys, index).map((object) => object.$id)).toEqual(['OpaqueRef:pool', 'OpaqueRef:vm', 'OpaqueRef:host']);
  });

  it("takes the pool id from a pool row, or from the primary object's pool", () => {
    const states = new Map([['p3', 'disconnected' as const]]);
    expect(makeCommandSelection(['pool:p3'], [], states).poolId).toBe('p3');
    expect(makeCommandSelection(['host:OpaqueRef:host'], [objects[2]!], states).poolId).toBe('p2');
    expect(makeCommandSelection([], [], states).poolId).toBeNull();
  });
});
