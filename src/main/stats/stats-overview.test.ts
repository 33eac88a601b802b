import { describe, expect, it } from 'vitest';
import { buildOverview, hostFigures, vmFigures } from './stats-overview.js';

describe('stats overview', () => {
  it('adds up a VM as XenCenter\'s graphs do, and a host\'s memory in bytes', () => {
    const vm = new Map([['cpu0', 0.5], ['cpu1', 0.25], ['memory', 4096], ['memory_internal_free', 1], ['vif_0_rx', 10], ['vif_0_tx', 5], ['vbd_xvda_read', 7]]);
    expect(vmFigures(vm)).toEqual({ cpu: 0.375, memory: 3072, network: 15, disk: 7 });
    expect(hostFigures(new Map([['cpu0', 0.1], ['memory_total_kib', 8], ['memory_free_kib', 2]]))).toEqual({ cpu: 0.1, memoryUsed: 6144, memoryTotal: 8192 });
  });

  it('ranks the busiest VMs per resource, leaving out what a VM does not report', () => {
    const overview = buildOverview([], [
      { id: 'a', values: new Map([['cpu0', 0.9], ['memory', 1]]) },
      { id: 'b', values: new Map([['cpu0', 0.2], ['memory', 5], ['vif_0_rx', 3]]) },
      { id: 'c', values: new Map([['cpu0', 0.5]]) },
    ], 2);
    expect(overview.top.cpu).toEqual([{ objectId: 'a', value: 0.9 }, { objectId: 'c', value: 0.5 }]);
    expect(overview.top.memory.map((r) => r.objectId)).toEqual(['b', 'a']);
    expect(overview.top.network).toEqual([{ objectId: 'b', value: 3 }]);
    expect(overview.top.disk).toEqual([]);
  });
});
