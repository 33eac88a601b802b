import type { XapiObject } from '../../../shared/xapi/objects.js';
import { testIndex, testRecord } from '../../testing/test-record.js';

/** Test helper: an ObjectIndex holding exactly these objects. */
export const mirrorOf = testIndex;

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

const make = testRecord;

/**
 * A small pool shaped like the simulator's: two hosts (h1 master), dom0 on h1, a running VM with tools (web-01 on
 * h1: two disks, a CD, two VIFs), a halted VM (db-01), a template, local and shared SRs, two networks.
 */
export function samplePool(): XapiObject[] {
  return [
    make('pool', 'pool1', { name_label: 'Edge cluster', name_description: '2-host pool', master: 'h1', default_SR: 'sr-nfs', tags: ['prod'], ha_enabled: false, uuid: 'pool-uuid', other_config: {} }),
    make('host', 'h1', {
      name_label: 'host-01', name_description: 'Default install', uuid: 'h1-uuid', address: '10.0.0.1', hostname: 'host-01.example', enabled: true,
      memory_overhead: 1 * GiB, metrics: 'hm1', tags: [], PIFs: ['pif1', 'pif2'], host_CPUs: [], iscsi_iqn: '',
      other_config: { boot_time: '1000000.', agent_start_time: '1000060.', iscsi_iqn: 'iqn.2024-10.com.example:host-01' },
      software_version: { product_brand: 'XCP-ng', product_version_text: '8.3', xapi_build: '24.19.2', xen: '4.17.5-3', build_number: 'cloud', date: '2024-10-02' },
      cpu_info: { cpu_count: '32', socket_count: '2', vendor: 'GenuineIntel', speed: '2394.000', modelname: 'Intel Xeon Silver 4314' },
      API_version_major: 2, API_version_minor: 21,
    }),
    make('host', 'h2', { name_label: 'host-02', uuid: 'h2-uuid', address: '10.0.0.2', enabled: false, memory_overhead: GiB, metrics: 'hm2', tags: [], PIFs: ['pif3'], other_config: { MAINTENANCE_MODE: 'true' }, cpu_info: {}, software_version: {} }),
    make('host_metrics', 'hm1', { memory_total: 256 * GiB, live: true }),
    make('host_metrics', 'hm2', { memory_total: 128 * GiB, live: true }),
    make('VM', 'dom0', { name_label: 'Control domain on host: host-01', is_control_domain: true, is_a_template: false, power_state: 'Running', resident_on: 'h1', metrics: 'm-dom0', memory_target: 4 * GiB }),
    make('VM_metrics', 'm-dom0', { memory_actual: 4 * GiB }),
    make('VM', 'vm1', {
      name_label: 'web-01', name_description: 'Web server', uuid: 'vm1-uuid', power_state: 'Running', is_a_template: false, is_control_domain: false,
      resident_on: 'h1', affinity: 'h1', metrics: 'm1', guest_metrics: 'g1', tags: ['web', 'prod'], other_config: { auto_poweron: 'true', folder: '/web' },
      memory_static_min: 512 * MiB, memory_dynamic_min: 2 * GiB, memory_dynamic_max: 4 * GiB, memory_static_max: 8 * GiB, memory_overhead: 64 * MiB,
      recommendations: '<restrictions><restriction field="memory-static-max" max="1649267441664" /></restrictions>',
      VCPUs_at_startup: 4, VCPUs_max: 8, platform: { 'cores-per-socket': '2' }, domain_type: 'hvm', HVM_boot_policy: 'BIOS order', HVM_boot_params: { order: 'dcn', firmware: 'bios' },
      VBDs: ['vbd1', 'vbd2', 'vbd-cd'], VIFs: ['vif0', 'vif1'],
    }),
    make('VM_metrics', 'm1', { memory_actual: 3 * GiB, start_time: '1970-01-02T00:00:00Z' }),
    make('VM_guest_metrics', 'g1', {
      os_version: { name: 'Ubuntu 22.04.5 LTS', distro: 'ubuntu' }, PV_drivers_version: { major: '8', minor: '3', micro: '0', build: '1' }, PV_drivers_detected: true,
      networks: { '0/ip': '10.2.0.10', '0/ipv4/0': '10.2.0.10', '0/ipv6/0': 'fe80::a', '1/ipv4/0': '10.0.0.10' },
    }),
    make('VM', 'vm2', {
      name_label: 'db-01', uuid: 'vm2-uuid', power_state: 'Halted', is_a_template: false, resident_on: 'OpaqueRef:NULL', affinity: 'OpaqueRef:NULL', metrics: 'm2',
      guest_metrics: 'OpaqueRef:NULL', tags: [], other_config: {}, memory_static_min: GiB, memory_dynamic_min: 2 * GiB, memory_dynamic_max: 2 * GiB, memory_static_max: 2 * GiB,
      VCPUs_at_startup: 2, VCPUs_max: 2, domain_type: 'pv', PV_args: 'console=hvc0', VBDs: ['vbd3'], VIFs: [],
    }),
    make('VM_metrics', 'm2', { memory_actual: 0 }),
    make('VM', 'tpl', { name_label: 'Debian 12', is_a_template: true, power_state: 'Halted', tags: [], other_config: {}, VBDs: [], VIFs: [], domain_type: 'hvm', HVM_boot_params: { order: 'cd' } }),
    make('SR', 'sr-local', { name_label: 'Local storage', type: 'lvm', content_type: 'user', shared: false, physical_size: 1024 * GiB, physical_utilisation: 40 * GiB, virtual_allocation: 40 * GiB, PBDs: ['pbd1'], VDIs: ['vdi1'], tags: [], other_config: {} }),
    make('SR', 'sr-nfs', { name_label: 'NFS storage', name_description: 'NFS on filer', type: 'nfs', content_type: 'user', shared: true, physical_size: 16 * 1024 * GiB, physical_utilisation: 4 * 1024 * GiB, virtual_allocation: 8 * 1024 * GiB, PBDs: ['pbd2', 'pbd3'], VDIs: ['vdi2', 'vdi3'], tags: [], other_config: {} }),
    make('SR', 'sr-iso', { name_label: 'ISO library', type: 'iso', content_type: 'iso', shared: true, physical_size: 10 * GiB, physical_utilisation: 10 * GiB, virtual_allocation: 10 * GiB, PBDs: ['pbd4'], VDIs: ['iso1'], tags: [], other_config: {} }),
    make('PBD', 'pbd1', { host: 'h1', SR: 'sr-local', currently_attached: true }),
    make('PBD', 'pbd2', { host: 'h1', SR: 'sr-nfs', currently_attached: true }),
    make('PBD', 'pbd3', { host: 'h2', SR: 'sr-nfs', currently_attached: false }),
    make('PBD', 'pbd4', { host: 'h1', SR: 'sr-iso', currently_attached: true }),
    make('VDI', 'vdi1', { name_label: 'web-01 system', name_description: 'Root disk', SR: 'sr-local', virtual_size: 20 * GiB, physical_utilisation: 20 * GiB, VBDs: ['vbd1'] }),
    make('VDI', 'vdi2', { name_label: 'web-01 data', SR: 'sr-nfs', virtual_size: 100 * GiB, physical_utilisation: 5 * GiB, VBDs: ['vbd2'] }),
    make('VDI', 'vdi3', { name_label: 'db-01 system', SR: 'sr-nfs', virtual_size: 50 * GiB, physical_utilisation: 3 * GiB, VBDs: ['vbd3'] }),
    make('VDI', 'iso1', { name_label: 'debian-12.iso', SR: 'sr-iso', virtual_size: 600 * MiB, VBDs: ['vbd-cd'] }),
    make('VBD', 'vbd1', { VM: 'vm1', VDI: 'vdi1', type: 'Disk', userdevice: '0', device: 'xvda', mode: 'RW', currently_attached: true, bootable: true }),
    make('VBD', 'vbd2', { VM: 'vm1', VDI: 'vdi2', type: 'Disk', userdevice: '1', device: 'xvdb', mode: 'RO', currently_attached: true }),
    make('VBD', 'vbd-cd', { VM: 'vm1', VDI: 'iso1', type: 'CD', userdevice: '3', device: 'xvdd', mode: 'RO', currently_attached: true, empty: false }),
    make('VBD', 'vbd3', { VM: 'vm2', VDI: 'vdi3', type: 'Disk', userdevice: '0', device: '', mode: 'RW', currently_attached: false }),
    make('network', 'net0', { name_label: 'Pool-wide network associated with eth0', name_description: '', PIFs: ['pif1', 'pif3'], VIFs: ['vif0'], MTU: 1500, bridge: 'xenbr0', other_config: { automatic: 'true' }, tags: [] }),
    make('network', 'net-vlan', { name_label: 'VLAN 100 (storage)', PIFs: ['pif2'], VIFs: ['vif1'], MTU: 9000, bridge: 'xapi0', other_config: {}, tags: [] }),
    make('network', 'net-internal', { name_label: 'Host internal management network', PIFs: [], VIFs: [], MTU: 1500, other_config: { is_host_internal_management_network: 'true' }, tags: [] }),
    make('VIF', 'vif0', { VM: 'vm1', network: 'net0', device: '0', MAC: '42:a8:82:bd:d5:b5', currently_attached: true, qos_algorithm_type: '', qos_algorithm_params: {} }),
    make('VIF', 'vif1', { VM: 'vm1', network: 'net-vlan', device: '1', MAC: '1e:17:c3:2e:5b:17', currently_attached: false, qos_algorithm_type: 'ratelimit', qos_algorithm_params: { kbps: '1000' } }),
    make('PIF', 'pif1', { host: 'h1', network: 'net0', device: 'eth0', MAC: 'b4:76:fe:c4:90:4f', MTU: 1500, VLAN: -1, metrics: 'pm1', management: true, IP: '10.0.0.1', netmask: '255.255.255.0', gateway: '10.0.0.254', ip_configuration_mode: 'Static', currently_attached: true, physical: true }),
    make('PIF', 'pif2', { host: 'h1', network: 'net-vlan', device: 'eth1', MAC: 'b4:83:9c:e0:17:e6', MTU: 9000, VLAN: 100, metrics: 'pm2', management: false, IP: '', ip_configuration_mode: 'None', currently_attached: true, physical: false }),
    make('PIF', 'pif3', { host: 'h2', network: 'net0', device: 'eth0', MAC: 'b4:00:00:00:00:03', MTU: 1500, VLAN: -1, metrics: 'pm3', management: true, IP: '10.0.0.2', ip_configuration_mode: 'DHCP', currently_attached: true, physical: true }),
    make('PIF_metrics', 'pm1', { carrier: true, speed: 10000, duplex: true }),
    make('PIF_metrics', 'pm2', { carrier: false, speed: 10000 }),
    make('PIF_metrics', 'pm3', { carrier: true, speed: 1000 }),
  ];
}
