import { describe, expect, it } from 'vitest';
import { DeltaBatcher } from './delta-batcher.js';
import { ObjectMirror } from './object-mirror.js';

const vm = (ref: string, fields: Record<string, unknown>) => ({ ref, type: 'VM', fields });

describe('ObjectMirror', () => {
  it('reports only the fields that changed and keeps untouched objects identical', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', { power_state: 'Halted', name_label: 'a' }), vm('OpaqueRef:b', { power_state: 'Halted' })]);
    const before = mirror.object('OpaqueRef:b');
    const changes = mirror.apply('p1', [vm('OpaqueRef:a', { power_state: 'Running', name_label: 'a' }), vm('OpaqueRef:b', { power_state: 'Halted' })]);
    expect(changes).toEqual([
      { kind: 'change', change: { $id: 'OpaqueRef:a', fields: { power_state: 'Running' } }, object: expect.objectContaining({ power_state: 'Running' }) },
    ]);
    expect(mirror.object('OpaqueRef:b')).toBe(before);
  });

  it('reads an object as its class only when it is of that class', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', { power_state: 'Running' }), { ref: 'OpaqueRef:h', type: 'host', fields: { name_label: 'h' } }]);
    expect(mirror.get('OpaqueRef:a', 'VM')?.power_state).toBe('Running');
    expect(mirror.get('OpaqueRef:a', 'host')).toBeUndefined();
    expect([...mirror.ofType('host', 'p1')].map((host) => host.name_label)).toEqual(['h']);
    expect([...mirror.ofType('host', 'p2')]).toEqual([]);
  });

  it('compares sets and maps by value', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', { tags: ['x'], other_config: { k: 'v' } })]);
    expect(mirror.apply('p1', [vm('OpaqueRef:a', { tags: ['x'], other_config: { k: 'v' } })])).toEqual([]);
    expect(mirror.apply('p1', [vm('OpaqueRef:a', { tags: ['x', 'y'], other_config: { k: 'v' } })])).toHaveLength(1);
  });

  it('indexes relations and follows them when they change', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', { resident_on: 'OpaqueRef:h1' })]);
    expect([...mirror.index.lookup('VM.resident_on', 'OpaqueRef:h1')]).toEqual(['OpaqueRef:a']);
    mirror.apply('p1', [vm('OpaqueRef:a', { resident_on: 'OpaqueRef:h2' })]);
    expect([...mirror.index.lookup('VM.resident_on', 'OpaqueRef:h1')]).toEqual([]);
    expect([...mirror.index.lookup('VM.resident_on', 'OpaqueRef:h2')]).toEqual(['OpaqueRef:a']);
    expect(mirror.referrers('VM.resident_on', 'OpaqueRef:h2').map((resident) => resident.$id)).toEqual(['OpaqueRef:a']);
  });

  it('replacePool removes what a fresh full fetch no longer has, and only in that pool', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', {}), vm('OpaqueRef:b', {})]);
    mirror.apply('p2', [vm('OpaqueRef:c', {})]);
    const changes = mirror.replacePool('p1', [vm('OpaqueRef:b', {}), vm('OpaqueRef:d', {})]);
    expect(changes.map((c) => c.kind).sort()).toEqual(['add', 'remove']);
    expect([...mirror.objects('p1')].map((o) => o.$id).sort()).toEqual(['OpaqueRef:b', 'OpaqueRef:d']);
    expect(mirror.object('OpaqueRef:c')?.$pool).toBe('p2');
  });
});

