import { describe, expect, it } from 'vitest';
import { hostMemory, vmMemory } from './memory-model.js';
import { guestAddresses, networkRowsForHost, networkRowsForPool, pifRowsForHost, pifRowsForPool, vifRows, vmAddresses } from './networking-rows.js';
import { srDiskRows, srRowsForHost, srRowsForPool, vmDiskRows } from './storage-rows.js';
import { testRecord } from '../../testing/test-record.js';
import { objectOf } from '../../store/mirror-read.js';
import { mirrorOf, samplePool } from './test-mirror.js';

const index = mirrorOf(samplePool());
const vm = (id: string) => objectOf(index, 'VM', id)!;
const host = (id: string) => objectOf(index, 'host', id)!;
const pool = (id: string) => objectOf(index, 'pool', id)!;
const sr = (id: string) => objectOf(index, 'SR', id)!;
const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

describe('Memory tab data', () => {
  it('gives each VM memory setting the range its neighbours allow', () => {
    const memory = vmMemory(index, vm('vm1'));
    expect(memory.staticMin).toMatchObject({ bytes: 512 * MiB, min: 0, max: 2 * GiB });
    expect(memory.dynamicMin).toMatchObject({ bytes: 2 * GiB, min: 512 * MiB, max: 4 * GiB });
    expect(memory.dynamicMax).toMatchObject({ bytes: 4 * GiB, min: 2 * GiB, max: 8 * GiB });
    expect(memory.staticMax).toMatchObject({ bytes: 8 * GiB, min: 4 * GiB, max: 1649267441664 });
    expect(memory).toMatchObject({ actual: 3 * GiB, ballooning: true, consistent: true });
  });

  it('has no current allocation for a halted VM and flags settings out of order', () => {
    expect(vmMemory(index, vm('vm2'))).toMatchObject({ actual: null, ballooning: false, consistent: true });
    const broken = { ...vm('vm2'), memory_dynamic_min: 4 * GiB };
    expect(vmMemory(index, broken).consistent).toBe(false);
  });

  it('splits a host memory into Xen, control domain, VMs and free, listing the running VMs', () => {
    const memory = hostMemory(index, host('h1'));
    expect(memory).toMatchObject({ total: 256 * GiB, xen: GiB, controlDomain: 4 * GiB });
    expect(memory.free).toBe(256 * GiB - GiB - 4 * GiB - 3 * GiB - 64 * MiB);
    expect(memory.used + memory.free).toBe(memory.total);
    expect(memory.vms).toEqual([{ vmId: 'vm1', name: 'web-01', bytes: 3 * GiB }]);
    expect(hostMemory(index, host('h2')).vms).toEqual([]);
  });

  it('uses memory_free where an older server still reports it', () => {
    const oldMetrics = { ...testRecord('host_metrics', 'hm1', { memory_total: 10 * GiB }), memory_free: 6 * GiB };
    const withFree = mirrorOf([...samplePool().filter((o) => o.$id !== 'hm1'), oldMetrics]);
    expect(hostMemory(withFree, objectOf(withFree, 'host', 'h1')!)).toMatchObject({ total: 10 * GiB, free: 6 * GiB, used: 4 * GiB });
  });
});

describe('Storage tab data', () => {
  it('lists a VM disks by position then its DVD drive, with size, SR, read-only and active', () => {
    expect(vmDiskRows(index, vm('vm1'))).toEqual([
      { id: 'vbd1', position: '0', device: 'xvda', kind: 'Disk', name: 'web-01 system', description: 'Root disk', size: 20 * GiB, srId: 'sr-local', srName: 'Local storage', readOnly: false, active: true },
      { id: 'vbd2', position: '1', device: 'xvdb', kind: 'Disk', name: 'web-01 data', description: '', size: 100 * GiB, srId: 'sr-nfs', srName: 'NFS storage', readOnly: true, active: true },
      { id: 'vbd-cd', position: '3', device: 'xvdd', kind: 'DVD drive', name: 'debian-12.iso', description: '', size: 600 * MiB, srId: 'sr-iso', srName: 'ISO library', readOnly: true, active: true },
    ]);
    expect(vmDiskRows(index, vm('vm2'))).toMatchObject([{ name: 'db-01 system', active: false }]);
  });

  it('lists the SRs a host sees and every SR of a pool, with usage', () => {
    expect(srRowsForHost(index, host('h2')).map((row) => row.name)).toEqual(['NFS storage']);
    expect(srRowsForHost(index, host('h1')).map((row) => row.name)).toEqual(['ISO library', 'Local storage', 'NFS storage']);
    const poolRows = srRowsForPool(index, pool('pool1'));
    expect(poolRows.find((row) => row.id === 'sr-nfs')).toMatchObject({ type: 'NFS', shared: true, size: 16 * 1024 * GiB, used: 4 * 1024 * GiB, usage: 0.25, hostName: null });
    // Each SR once; a local one names its server.
    expect(poolRows.map((row) => [row.name, row.hostName])).toEqual([['ISO library', null], ['Local storage', 'host-01'], ['NFS storage', null]]);
  });

  it('lists an SR disks with the VMs using them', () => {
    expect(srDiskRows(index, sr('sr-nfs'))).toEqual([
      { id: 'vdi3', name: 'db-01 system', description: '', size: 50 * GiB, vmNames: 'db-01' },
      { id: 'vdi2', name: 'web-01 data', description: '', size: 100 * GiB, vmNames: 'web-01' },
    ]);
  });
});

