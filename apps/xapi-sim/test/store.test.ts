import { describe, expect, it } from 'vitest';
import { getSchema } from '#sim/model/schema.js';
import { Store, DELETION_LOG_SIZE } from '#sim/model/store.js';

describe('object store', () => {
  const schema = getSchema();

  it('fills every published field with its default and drops unknown fields', () => {
    const store = new Store(schema);
    const ref = store.create('VM', { name_label: 'a', bogus_field: 1 });
    const vm = store.get('VM', ref);
    expect(vm.name_label).toBe('a');
    expect(vm.power_state).toBe('Halted');
    expect(vm.resident_on).toBe('OpaqueRef:NULL');
    expect(vm.VBDs).toEqual([]);
    expect(vm.other_config).toEqual({});
    expect(typeof vm.uuid).toBe('string');
    expect((vm.uuid as string).length).toBe(36);
    expect('bogus_field' in vm).toBe(false);
    const published = schema.fields('VM').map((f) => f.name).sort();
    expect(Object.keys(vm).sort()).toEqual(published);
  });

  it('loads a seed with complete relation sets, one add event per object, and settles derived fields in place', () => {
    const store = new Store(schema);
    const ops: string[] = [];
    store.onChange((c) => ops.push(`${c.op} ${c.cls}`));
    store.load([
      { cls: 'VBD', ref: 'OpaqueRef:b1', fields: { VM: 'OpaqueRef:v1' } }, // child before its parent
      { cls: 'VM', ref: 'OpaqueRef:v1', fields: { name_label: 'v1' } },
      { cls: 'VBD', ref: 'OpaqueRef:b2', fields: { VM: 'OpaqueRef:v1' } },
    ], () => store.update('VM', 'OpaqueRef:v1', { allowed_operations: ['start'] }));
    expect(store.get('VM', 'OpaqueRef:v1')).toMatchObject({ VBDs: ['OpaqueRef:b1', 'OpaqueRef:b2'], allowed_operations: ['start'] });
    expect(ops).toEqual(['add VBD', 'add VM', 'add VBD']);
    expect(store.isLoading).toBe(false);
    // After loading, relations and events work as usual.
    const b3 = store.create('VBD', { VM: 'OpaqueRef:v1' });
    expect(store.get('VM', 'OpaqueRef:v1').VBDs).toEqual(['OpaqueRef:b1', 'OpaqueRef:b2', b3]);
    expect(ops.slice(3)).toEqual(['add VBD', 'mod VM']);
  });

  it('maintains the many side of relations in both creation orders', () => {
    const store = new Store(schema);
    const vbd1 = 'OpaqueRef:vbd1';
    store.create('VBD', { VM: 'OpaqueRef:vm1' }, vbd1); // child before parent, as dumps may be ordered
    const vm = store.create('VM', {}, 'OpaqueRef:vm1');
    expect(store.get('VM', vm).VBDs).toEqual([vbd1]);
    const vbd2 = store.create('VBD', { VM: vm });
    expect(store.get('VM', vm).VBDs).toEqual([vbd1, vbd2]);
    const vm2 = store.create('VM', {});
    store.update('VBD', vbd2, { VM: vm2 });
    expect(store.get('VM', vm).VBDs).toEqual([vbd1]);
    expect(store.get('VM', vm2).VBDs).toEqual([vbd2]);
    store.destroy('VBD', vbd1);
    expect(store.get('VM', vm).VBDs).toEqual([]);
    const host = store.create('host', {});
    store.update('VM', vm, { resident_on: host });
    expect(store.get('host', host).resident_VMs).toEqual([vm]);
    const snap = store.create('VM', { snapshot_of: vm, is_a_snapshot: true });
    expect(store.get('VM', vm).snapshots).toEqual([snap]);
  });

  it('bumps the generation on every change and records ctime/mtime and deletions', () => {
    const store = new Store(schema);
    const g0 = store.generation;
    const ref = store.create('network', { name_label: 'n' });
    const row = store.row('network', ref)!;
    expect(row.ctime).toBe(g0 + 1);
    store.update('network', ref, { name_label: 'm' });
    expect(row.mtime).toBe(g0 + 2);
    store.touch('network', ref);
    expect(row.mtime).toBe(g0 + 3);
    store.destroy('network', ref);
    expect(store.deletedSince('network', g0)).toEqual([{ ref, ctime: g0 + 1, gen: g0 + 4 }]);
    expect(() => store.get('network', ref)).toThrow(/HANDLE_INVALID/);
    for (let i = 0; i < DELETION_LOG_SIZE + 10; i++) store.destroy('network', store.create('network', {}));
    expect(store.deletedSince('network', 0).length).toBe(DELETION_LOG_SIZE);
  });

  it('wakes waiters on change', async () => {
    const store = new Store(schema);
    const gen = store.generation;
    const waiting = store.waitForChange(gen, 60_000);
    store.create('pool', {});
    await waiting;
    expect(store.generation).toBeGreaterThan(gen);
  });
});
