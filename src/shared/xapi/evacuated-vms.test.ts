import { describe, expect, it } from 'vitest';
import { evacuatedUuids, evacuatedVmsOf } from './evacuated-vms.js';

describe("XenCenter's maintenance mode lists", () => {
  const host = {
    $id: 'h1',
    other_config: { MAINTENANCE_MODE_EVACUATED_VMS_MIGRATED: 'a,b,gone', MAINTENANCE_MODE_EVACUATED_VMS_SUSPENDED: 'c', MAINTENANCE_MODE_EVACUATED_VMS_HALTED: 'd,e' },
  };
  const vms = new Map([
    ['a', { uuid: 'a', power_state: 'Running', resident_on: 'h2' }],
    ['b', { uuid: 'b', power_state: 'Running', resident_on: 'h1' }],
    ['c', { uuid: 'c', power_state: 'Suspended', resident_on: 'OpaqueRef:NULL' }],
    ['d', { uuid: 'd', power_state: 'Halted', resident_on: 'OpaqueRef:NULL' }],
    ['e', { uuid: 'e', power_state: 'Running', resident_on: 'h3' }],
  ]);

  it('reads the uuids of each list', () => {
    expect(evacuatedUuids(host.other_config)).toEqual({ migrated: ['a', 'b', 'gone'], suspended: ['c'], halted: ['d', 'e'] });
    expect(evacuatedUuids({})).toEqual({ migrated: [], suspended: [], halted: [] });
  });

  it('offers back only the VMs still as they left: not one already home, gone, or started elsewhere since', () => {
    const lists = evacuatedVmsOf(host, (uuid) => vms.get(uuid));
    expect(lists.migrated.map((vm) => vm.uuid)).toEqual(['a']);
    expect(lists.suspended.map((vm) => vm.uuid)).toEqual(['c']);
    expect(lists.halted.map((vm) => vm.uuid)).toEqual(['d']);
  });
});
