import { describe, expect, it } from 'vitest';
import { applyDeltas } from '../../store/apply-delta.js';
import { NameOrder } from './name-order.js';
import { selectTreeNodes, shapeChanged } from './tree-model.js';
import { changeFields, fixtureIndex, fixturePools, obj, outline } from './tree-fixture.js';

const inputs = { view: 'infrastructure' as const, pools: fixturePools, showDefaultTemplates: false };

describe('selectTreeNodes', () => {
  it('keeps the same nodes when only fields the tree does not use change (metrics, memory, descriptions)', () => {
    const index = fixtureIndex();
    const first = selectTreeNodes(index, inputs);
    const metrics = applyDeltas(index, [
      { reset: false, removed: [], added: [obj('VM_metrics', 'm1', { memory_actual: 1 })], changed: [{ $id: 'vm-2', fields: { memory_dynamic_max: 2048, name_description: 'x' } }] },
    ]);
    expect(metrics.objects).not.toBe(index.objects);
    expect(selectTreeNodes(metrics, inputs)).toBe(first);
    // Pool connection states come and go without touching the structure either.
    expect(selectTreeNodes(metrics, { ...inputs, pools: fixturePools.map((pool) => ({ ...pool })) })).toBe(first);
  });

  it('rebuilds when a row moves, is renamed, or the view or its options change', () => {
    const index = fixtureIndex();
    const first = selectTreeNodes(index, inputs);
    const started = changeFields(index, { halted: { power_state: 'Running', resident_on: 'h1' } });
    const moved = selectTreeNodes(started, inputs);
    expect(moved).not.toBe(first);
    expect(outline(moved[0]!.children[1]!.children)).toEqual(['halted', 'vm-2', 'vm-10', 'Local storage']);
    const renamed = selectTreeNodes(changeFields(started, { 'vm-2': { name_label: 'zz' } }), inputs);
    expect(outline(renamed[0]!.children[1]!.children)).toEqual(['halted', 'vm-10', 'zz', 'Local storage']);
    expect(selectTreeNodes(started, { ...inputs, view: 'objects' })[0]!.name).toBe('Pools');
    // The pool's own name wins over the saved label (F2 on the pool renames the row); the label is a fallback.
    expect(selectTreeNodes(changeFields(started, { pool1: { name_label: 'Renamed' } }), inputs)[0]!.name).toBe('Renamed');
    expect(selectTreeNodes(started, { ...inputs, pools: [{ poolId: 'p1', label: 'Saved label', address: 'x' }] })[0]!.name).toBe('Lab');
    expect(selectTreeNodes(changeFields(started, { pool1: { name_label: '' } }), inputs)[0]!.name).toBe('host-2');
  });
});

describe('shapeChanged', () => {
  it('sees added and removed rows and shape fields, not other fields', () => {
    const index = fixtureIndex();
    expect(shapeChanged(index, applyDeltas(index, [{ reset: false, added: [], changed: [], removed: ['h1'] }]))).toBe(true);
    expect(shapeChanged(index, changeFields(index, { pool1: { master: 'h1' } }))).toBe(true);
    expect(shapeChanged(index, changeFields(index, { 'vm-2': { tags: ['new'] } }))).toBe(true);
    expect(shapeChanged(index, changeFields(index, { pool1: { name_description: 'lab' }, h1: { memory_overhead: 5 } }))).toBe(false);
  });
});

describe('NameOrder', () => {
  it('sorts naturally and re-sorts only when names or ids change', () => {
    const order = new NameOrder();
    const index = fixtureIndex();
    const ids = index.idsByType.get('host')!;
    const sorted = order.sorted(ids, index.objects);
    expect(sorted).toEqual(['h2', 'h1']);
    const powered = changeFields(index, { h1: { enabled: false } });
    expect(order.sorted(powered.idsByType.get('host')!, powered.objects)).toBe(sorted);
    const renamed = changeFields(index, { h1: { name_label: 'host-1' } });
    expect(order.sorted(renamed.idsByType.get('host')!, renamed.objects)).toEqual(['h1', 'h2']);
  });
});
