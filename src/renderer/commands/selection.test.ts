import { describe, expect, it } from 'vitest';
import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import { makeCommandSelection, primaryFirst, resolveSelectedObjects } from './selection.js';

const objects: LooseXapiObject[] = [
  { $id: 'OpaqueRef:pool', $type: 'pool', $pool: 'p1', name_label: 'Lab' },
  { $id: 'OpaqueRef:vm', $type: 'VM', $pool: 'p1', name_label: 'web' },
  { $id: 'OpaqueRef:host', $type: 'host', $pool: 'p2', name_label: 'h' },
];
const index = {
  objects: new Map(objects.map((object) => [object.$id, object])),
  idsByType: new Map([
    ['pool', ['OpaqueRef:pool']],
    ['VM', ['OpaqueRef:vm']],
    ['host', ['OpaqueRef:host']],
  ]),
};

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
