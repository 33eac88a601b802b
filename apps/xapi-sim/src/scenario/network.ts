/** Networks, per-host PIFs (management eth0, eth1, VLANs on eth1) with PIF_metrics and VLAN objects. */
import type { SeedBuilder } from './seed-builder.js';

export interface NetworkHandle {
  ref: string;
  name: string;
  /** Physical device the network rides on; VLAN networks ride on eth1. */
  device: string;
  /** VLAN tag, or -1 for an untagged physical network. */
  vlan: number;
  /** Whether guests are put on it (the host-internal management network is not). */
  forGuests: boolean;
}

const NIC = { vendor_id: '8086', vendor_name: 'Intel Corporation', device_id: '1572', device_name: 'Ethernet Controller X710 for 10GbE SFP+' };
const VLAN_PURPOSES = ['storage', 'backup', 'dmz', 'mgmt-oob', 'tenant-a', 'tenant-b', 'lab'];

/**
 * Creates `count` pool networks (at least 1): eth0, eth1, then VLANs on eth1; plus the host-internal
 * management network XAPI always has.
 */
export function addNetworks(b: SeedBuilder, count: number): NetworkHandle[] {
  const out: NetworkHandle[] = [];
  const n = Math.max(1, count);
  for (let i = 0; i < n; i++) {
    const physical = i < 2;
    const device = physical ? `eth${i}` : 'eth1';
    const vlan = physical ? -1 : 100 + (i - 2) * 10;
    const name = physical
      ? `Pool-wide network associated with ${device}`
      : `VLAN ${vlan} (${VLAN_PURPOSES[(i - 2) % VLAN_PURPOSES.length]})`;
    const ref = b.add('network', {
      name_label: name,
      name_description: physical ? '' : `Tagged network ${vlan} on eth1`,
      MTU: 1500,
      other_config: physical ? { automatic: 'true' } : {},
      bridge: physical ? `xenbr${i}` : `xapi${i - 2}`,
      managed: true,
      tags: [],
      default_locking_mode: 'unlocked',
      purpose: [],
    });
    out.push({ ref, name, device, vlan, forGuests: true });
  }
  const internal = b.add('network', {
    name_label: 'Host internal management network',
    name_description: 'Network on which guests will be assigned a private link-local IP address which can be used to talk XenAPI',
    MTU: 1500,
    other_config: { is_guest_installer_network: 'true', is_host_internal_management_network: 'true', ip_begin: '169.254.0.1', ip_end: '169.254.255.254', netmask: '255.255.0.0' },
    bridge: 'xenapi',
    managed: true,
  });
  out.push({ ref: internal, name: 'Host internal management network', device: '', vlan: -1, forGuests: false });
  return out;
}

/** Plugs one host into every network: physical PIFs (eth0 carries management on `address`), VLAN PIFs on eth1. */
export function addHostPifs(b: SeedBuilder, host: string, address: string, networks: readonly NetworkHandle[]): void {
  const physicalPif = new Map<string, string>();
  const macs = new Map<string, string>();
  for (const net of networks) {
    if (!net.forGuests || net.vlan !== -1) continue;
    const mac = b.rng.mac().replace(/^../, 'b4');
    macs.set(net.device, mac);
    const metrics = b.add('PIF_metrics', {
      carrier: true,
      ...NIC,
      speed: 10000,
      duplex: true,
      pci_bus_path: `0000:1${net.device.slice(3)}:00.0`,
      last_updated: new Date(0),
      other_config: {},
    });
    const management = net.device === 'eth0';
    const ref = b.add('PIF', {
      device: net.device,
      network: net.ref,
      host,
      MAC: mac,
      MTU: 1500,
      VLAN: -1,
      metrics,
      physical: true,
      currently_attached: true,
      ip_configuration_mode: management ? 'Static' : 'None',
      IP: management ? address : '',
      netmask: management ? '255.0.0.0' : '',
      gateway: management ? address.replace(/\.\d+$/, '.254') : '',
      DNS: management ? '1.1.1.1,9.9.9.9' : '',
      management,
      other_config: {},
      disallow_unplug: management,
      ipv6_configuration_mode: 'None',
      IPv6: [],
      primary_address_type: 'IPv4',
      managed: true,
      properties: { gro: 'on' },
      capabilities: ['fcoe'],
      igmp_snooping_status: 'disabled',
    });
    physicalPif.set(net.device, ref);
  }
  for (const net of networks) {
    if (!net.forGuests || net.vlan === -1) continue;
    const tagged = physicalPif.get(net.device);
    if (!tagged) continue;
    const untaggedRef = b.newRef();
    const vlan = b.add('VLAN', { tagged_PIF: tagged, untagged_PIF: untaggedRef, tag: net.vlan, other_config: {} });
    b.put('PIF', untaggedRef, {
      device: net.device,
      network: net.ref,
      host,
      MAC: macs.get(net.device) ?? '',
      MTU: 1500,
      VLAN: net.vlan,
      metrics: 'OpaqueRef:NULL',
      physical: false,
      currently_attached: true,
      ip_configuration_mode: 'None',
      VLAN_master_of: vlan,
      management: false,
      other_config: {},
      ipv6_configuration_mode: 'None',
      primary_address_type: 'IPv4',
      managed: true,
      properties: {},
      capabilities: [],
      igmp_snooping_status: 'disabled',
    });
  }
}
