import { describe, expect, it } from 'vitest';
import type { XapiObject } from '../../../shared/xapi/objects.js';
import { applyDeltas, emptyObjectIndex } from '../../store/apply-delta.js';
import { buildTreeStructure, selectTreeStructure, shapeChanged } from './tree-structure.js';

const obj = ($type: string, $id: string, fields: Record<string, unknown>, $pool = 'p1'): XapiObject => ({ $id, $type, $pool, ...fields });
const vm = (id: string, fields: Record<string, unknown>) =>
  obj('VM', id, { name_label: id, is_a_template: false, is_a_snapshot: false, is_control_domain: false, resident_on: 'OpaqueRef:NULL', power_state: 'Halted', ...fields });

const index = applyDeltas(emptyObjectIndex, [
  {
    reset: true,
    changed: [],
    removed: [],
    added: [
      obj('pool', 'pool1', { name_label: 'Lab', master: 'h2' }),
      obj('host', 'h1', { name_label: 'host-10' }),
      obj('host', 'h2', { name_label: 'host-2' }),
      vm('vm-10', { power_state: 'Running', resident_on: 'h1' }),
      vm('vm-2', { power_state: 'Running', resident_on: 'h1' }),
      vm('paused', { power_state: 'Paused', resident_on: 'h2' }),
      vm('halted', {}),
      vm('suspended', { power_state: 'Suspended' }),
      vm('orphan', { power_state: 'Running', resident_on: 'unknown-host' }),
      vm('template', { is_a_template: true }),
      vm('snap', { is_a_snapshot: true }),
      vm('dom0', { is_control_domain: true, power_state: 'Running', resident_on: 'h1' }),
      obj('host', 'other-host', { name_label: 'elsewhere' }, 'p2'),
      obj('SR', 'sr1', { name_label: 'Local storage' }),
    ],
  },
]);

describe('buildTreeStructure', () => {
  const tree = buildTreeStructure(index);
  const p1 = tree.get('p1')!;

  it('puts hosts under their pool, by natural name order, and finds the master', () => {
    expect(p1.poolObjectId).toBe('pool1');
    expect(p1.hostIds).toEqual(['h2', 'h1']);
    expect(p1.masterId).toBe('h2');
    expect(tree.get('p2')?.hostIds).toEqual(['other-host']);
  });

  it('puts running and paused VMs under the host they run on', () => {
    expect(p1.vmIdsByHost.get('h1')).toEqual(['vm-2', 'vm-10']);
    expect(p1.vmIdsByHost.get('h2')).toEqual(['paused']);
  });

  it('puts VMs on no known host under the pool, and leaves out templates, snapshots and dom0', () => {
    expect(p1.poolVmIds).toEqual(['halted', 'orphan', 'suspended']);
    const all = [...p1.poolVmIds, ...[...p1.vmIdsByHost.values()].flat()];
    expect(all).not.toContain('template');
    expect(all).not.toContain('snap');
    expect(all).not.toContain('dom0');
  });

  it('moves a VM from the pool to its host when it starts', () => {
    const started = applyDeltas(index, [{ reset: false, added: [], removed: [], changed: [{ $id: 'halted', fields: { power_state: 'Running', resident_on: 'h2' } }] }]);
    const next = buildTreeStructure(started).get('p1')!;
    expect(next.vmIdsByHost.get('h2')).toEqual(['halted', 'paused']);
    expect(next.poolVmIds).toEqual(['orphan', 'suspended']);
  });
});

describe('selectTreeStructure', () => {
  it('computes once per store state', () => {
    const first = selectTreeStructure(index);
    expect(selectTreeStructure({ objects: index.objects, idsByType: index.idsByType })).toBe(first);
    const changed = applyDeltas(index, [{ reset: false, added: [], removed: [], changed: [{ $id: 'vm-2', fields: { name_label: 'zz' } }] }]);
    const second = selectTreeStructure(changed);
    expect(second).not.toBe(first);
    expect(second.get('p1')!.vmIdsByHost.get('h1')).toEqual(['vm-10', 'vm-2']);
  });

  it('keeps the structure when only fields the tree does not use change', () => {
    const first = selectTreeStructure(index);
    const metrics = applyDeltas(index, [
      { reset: false, removed: [], added: [obj('VM_metrics', 'm1', { memory_actual: 1 })], changed: [{ $id: 'vm-2', fields: { memory_dynamic_max: 2048, name_description: 'x' } }] },
    ]);
    expect(metrics.objects).not.toBe(index.objects);
    expect(selectTreeStructure(metrics)).toBe(first);
    const moved = applyDeltas(metrics, [{ reset: false, added: [], removed: [], changed: [{ $id: 'halted', fields: { power_state: 'Running', resident_on: 'h1' } }] }]);
    expect(selectTreeStructure(moved)).not.toBe(first);
  });

  it('sees added and removed hosts and VMs as shape changes', () => {
    const removed = applyDeltas(index, [{ reset: false, added: [], changed: [], removed: ['h1'] }]);
    expect(shapeChanged(index, removed)).toBe(true);
    const noShape = applyDeltas(index, [{ reset: false, added: [], changed: [{ $id: 'pool1', fields: { name_description: 'lab' } }], removed: [] }]);
    expect(shapeChanged(index, noShape)).toBe(false);
  });
});
