import { describe, expect, it } from 'vitest';
import { resolveSubject, subjectTitle, tabsFor } from './details-subject.js';
import { generalSections } from './general-sections.js';
import type { PropertySection } from './property-section.js';
import { mirrorOf, samplePool } from './test-mirror.js';

const index = mirrorOf(samplePool());
const now = (86_400 + 3 * 3600 + 5 * 60) * 1000;

/** Section title → label → value, for readable assertions. */
function table(sections: PropertySection[]): Record<string, Record<string, string>> {
  return Object.fromEntries(sections.map((section) => [section.title, Object.fromEntries(section.rows.map((row) => [row.label, row.value]))]));
}

function sectionsFor(key: string) {
  const subject = resolveSubject(key, index);
  expect(subject, key).not.toBeNull();
  return table(generalSections(index, subject!, now));
}

describe('resolveSubject and tabsFor', () => {
  it('finds the XAPI pool object of a Xenith pool row and the object of other rows', () => {
    expect(resolveSubject('pool:p1', index)?.object?.$id).toBe('pool1');
    expect(resolveSubject('vm:vm1', index)?.object?.name_label).toBe('web-01');
    expect(resolveSubject('group:type:VM', index)).toEqual({ kind: 'group', key: 'group:type:VM' });
    expect(resolveSubject('vm:gone', index)).toBeNull();
    expect(resolveSubject('pool:other', index)).toBeNull();
    expect(resolveSubject('vdi:vdi1', index)).toBeNull();
    expect(resolveSubject(null, index)).toBeNull();
  });

  it('titles the pane with the name, a nameless pool with its master, a group with its tag or kind', () => {
    const nameless = mirrorOf(samplePool().map((o) => (o.$id === 'pool1' ? { ...o, name_label: '' } : o)));
    expect(subjectTitle(index, resolveSubject('vm:vm1', index)!)).toBe('web-01');
    expect(subjectTitle(nameless, resolveSubject('pool:p1', nameless)!)).toBe('host-01');
    expect(subjectTitle(index, resolveSubject('group:tag:prod', index)!)).toBe('prod');
    expect(subjectTitle(index, resolveSubject('group:objects:vms', index)!)).toBe('VMs');
  });

  it('lists tabs in XenCenter order, Console only for VMs and hosts, Search always last', () => {
    expect(tabsFor('vm')).toEqual(['General', 'Memory', 'Storage', 'Networking', 'Console', 'Performance', 'Snapshots', 'Search']);
    expect(tabsFor('template')).not.toContain('Console');
    expect(tabsFor('pool')).not.toContain('Console');
    expect(tabsFor('group')).toEqual(['Search']);
    for (const kind of ['vm', 'template', 'host', 'pool', 'sr', 'network', 'group'] as const) expect(tabsFor(kind).at(-1)).toBe('Search');
  });
});

