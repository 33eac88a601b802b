import { describe, expect, it } from 'vitest';
import { buildInfrastructureView } from './infrastructure-view.js';
import { canDropOn, vmDragFrom } from './tree-drag.js';
import type { TreeNode } from './tree-node.js';
import { fixtureIndex, fixturePools, vm } from './tree-fixture.js';
import { testIndex } from '../../testing/test-record.js';
import { viewInput } from './view-input.js';

const index = fixtureIndex();
const nodes = buildInfrastructureView(viewInput(index, fixturePools, false));
const find = (key: string): TreeNode => {
  const search = (list: readonly TreeNode[]): TreeNode | undefined => list.map((node) => (node.key === key ? node : search(node.children))).find(Boolean);
  return search(nodes)!;
};

describe('vmDragFrom', () => {
  it('drags the selected VMs when the dragged row is selected, else the row alone', () => {
    const selection = ['vm:vm-2', 'vm:halted', 'host:h1', 'vm:vm-10'];
    expect(vmDragFrom(find('vm:vm-2'), selection, index)).toEqual({ vmIds: ['vm-2', 'halted', 'vm-10'], poolId: 'p1' });
    expect(vmDragFrom(find('vm:orphan'), selection, index)).toEqual({ vmIds: ['orphan'], poolId: 'p1' });
  });

  it('drags nothing from a row that is not a VM', () => {
    expect(vmDragFrom(find('host:h1'), ['host:h1'], index)).toBeNull();
    expect(vmDragFrom(find('template:custom-template'), [], index)).toBeNull();
  });
});

describe('canDropOn', () => {
  it('accepts a host of the same pool that is not already home to every dragged VM', () => {
    const drag = { vmIds: ['vm-2'], poolId: 'p1' };
    expect(canDropOn(find('host:h2'), drag, index)).toBe(true);
    expect(canDropOn(find('host:h1'), drag, index)).toBe(false);
    expect(canDropOn(find('host:h1'), { vmIds: ['vm-2', 'paused'], poolId: 'p1' }, index)).toBe(true);
  });

  it('refuses other kinds of rows, other pools and no drag', () => {
    const drag = { vmIds: ['vm-2'], poolId: 'p1' };
    expect(canDropOn(find('pool:p1'), drag, index)).toBe(false);
    expect(canDropOn(find('vm:halted'), drag, index)).toBe(false);
    expect(canDropOn(find('host:h2'), { vmIds: ['x'], poolId: 'p2' }, index)).toBe(false);
    expect(canDropOn(find('host:h2'), null, index)).toBe(false);
  });

  it('accepts a host of another pool for one VM XAPI can send there (the cross-pool Migrate wizard), never for several', () => {
    const sendable = vm('s1', { power_state: 'Running', resident_on: 'h1', allowed_operations: ['pool_migrate', 'migrate_send'] });
    const stuck = vm('s2', { power_state: 'Running', resident_on: 'h1', allowed_operations: ['pool_migrate'] });
    const withVms = testIndex([...fixtureIndex().objects.values(), sendable, stuck]);
    const otherHost: TreeNode = { ...find('host:h2'), rowId: 'host:h9', key: 'host:h9', objectId: 'h9', poolId: 'p2' };
    expect(canDropOn(otherHost, { vmIds: ['s1'], poolId: 'p1' }, withVms)).toBe(true);
    expect(canDropOn(otherHost, { vmIds: ['s2'], poolId: 'p1' }, withVms)).toBe(false);
    expect(canDropOn(otherHost, { vmIds: ['s1', 'vm-2'], poolId: 'p1' }, withVms)).toBe(false);
  });
});