describe('Networking tab data', () => {
  it('reads guest addresses per device: IPv4 in order, the legacy key once, then IPv6', () => {
    const networks = { '0/ip': '10.0.0.5', '0/ipv4/1': '10.0.0.6', '0/ipv4/0': '10.0.0.5', '0/ipv6/0': 'fe80::1', '1/ip': '192.168.0.2' };
    expect(guestAddresses(networks, '0')).toEqual(['10.0.0.5', '10.0.0.6', 'fe80::1']);
    expect(guestAddresses(networks, '1')).toEqual(['192.168.0.2']);
    expect(guestAddresses(networks, '2')).toEqual([]);
    expect(vmAddresses(index, vm('vm1'))).toEqual(['10.2.0.10', 'fe80::a', '10.0.0.10']);
  });

  it('lists a VM VIFs with MAC, network, addresses, limit and attachment', () => {
    expect(vifRows(index, vm('vm1'))).toEqual([
      { id: 'vif0', device: '0', mac: '42:a8:82:bd:d5:b5', networkId: 'net0', networkName: 'Pool-wide network associated with eth0', addresses: ['10.2.0.10', 'fe80::a'], limit: 'None', active: true },
      { id: 'vif1', device: '1', mac: '1e:17:c3:2e:5b:17', networkId: 'net-vlan', networkName: 'VLAN 100 (storage)', addresses: ['10.0.0.10'], limit: '1000 kbps', active: false },
    ]);
  });

  it('lists host networks with NIC, VLAN, link and MTU, hiding the internal management network', () => {
    expect(networkRowsForHost(index, host('h1'))).toEqual([
      { id: 'net0', name: 'Pool-wide network associated with eth0', description: '', nic: 'eth0', vlan: '-', auto: true, link: 'Connected', mac: 'b4:76:fe:c4:90:4f', mtu: 1500 },
      { id: 'net-vlan', name: 'VLAN 100 (storage)', description: '', nic: 'eth1', vlan: '100', auto: false, link: 'Disconnected', mac: 'b4:83:9c:e0:17:e6', mtu: 9000 },
    ]);
    // host-02 has no PIF on the VLAN network: it does not list it.
    expect(networkRowsForHost(index, host('h2')).map((row) => row.name)).toEqual(['Pool-wide network associated with eth0']);
    expect(networkRowsForPool(index, pool('pool1')).map((row) => row.nic)).toEqual(['eth0', 'eth1']);
  });

  it('lists PIFs with address, mode, management and link speed', () => {
    expect(pifRowsForHost(index, host('h1'))).toEqual([
      { id: 'pif1', hostName: 'host-01', device: 'eth0', mac: 'b4:76:fe:c4:90:4f', address: '10.0.0.1/255.255.255.0', mode: 'Static', management: true, link: 'Connected', speed: '10000 Mbit/s' },
      // A VLAN interface is named as one, not as a second eth1.
      { id: 'pif2', hostName: 'host-01', device: 'eth1 VLAN 100', mac: 'b4:83:9c:e0:17:e6', address: 'None', mode: 'None', management: false, link: 'Disconnected', speed: '-' },
    ]);
    // The pool's NICs are the servers' physical interfaces (and bonds) only: no VLAN interface listed as a NIC.
    expect(pifRowsForPool(index, pool('pool1')).map((row) => `${row.hostName} ${row.device}`)).toEqual(['host-01 eth0', 'host-02 eth0']);
  });
});