describe('General tab of a VM', () => {
  it('shows identity, OS and agent, mode, power state, uptime, home server and UUID', () => {
    const general = sectionsFor('vm:vm1').General!;
    expect(general).toMatchObject({
      Name: 'web-01',
      Description: 'Web server',
      Tags: 'web, prod',
      Folder: '/web',
      'Operating system': 'Ubuntu 22.04.5 LTS',
      'Virtualization mode': 'HVM',
      'Management agent': 'Installed (version 8.3.0-1)',
      'Power state': 'Running',
      'Time since startup': '3 hours 5 minutes',
      'Home server': 'host-01',
      'Current server': 'host-01',
      UUID: 'vm1-uuid',
    });
  });

  it('shows boot order in words, vCPUs with topology, and memory', () => {
    const sections = sectionsFor('vm:vm1');
    expect(sections['Boot Options']).toEqual({ 'Auto-start': 'Yes', 'Boot order': 'DVD-Drive, Hard Disk, Network', Firmware: 'BIOS' });
    expect(sections.CPUs).toEqual({ 'vCPUs at startup': '4', 'Maximum vCPUs': '8', Topology: '2 sockets with 2 cores each' });
    expect(sections.Memory).toEqual({ 'Dynamic minimum': '2.0 GiB', 'Dynamic maximum': '4.0 GiB', 'Static maximum': '8.0 GiB', 'Current memory': '3.0 GiB' });
  });

  it('leaves out what a halted PV VM does not have, and says None for empty fields', () => {
    const sections = sectionsFor('vm:vm2');
    expect(sections.General).toMatchObject({ Description: 'None', Tags: 'None', 'Virtualization mode': 'PV', 'Home server': 'None', 'Power state': 'Halted' });
    expect(sections.General!['Management agent']).toMatch(/not running/);
    expect(sections.General).not.toHaveProperty('Time since startup');
    expect(sections.General).not.toHaveProperty('Current server');
    expect(sections['Boot Options']).toEqual({ 'Auto-start': 'No', 'OS boot parameters': 'console=hvc0' });
    expect(sections.Memory).not.toHaveProperty('Current memory');
  });

  it('shows no power state for a template', () => {
    expect(sectionsFor('template:tpl').General).not.toHaveProperty('Power state');
  });
});

describe('General tab of a host, pool, SR and network', () => {
  it('host: master, enabled, uptime, address, version, CPU, memory, IQN, management interface', () => {
    const sections = sectionsFor('host:h1');
    expect(sections.General).toMatchObject({
      Name: 'host-01',
      'Pool master': 'Yes',
      Enabled: 'Yes',
      Address: '10.0.0.1',
      Hostname: 'host-01.example',
      'iSCSI IQN': 'iqn.2024-10.com.example:host-01',
      UUID: 'h1-uuid',
    });
    expect(sections.Version).toMatchObject({ Product: 'XCP-ng 8.3', XAPI: '24.19.2', Xen: '4.17.5-3', 'API version': '2.21' });
    expect(sections.CPUs).toEqual({ Model: 'Intel Xeon Silver 4314', Vendor: 'GenuineIntel', Count: '32 in 2 sockets', Speed: '2394 MHz' });
    // 256 GiB total − 1 GiB Xen − 4 GiB dom0 − (3 GiB + 64 MiB) web-01.
    expect(sections.Memory).toEqual({ Total: '256.0 GiB', Used: '8.1 GiB (3%)', Free: '247.9 GiB', 'Control domain': '4.0 GiB' });
    expect(sections['Management Interface']).toEqual({ Interface: 'eth0', 'IP address': '10.0.0.1', Mode: 'Static' });
  });

  it('host in maintenance mode is not the master', () => {
    expect(sectionsFor('host:h2').General).toMatchObject({ 'Pool master': 'No', Enabled: 'No (maintenance mode)', 'Server uptime': 'Unknown' });
  });

  it('pool: master, default SR, counts', () => {
    expect(sectionsFor('pool:p1').General).toMatchObject({ Name: 'Edge cluster', Master: 'host-01', 'Default SR': 'NFS storage', Servers: '2', VMs: '2 (1 running)', UUID: 'pool-uuid' });
  });

  it('SR: type, shared, size and usage, per-host status', () => {
    const sections = sectionsFor('sr:sr-nfs');
    expect(sections.General).toMatchObject({ Type: 'NFS', 'Content type': 'user', Shared: 'Yes' });
    expect(sections.Status).toEqual({ 'host-01': 'Connected', 'host-02': 'Unplugged' });
    expect(sections.Size).toEqual({ Size: '4.0 TiB used of 16.0 TiB (25%)', 'Virtual allocation': '8.0 TiB (50% of size)', Disks: '2' });
  });

  it('network: MTU, bridge, auto-add', () => {
    expect(sectionsFor('network:net0').General).toMatchObject({ MTU: '1500', Bridge: 'xenbr0', 'Auto-add to new VMs': 'Yes' });
  });
});
