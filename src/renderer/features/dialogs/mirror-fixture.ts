import type { XapiClass, XapiObject } from '../../../shared/xapi/objects.js';
import type { XapiRecords } from '../../../shared/xapi/records.gen.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { testIndex, testRecord } from '../../testing/test-record.js';

/**
 * A small mirrored pool for the dialogs' and the wizard's unit tests: two servers, shared, local, ISO, DVD and
 * full SRs, networks, templates (one with a provisioning spec and recommendations, one custom with a real disk
 * and a VIF), and a VM with disks (one shared with another VM) and a snapshot.
 */

const GiB = 1024 ** 3;

export const obj = <C extends XapiClass>($type: C, $id: string, fields: Partial<XapiRecords[C]>, $pool = 'p1') => testRecord($type, $id, fields, $pool);

export const mirrorOf = testIndex;

export const fixtureObjects: readonly XapiObject[] = [
  obj('pool', 'pool', { name_label: 'Lab', master: 'h1', default_SR: 'sr-nfs' }),
  obj('host', 'h1', { name_label: 'host-1', metrics: 'hm1', enabled: true }),
  obj('host', 'h2', { name_label: 'host-2', metrics: 'hm2', enabled: true }),
  obj('host_metrics', 'hm1', { memory_total: 64 * GiB }),
  obj('host_metrics', 'hm2', { memory_total: 128 * GiB }),
  obj('SR', 'sr-nfs', { name_label: 'NFS storage', content_type: 'user', shared: true, physical_size: 4096 * GiB, physical_utilisation: 1024 * GiB, PBDs: ['pbd-nfs-1', 'pbd-nfs-2'] }),
  obj('SR', 'sr-local-1', { name_label: 'Local storage', content_type: 'user', shared: false, physical_size: 1024 * GiB, physical_utilisation: 24 * GiB, PBDs: ['pbd-l1'] }),
  obj('SR', 'sr-local-2', { name_label: 'Local storage', content_type: 'user', shared: false, physical_size: 1024 * GiB, physical_utilisation: 0, PBDs: ['pbd-l2'] }),
  obj('SR', 'sr-full', { name_label: 'Full storage', content_type: 'user', shared: true, physical_size: 10 * GiB, physical_utilisation: 10 * GiB, PBDs: ['pbd-full'] }),
  obj('SR', 'sr-iso', { name_label: 'ISO library', content_type: 'iso', shared: true, physical_size: 100 * GiB, physical_utilisation: 20 * GiB, PBDs: ['pbd-iso'] }),
  obj('SR', 'sr-dvd', { name_label: 'DVD drives', content_type: 'iso', shared: false, physical_size: 0, physical_utilisation: 0, PBDs: ['pbd-dvd'] }),
  obj('PBD', 'pbd-nfs-1', { SR: 'sr-nfs', host: 'h1', currently_attached: true }),
  obj('PBD', 'pbd-nfs-2', { SR: 'sr-nfs', host: 'h2', currently_attached: true }),
  obj('PBD', 'pbd-l1', { SR: 'sr-local-1', host: 'h1', currently_attached: true }),
  obj('PBD', 'pbd-l2', { SR: 'sr-local-2', host: 'h2', currently_attached: true }),
  obj('PBD', 'pbd-full', { SR: 'sr-full', host: 'h1', currently_attached: true }),
  obj('PBD', 'pbd-iso', { SR: 'sr-iso', host: 'h1', currently_attached: true }),
  obj('PBD', 'pbd-dvd', { SR: 'sr-dvd', host: 'h1', currently_attached: true }),
  obj('VDI', 'iso-debian', { name_label: 'debian-12.iso', SR: 'sr-iso', virtual_size: 4 * GiB, VBDs: [] }),
  obj('VDI', 'iso-alpine', { name_label: 'alpine.iso', SR: 'sr-iso', virtual_size: GiB, VBDs: [] }),
  obj('network', 'net-0', { name_label: 'Pool-wide network associated with eth0', other_config: { automatic: 'true' } }),
  obj('network', 'net-1', { name_label: 'Pool-wide network associated with eth1', other_config: {} }),
  obj('network', 'net-internal', { name_label: 'Host internal management network', other_config: { is_host_internal_management_network: 'true' } }),
  obj('VM', 'tpl-debian', {
    name_label: 'Debian Bookworm 12',
    is_a_template: true,
    is_default_template: true,
    VCPUs_max: 1,
    VCPUs_at_startup: 1,
    memory_static_min: 512 * 1024 ** 2,
    memory_static_max: 2 * GiB,
    memory_dynamic_min: 2 * GiB,
    memory_dynamic_max: 2 * GiB,
    other_config: { default_template: 'true', disks: '<provision><disk device="0" size="10737418240" sr="" bootable="true" type="system"/></provision>' },
    recommendations: '<restrictions><restriction field="memory-static-max" max="1649267441664"/><restriction field="vcpus-max" max="32"/></restrictions>',
    VBDs: [],
    VIFs: [],
  }),
  obj('VM', 'tpl-custom', {
    name_label: 'Golden web',
    is_a_template: true,
    is_default_template: false,
    VCPUs_max: 4,
    VCPUs_at_startup: 2,
    memory_static_min: GiB,
    memory_static_max: 4 * GiB,
    memory_dynamic_min: 2 * GiB,
    memory_dynamic_max: 4 * GiB,
    other_config: {},
    VBDs: ['vbd-tpl', 'vbd-tpl-cd'],
    VIFs: ['vif-tpl'],
  }),
  obj('VBD', 'vbd-tpl', { VM: 'tpl-custom', VDI: 'vdi-tpl', type: 'Disk', userdevice: '0' }),
  obj('VBD', 'vbd-tpl-cd', { VM: 'tpl-custom', VDI: 'OpaqueRef:NULL', type: 'CD', userdevice: '3' }),
  obj('VDI', 'vdi-tpl', { name_label: 'web root', SR: 'sr-nfs', virtual_size: 20 * GiB, VBDs: ['vbd-tpl'] }),
  obj('VIF', 'vif-tpl', { VM: 'tpl-custom', network: 'net-1', device: '0' }),
  obj('VM', 'vm-web', {
    name_label: 'web-01',
    is_a_template: false,
    power_state: 'Halted',
    VBDs: ['vbd-web-0', 'vbd-web-1', 'vbd-web-cd'],
    snapshots: ['snap-web'],
  }),
  obj('VM', 'vm-db', { name_label: 'db-01', is_a_template: false, power_state: 'Running', resident_on: 'h1', VBDs: ['vbd-db-shared'], snapshots: [] }),
  obj('VM', 'snap-web', { name_label: 'before upgrade', is_a_template: true, is_a_snapshot: true, snapshot_of: 'vm-web', VBDs: ['vbd-snap'] }),
  obj('VBD', 'vbd-web-0', { VM: 'vm-web', VDI: 'vdi-web-root', type: 'Disk', userdevice: '0' }),
  obj('VBD', 'vbd-web-1', { VM: 'vm-web', VDI: 'vdi-shared', type: 'Disk', userdevice: '1' }),
  obj('VBD', 'vbd-web-cd', { VM: 'vm-web', VDI: 'iso-debian', type: 'CD', userdevice: '3' }),
  obj('VBD', 'vbd-db-shared', { VM: 'vm-db', VDI: 'vdi-shared', type: 'Disk', userdevice: '0' }),
  obj('VBD', 'vbd-snap', { VM: 'snap-web', VDI: 'vdi-snap', type: 'Disk', userdevice: '0' }),
  obj('VDI', 'vdi-web-root', { name_label: 'web-01 root', SR: 'sr-local-1', virtual_size: 10 * GiB, VBDs: ['vbd-web-0'] }),
  obj('VDI', 'vdi-shared', { name_label: 'shared data', SR: 'sr-nfs', virtual_size: 50 * GiB, VBDs: ['vbd-web-1', 'vbd-db-shared'] }),
  obj('VDI', 'vdi-snap', { name_label: 'web-01 root', SR: 'sr-local-1', virtual_size: 10 * GiB, is_a_snapshot: true, VBDs: ['vbd-snap'] }),
  obj('host', 'elsewhere', { name_label: 'other pool host' }, 'p2'),
];

export const fixtureMirror: ObjectIndex = mirrorOf(fixtureObjects);
