import { describe, expect, it } from 'vitest';
import { objectOf } from '../../store/mirror-read.js';
import { mirrorOf, samplePool } from '../details/test-mirror.js';
import { newFieldProblem } from './draft-common.js';
import { bootDevicesOf, topologies, type VmDraft } from './draft-vm.js';
import type { HostDraft, PoolDraft } from './draft-host.js';
import { draftChanges, draftOf, draftProblems, type PropertiesDraft } from './properties-draft.js';
import { pagesFor } from './properties-pages.js';

const GiB = 1024 ** 3;
const definitions = '<CustomFieldDefinitions><CustomFieldDefinition name="Owner" type="String" defaultValue="" /></CustomFieldDefinitions>';

/** The sample pool with a custom field defined and set on web-01. */
function pool() {
  const objects = samplePool().map((object) => {
    if (object.$type === 'pool') return { ...object, gui_config: { 'XenCenter.CustomFields': definitions } };
    if (object.$id === 'vm1' && object.$type === 'VM') return { ...object, other_config: { ...object.other_config, 'XenCenter.CustomFields.Owner': 'Ops' } };
    return object;
  });
  return mirrorOf(objects);
}

function vmDraft(id = 'vm1'): { index: ReturnType<typeof pool>; base: VmDraft } {
  const index = pool();
  const base = draftOf(index, objectOf(index, 'VM', id)!);
  if (base.class !== 'VM') throw new Error('not a VM draft');
  return { index, base };
}

