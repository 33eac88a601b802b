import { describe, expect, it } from 'vitest';
import type { XapiObject } from '../../../shared/xapi/objects.js';
import { NameOrder, sortIdsByName } from './name-order.js';

const vm = (id: string, name: string) => ({ $id: id, $type: 'VM', $pool: 'p', name_label: name }) as unknown as XapiObject;
const index = (entries: [string, string][]) => new Map(entries.map(([id, name]) => [id, vm(id, name)]));

describe('NameOrder', () => {
  it('merges ids added at the end into the order a full sort gives, batch after batch', () => {
    const names: [string, string][] = [];
    for (let i = 0; i < 300; i++) names.push([`OpaqueRef:${(i * 7919) % 1000}`, `vm-${(i * 37) % 120}`]);
    const order = new NameOrder();
    let ids: string[] = [];
    for (let end = 0; end < names.length; end += 47) {
      ids = [...ids, ...names.slice(end, end + 47).map(([id]) => id)];
      const objects = index(names.slice(0, end + 47));
      expect(order.sorted(ids, objects)).toEqual(sortIdsByName(ids, objects));
    }
  });

  it('sorts again when a name changes or an id goes, and keeps the same array while nothing does', () => {
    const order = new NameOrder();
    const ids = ['a', 'b', 'c'];
    const objects = index([['a', 'vm-2'], ['b', 'vm-10'], ['c', 'vm-1']]);
    const first = order.sorted(ids, objects);
    expect(first).toEqual(['c', 'a', 'b']);
    expect(order.sorted(ids, objects)).toBe(first);
    const renamed = index([['a', 'vm-2'], ['b', 'vm-0'], ['c', 'vm-1']]);
    expect(order.sorted([...ids, 'd'], new Map([...renamed, ['d', vm('d', 'vm-3')]]))).toEqual(['b', 'c', 'a', 'd']);
    expect(order.sorted(['a', 'd'], new Map([...renamed, ['d', vm('d', 'vm-3')]]))).toEqual(['a', 'd']);
  });
});