describe('DeltaBatcher', () => {
  it('coalesces add+change into one add with the latest object, and merges changes', () => {
    const mirror = new ObjectMirror();
    const batcher = new DeltaBatcher();
    mirror.onChanges((changes) => batcher.push(changes));
    mirror.apply('p1', [vm('OpaqueRef:a', { power_state: 'Halted' }), vm('OpaqueRef:b', { power_state: 'Halted', memory: 1 })]);
    batcher.take();
    mirror.apply('p1', [vm('OpaqueRef:c', { power_state: 'Halted' })]);
    mirror.apply('p1', [vm('OpaqueRef:c', { power_state: 'Running' })]);
    mirror.apply('p1', [vm('OpaqueRef:b', { power_state: 'Running', memory: 1 })]);
    mirror.apply('p1', [vm('OpaqueRef:b', { power_state: 'Running', memory: 2 })]);
    const delta = batcher.take();
    expect(delta?.added).toEqual([expect.objectContaining({ $id: 'OpaqueRef:c', power_state: 'Running' })]);
    expect(delta?.changed).toEqual([{ $id: 'OpaqueRef:b', fields: { power_state: 'Running', memory: 2 } }]);
    expect(batcher.take()).toBeNull();
  });

  it('drops an object added and removed within one batch, but tells a client that had it', () => {
    const mirror = new ObjectMirror();
    const batcher = new DeltaBatcher();
    mirror.onChanges((changes) => batcher.push(changes));
    mirror.apply('p1', [vm('OpaqueRef:a', {})]);
    mirror.apply('p1', [], ['OpaqueRef:a']);
    expect(batcher.take()).toBeNull();
    mirror.apply('p1', [vm('OpaqueRef:b', {})]);
    batcher.take();
    mirror.apply('p1', [vm('OpaqueRef:b', { x: 1 })], []);
    mirror.apply('p1', [], ['OpaqueRef:b']);
    expect(batcher.take()).toEqual({ added: [], changed: [], removed: ['OpaqueRef:b'] });
  });
});

describe('ObjectMirror loads and storage', () => {
  it('reloads a pool in pieces without emptying it, and removes at the end what the load did not bring again', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [vm('OpaqueRef:a', { name_label: 'a' }), vm('OpaqueRef:gone', {})]);
    mirror.apply('p2', [vm('OpaqueRef:other', {})]);
    const removed: string[] = [];
    mirror.onChanges((changes) => removed.push(...changes.filter((c) => c.kind === 'remove').map((c) => (c.kind === 'remove' ? c.id : ''))));
    mirror.beginLoad('p1');
    mirror.apply('p1', [vm('OpaqueRef:a', { name_label: 'a2' })]);
    // Still there while the load runs: a reload never empties the tree.
    expect(mirror.get('OpaqueRef:gone', 'VM')).toBeDefined();
    mirror.apply('p1', [vm('OpaqueRef:new', {})]);
    mirror.endLoad('p1');
    expect(removed).toEqual(['OpaqueRef:gone']);
    expect([...mirror.objects('p1')].map((o) => o.$id).sort()).toEqual(['OpaqueRef:a', 'OpaqueRef:new']);
    expect(mirror.get('OpaqueRef:other', 'VM')).toBeDefined();
    // Nothing is left pending: a later end removes nothing.
    expect(mirror.endLoad('p1')).toEqual([]);
  });

  it('starts the count again when a load restarts midway (a reconnect during the first load)', () => {
    const mirror = new ObjectMirror();
    mirror.beginLoad('p1');
    mirror.apply('p1', [vm('OpaqueRef:a', {}), vm('OpaqueRef:b', {})]);
    mirror.beginLoad('p1');
    mirror.apply('p1', [vm('OpaqueRef:b', {})]);
    mirror.endLoad('p1');
    expect([...mirror.objects('p1')].map((o) => o.$id)).toEqual(['OpaqueRef:b']);
  });

  it('normalises what the pool sent and shares every empty set and map, frozen', () => {
    const mirror = new ObjectMirror();
    mirror.apply('p1', [
      vm('OpaqueRef:a', { memory_static_max: '1024', tags: [], other_config: {}, VBDs: ['OpaqueRef:v1'], snapshot_time: '20250319T04:16:24Z' }),
      vm('OpaqueRef:b', { memory_static_max: 2048, tags: [], other_config: {}, VBDs: [] }),
    ]);
    const a = mirror.get('OpaqueRef:a', 'VM')!;
    const b = mirror.get('OpaqueRef:b', 'VM')!;
    expect(a.memory_static_max).toBe(1024);
    expect(a.snapshot_time).toBe('2025-03-19T04:16:24Z');
    expect(a.VBDs).toEqual(['OpaqueRef:v1']);
    expect(a.tags).toBe(b.tags);
    expect(a.other_config).toBe(b.other_config);
    expect(b.VBDs).toBe(b.tags);
    expect(Object.isFrozen(a.tags) && Object.isFrozen(a.other_config)).toBe(true);
  });
});