describe('Properties drafts', () => {
  it("reads a VM's pages from its record, and an untouched draft changes nothing", () => {
    const { base } = vmDraft();
    expect(base).toMatchObject({
      name: 'web-01',
      tags: 'web, prod',
      folder: '/web',
      customFields: { Owner: 'Ops' },
      vcpusMax: 8,
      vcpusAtStartup: 4,
      coresPerSocket: 2,
      vcpuWeight: 256,
      memory: { staticMin: 512 * 1024 ** 2, dynamicMin: 2 * GiB, dynamicMax: 4 * GiB, staticMax: 8 * GiB },
      firmware: 'bios',
      autoPowerOn: true,
      homeServerId: 'h1',
    });
    expect(base.boot.map((device) => `${device.id}${device.enabled ? '+' : '-'}`)).toEqual(['d+', 'c+', 'n+']);
    expect(draftChanges(base, base)).toBeNull();
  });

  it('sends only what changed, memory as all four values in bytes and the boot order as XAPI spells it', () => {
    const { base } = vmDraft();
    const draft: VmDraft = {
      ...base,
      description: 'front',
      customFields: { Owner: '' },
      vcpusMax: 12,
      vcpusAtStartup: 6,
      memory: { ...base.memory, dynamicMax: 6 * GiB },
      boot: bootDevicesOf('cn'),
      homeServerId: null,
      folder: 'apps/web',
    };
    expect(draftChanges(base, draft)).toEqual({
      class: 'VM',
      description: 'front',
      customFields: { Owner: null },
      folder: '/apps/web',
      vcpus: { max: 12, atStartup: 6 },
      memory: { staticMin: 512 * 1024 ** 2, dynamicMin: 2 * GiB, dynamicMax: 6 * GiB, staticMax: 8 * GiB },
      bootOrder: 'cn',
      homeServerId: null,
    });
  });

  it('marks each value the dialog knows XAPI would refuse, on its own page and field', () => {
    const { base } = vmDraft();
    const index = pool();
    const vm = objectOf(index, 'VM', 'vm1')!;
    const draft: VmDraft = { ...base, name: ' ', vcpusAtStartup: 9, memory: { ...base.memory, dynamicMin: 5 * GiB }, boot: base.boot.map((device) => ({ ...device, enabled: false })) };
    expect(draftProblems(draft, vm)).toEqual([
      { page: 'general', field: 'name', message: 'Enter a name.' },
      { page: 'cpu', field: 'vcpusAtStartup', message: 'Cannot be more than the maximum (8).' },
      { page: 'memory', field: 'dynamicMax', message: 'Must be at least the dynamic minimum.' },
      { page: 'boot', field: 'boot', message: 'Choose at least one device to boot from.' },
    ]);
    expect(draftProblems({ ...base, vcpusMax: 3 }, vm)).toEqual([
      { page: 'cpu', field: 'vcpusAtStartup', message: 'Cannot be more than the maximum (3).' },
      { page: 'cpu', field: 'coresPerSocket', message: '3 vCPUs cannot be split into sockets of 2 cores. Choose another topology.' },
    ]);
  });

  it('offers every topology that divides the vCPUs, and refuses a custom field name twice', () => {
    expect(topologies(6).map((shape) => `${shape.sockets}x${shape.coresPerSocket}`)).toEqual(['6x1', '3x2', '2x3', '1x6']);
    expect(topologies(Number.NaN)).toEqual([]);
    const { base } = vmDraft();
    expect(newFieldProblem('Owner', base)).toBe("There is already a field 'Owner'.");
    expect(newFieldProblem('  ', base)).toBe('Enter a name for the field.');
    expect(newFieldProblem('Site', base)).toBeNull();
  });

  it("gives a server its log destination and power-on pages, a BMC password only when one is typed", () => {
    const index = pool();
    const base = draftOf(index, objectOf(index, 'host', 'h1')!) as HostDraft;
    expect(base).toMatchObject({ class: 'host', remoteLog: false, powerOnMode: 'disabled' });
    const draft: HostDraft = { ...base, remoteLog: true, logServer: 'logs.example', powerOnMode: 'IPMI', powerOnAddress: '10.0.0.9', powerOnUser: 'admin' };
    expect(draftChanges(base, draft)).toEqual({ class: 'host', logDestination: 'logs.example', powerOn: { mode: 'IPMI', address: '10.0.0.9', user: 'admin' } });
    expect(draftChanges(base, { ...draft, powerOnPassword: 'pw' })).toMatchObject({ powerOn: { password: 'pw' } });
    // The Alerts page: an alarm turned on is sent as perfmon settings; a level out of range is marked first.
    const cpuOn = { ...base.alarms, cpu: { on: true, level: '80', minutes: '10' } };
    expect(draftChanges(base, { ...base, alarms: cpuOn })).toEqual({ class: 'host', alarms: { cpu: { level: 80, minutes: 10 } } });
    expect(draftProblems({ ...base, alarms: { ...cpuOn, cpu: { on: true, level: '150', minutes: '10' } } }, objectOf(index, 'host', 'h1')!)).toEqual([
      { page: 'alerts', field: 'alarms', message: 'Enter a level for CPU usage between 0 and 100.' },
    ]);
    expect(draftProblems({ ...draft, logServer: 'bad name', powerOnAddress: '' }, objectOf(index, 'host', 'h1')!)).toEqual([
      { page: 'logDestination', field: 'logServer', message: 'Enter a host name or an IP address.' },
      { page: 'powerOn', field: 'powerOnAddress', message: "Enter the address of the server's management controller." },
    ]);
    expect(pagesFor(index, objectOf(index, 'host', 'h1')!, draft).map((page) => `${page.title}: ${page.summary}`)).toEqual([
      'General: host-01',
      'Custom Fields: None set',
      'Alerts: None',
      'Log Destination: logs.example',
      'Power On: IPMI (10.0.0.9)',
    ]);
  });

  it("reads the pool's migration network by uuid, as Xen Orchestra keeps it, and lists a VM's pages with their summaries", () => {
    const networkIndex = mirrorOf(
      samplePool().map((object) => {
        if (object.$type === 'pool') return { ...object, other_config: { 'xo:migrationNetwork': 'net-vlan-uuid' } };
        if (object.$id === 'net-vlan' && object.$type === 'network') return { ...object, uuid: 'net-vlan-uuid' };
        return object;
      }),
    );
    const base = draftOf(networkIndex, objectOf(networkIndex, 'pool', 'pool1')!) as PoolDraft;
    expect(base.migrationNetworkId).toBe('net-vlan');
    expect(draftChanges(base, { ...base, migrationNetworkId: null } as PropertiesDraft)).toEqual({ class: 'pool', migrationNetworkId: null });

    const { index: vmIndex, base: vm } = vmDraft();
    expect(pagesFor(vmIndex, objectOf(vmIndex, 'VM', 'vm1')!, vm).map((page) => `${page.title}: ${page.summary}`)).toEqual([
      'General: web-01',
      'Custom Fields: 1 field',
      'CPU: 4 vCPUs',
      'Memory: 2.0 GiB – 4.0 GiB',
      'Boot Options: DVD-Drive, Hard Disk, Network',
      'Start Options: Starts with its server',
      'Alerts: None',
      'Home Server: host-01',
    ]);
  });
});
