import { describe, expect, it } from 'vitest';
import { resolveSubject } from './details-subject.js';
import { isOfType } from '../../../shared/xapi/objects.js';
import { testRecord } from '../../testing/test-record.js';
import { mirrorOf, samplePool } from './test-mirror.js';
import { filterRows, searchRow, type SearchRow } from './search-rows.js';
import { searchScope, type SearchObject } from './search-scope.js';

const cpus = [testRecord('host_cpu', 'cpu0', { utilisation: 0.2 }), testRecord('host_cpu', 'cpu1', { utilisation: 0.4 })];
const index = mirrorOf([...samplePool(), testRecord('SR', 'tools', { name_label: 'XCP-ng Tools', is_tools_sr: true }), ...cpus]);
const now = (86_400 + 3 * 3600 + 5 * 60) * 1000;

function scopeNames(key: string): string[] {
  return searchScope(index, resolveSubject(key, index)!).map((object) => String(object.name_label));
}

function rowFor(id: string, objects = index, nowMs = now): SearchRow {
  return searchRow(objects, objects.objects.get(id) as SearchObject, nowMs);
}

describe('searchScope', () => {
  it('a pool lists its servers, VMs, storage and networks, without templates, dom0 or plumbing', () => {
    expect(scopeNames('pool:p1')).toEqual([
      'host-01', 'host-02', 'db-01', 'web-01', 'ISO library', 'Local storage', 'NFS storage', 'Pool-wide network associated with eth0', 'VLAN 100 (storage)',
    ]);
  });

  it('a host lists its running VMs and its local SRs', () => {
    expect(scopeNames('host:h1')).toEqual(['web-01', 'Local storage']);
    expect(scopeNames('host:h2')).toEqual([]);
  });

  it('an SR or network lists itself and the VMs using it; a VM itself', () => {
    expect(scopeNames('sr:sr-nfs')).toEqual(['NFS storage', 'db-01', 'web-01']);
    expect(scopeNames('network:net-vlan')).toEqual(['VLAN 100 (storage)', 'web-01']);
    expect(scopeNames('vm:vm2')).toEqual(['db-01']);
  });

  it('grouping rows list their members: by tag, untagged, by kind', () => {
    expect(scopeNames('group:tag:prod')).toEqual(['Edge cluster', 'web-01']);
    expect(scopeNames('group:objects:servers')).toEqual(['host-01', 'host-02']);
    expect(scopeNames('group:objects:templates')).toEqual(['Debian 12']);
    expect(scopeNames('group:untagged')).toContain('db-01');
    expect(scopeNames('group:unknown')).toEqual([]);
  });
});

describe('searchRow', () => {
  it('a running VM: power state, vCPUs, memory, disks, addresses and uptime', () => {
    expect(rowFor('vm1')).toMatchObject({
      key: 'vm:vm1',
      name: 'web-01',
      typeLabel: 'VM',
      state: 'Running',
      cpu: { text: '4 vCPUs', value: 4 },
      memory: { text: '3.0 GiB', value: 3 * 1024 ** 3 },
      disks: { text: '120.0 GiB (2 disks)', value: 120 * 1024 ** 3 },
      network: '10.2.0.10, fe80::a, 10.0.0.10',
      address: '10.2.0.10',
      uptime: { text: '3 hours 5 minutes' },
      tags: 'web, prod',
    });
  });

  it('a halted VM has no memory, address or uptime', () => {
    expect(rowFor('vm2')).toMatchObject({ state: 'Halted', memory: { text: '', value: null }, address: '', uptime: { value: null } });
  });

  it('a host: state, CPU load, memory use, address and uptime', () => {
    const withCpus = mirrorOf([...samplePool().map((o) => (isOfType(o, 'host') && o.$id === 'h1' ? { ...o, host_CPUs: ['cpu0', 'cpu1'] } : o)), ...cpus]);
    // host-01 booted at 1,000,000 s (other_config.boot_time).
    expect(rowFor('h1', withCpus, (1_000_000 + 2 * 86_400) * 1000)).toMatchObject({ key: 'host:h1', typeLabel: 'Server', state: 'Enabled', cpu: { text: '30% of 32 CPUs' }, address: '10.0.0.1', uptime: { text: '2 days', value: 2 * 86_400 } });
    expect(rowFor('h2')).toMatchObject({ state: 'Maintenance mode', address: '10.0.0.2' });
  });

  it('an SR: type, sharing, attachment, usage', () => {
    expect(rowFor('sr-nfs')).toMatchObject({ key: 'sr:sr-nfs', typeLabel: 'Storage', state: 'NFS, shared, unplugged', disks: { text: '4.0 TiB of 16.0 TiB (25%)' } });
    expect(rowFor('pool1')).toMatchObject({ key: 'pool:p1', typeLabel: 'Pool' });
  });
});

describe('filterRows', () => {
  const rows = [rowFor('vm1'), rowFor('vm2'), rowFor('h1')];

  it('keeps rows containing every word, in any visible column, case-insensitively', () => {
    expect(filterRows(rows, '').length).toBe(3);
    expect(filterRows(rows, 'WEB').map((row) => row.name)).toEqual(['web-01']);
    expect(filterRows(rows, 'halted').map((row) => row.name)).toEqual(['db-01']);
    expect(filterRows(rows, '10.0.0 enabled').map((row) => row.name)).toEqual(['host-01']);
    expect(filterRows(rows, 'nothing-matches')).toEqual([]);
  });
});
