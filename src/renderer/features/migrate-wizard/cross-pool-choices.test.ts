import { describe, expect, it } from 'vitest';
import type { PoolSummary } from '../../../shared/api/pool-schema.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { choicesForHost, migrateInput, otherPools, stepProblem } from './cross-pool-choices.js';

const GiB = 1024 ** 3;

/** A VM in pool p1 with two disks and two interfaces, and a destination pool p2 with two servers. */
const index = testIndex([
  testRecord('VM', 'vm', { name_label: 'db-01', VBDs: ['vbd-0', 'vbd-1', 'vbd-cd'], VIFs: ['vif-1', 'vif-0'] }),
  testRecord('VBD', 'vbd-0', { VM: 'vm', VDI: 'vdi-0', type: 'Disk', userdevice: '0' }),
  testRecord('VBD', 'vbd-1', { VM: 'vm', VDI: 'vdi-1', type: 'Disk', userdevice: '1' }),
  testRecord('VBD', 'vbd-cd', { VM: 'vm', VDI: 'OpaqueRef:NULL', type: 'CD', userdevice: '3' }),
  testRecord('VDI', 'vdi-0', { name_label: 'system', virtual_size: 10 * GiB, SR: 'sr-a', VBDs: ['vbd-0'] }),
  testRecord('VDI', 'vdi-1', { name_label: 'data', virtual_size: 20 * GiB, SR: 'sr-a', VBDs: ['vbd-1'] }),
  testRecord('VIF', 'vif-0', { VM: 'vm', device: '0', network: 'net-a-front' }),
  testRecord('VIF', 'vif-1', { VM: 'vm', device: '1', network: 'net-a-back' }),
  testRecord('network', 'net-a-front', { name_label: 'Front' }),
  testRecord('network', 'net-a-back', { name_label: 'Backup' }),
  testRecord('SR', 'sr-a', { name_label: 'Local', content_type: 'user', physical_size: 100 * GiB, PBDs: ['pbd-a'] }),
  testRecord('PBD', 'pbd-a', { SR: 'sr-a', host: 'host-a', currently_attached: true }),
  testRecord('host', 'host-a', { name_label: 'a1', PIFs: [] }),
  testRecord('pool', 'pool-b', { name_label: 'B', master: 'host-b1', default_SR: 'sr-b-nfs' }, 'p2'),
  testRecord('host', 'host-b1', { name_label: 'b1', PIFs: ['pif-b1'] }, 'p2'),
  testRecord('host', 'host-b2', { name_label: 'b2', PIFs: [] }, 'p2'),
  testRecord('PIF', 'pif-b1', { host: 'host-b1', network: 'net-b-mgmt', management: true }, 'p2'),
  testRecord('network', 'net-b-mgmt', { name_label: 'Management' }, 'p2'),
  testRecord('network', 'net-b-front', { name_label: 'Front' }, 'p2'),
  testRecord('SR', 'sr-b-nfs', { name_label: 'NFS', content_type: 'user', shared: true, physical_size: 500 * GiB, PBDs: ['pbd-b'] }, 'p2'),
  testRecord('PBD', 'pbd-b', { SR: 'sr-b-nfs', host: 'host-b1', currently_attached: true }, 'p2'),
]);

const pool = (poolId: string, state: PoolSummary['state'], label: string): PoolSummary => ({
  poolId, label, address: `${poolId}.example`, user: 'root', saved: true, autoConnect: true, state, masterAddress: null, nextRetryAt: null, error: null, passwordInKeychain: true,
});

describe('the cross-pool Migrate wizard choices', () => {
  it('offers the servers of every other connected pool', () => {
    const pools = [pool('p1', 'connected', 'A'), pool('p2', 'connected', 'B'), pool('p3', 'disconnected', 'C')];
    expect(otherPools(index, pools, 'p1').map((each) => [each.label, each.hosts.map((host) => host.name_label)])).toEqual([['B', ['b1', 'b2']]]);
  });

  it('defaults each disk to the destination\'s default SR, each interface to the network of the same name, else the management one', () => {
    const choices = choicesForHost(index, 'vm', 'host-b1');
    expect(choices).toEqual({
      vmId: 'vm',
      hostId: 'host-b1',
      storage: { 'vdi-0': 'sr-b-nfs', 'vdi-1': 'sr-b-nfs' },
      networks: { 'vif-0': 'net-b-front', 'vif-1': 'net-b-mgmt' },
      transferNetworkId: 'net-b-mgmt',
    });
    expect(migrateInput(choices)).toEqual({
      vmId: 'vm', targetHostId: 'host-b1', storageMap: choices.storage, networkMap: choices.networks, transferNetworkId: 'net-b-mgmt',
    });
  });

  it('holds each step until it is complete, saying why', () => {
    const none = choicesForHost(index, 'vm', null);
    expect(stepProblem(index, none, 'destination')).toBe('Choose a server of another pool');
    const partial = { ...choicesForHost(index, 'vm', 'host-b2'), storage: { 'vdi-0': 'sr-b-nfs', 'vdi-1': null } };
    expect(stepProblem(index, partial, 'destination')).toBeNull();
    expect(stepProblem(index, partial, 'storage')).toBe('Choose a storage repository for every disk');
    // host-b2 has no management interface: an interface no network is named like goes to the pool's first network.
    expect(partial.networks['vif-1']).toBe('net-b-front');
    expect(stepProblem(index, partial, 'networking')).toBeNull();
    expect(stepProblem(index, { ...partial, transferNetworkId: null }, 'transferNetwork')).toBe('Choose the network the data travels on');
    expect(migrateInput(partial)).toBeNull();
  });
});
