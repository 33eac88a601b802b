import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { isHiddenObject } from '../tree/object-kinds.js';
import { follow, followAll, nameOf, objectsOfType } from '../../store/mirror-read.js';
import { byName, compareNames } from '../tree/name-order.js';

/**
 * The guest's addresses on one VIF from VM_guest_metrics.networks: "<device>/ipv4/<n>" in order, then the legacy
 * "<device>/ip" if it adds one, then "<device>/ipv6/<n>".
 */
export function guestAddresses(networks: Readonly<Record<string, string>>, device: string): string[] {
  const numbered = (family: string) =>
    Object.entries(networks)
      .filter(([key]) => key.startsWith(`${device}/${family}/`))
      .sort(([a], [b]) => compareNames(a, b))
      .map(([, address]) => address);
  const ipv4 = numbered('ipv4');
  const legacy = networks[`${device}/ip`];
  if (legacy && !ipv4.includes(legacy)) ipv4.push(legacy);
  return [...ipv4, ...numbered('ipv6')].filter(Boolean);
}

/** Every guest address a VM reports, all VIFs together (Search tab, IP column). */
export function vmAddresses(index: ObjectIndex, vm: XapiRecord<'VM'>): string[] {
  const networks = follow(index, vm.guest_metrics)?.networks ?? {};
  const devices = new Set(Object.keys(networks).map((key) => key.split('/')[0]!));
  return [...devices].sort(compareNames).flatMap((device) => guestAddresses(networks, device));
}

/** One virtual network interface of a VM, as its Networking tab lists it. */
export interface VifRow {
  readonly id: string;
  readonly device: string;
  readonly mac: string;
  readonly networkId: string | null;
  readonly networkName: string;
  readonly addresses: readonly string[];
  /** "1000 kbps" when rate-limited, else "None". */
  readonly limit: string;
  readonly active: boolean;
}

/** A VM's VIFs by device number, with the addresses its guest agent reports for each. */
export function vifRows(index: ObjectIndex, vm: XapiRecord<'VM'>): VifRow[] {
  const networks = follow(index, vm.guest_metrics)?.networks ?? {};
  return followAll(index, vm.VIFs)
    .map((vif) => {
      const network = follow(index, vif.network);
      const kbps = vif.qos_algorithm_type === 'ratelimit' ? vif.qos_algorithm_params.kbps : undefined;
      return {
        id: vif.$id,
        device: vif.device,
        mac: vif.MAC,
        networkId: network?.$id ?? null,
        networkName: network ? nameOf(network) : 'Unknown network',
        addresses: guestAddresses(networks, vif.device),
        limit: kbps ? `${kbps} kbps` : 'None',
        active: vif.currently_attached === true,
      };
    })
    .sort((a, b) => compareNames(a.device, b.device));
}

/** Connected, Disconnected or Unknown, from PIF_metrics.carrier. */
export function linkStatus(index: ObjectIndex, pif: XapiRecord<'PIF'> | undefined): string {
  if (!pif) return 'None';
  const metrics = follow(index, pif.metrics);
  if (!metrics) return 'Unknown';
  return metrics.carrier === true && pif.currently_attached === true ? 'Connected' : 'Disconnected';
}

/** One network as the Networking tab of a host or pool lists it. */
export interface NetworkRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** The NIC carrying it on this host (or the master, for a pool): eth0, "eth1" for a VLAN on eth1; "None" if internal. */
  readonly nic: string;
  /** VLAN tag, or "-" for untagged and internal networks. */
  readonly vlan: string;
  readonly auto: boolean;
  readonly link: string;
  readonly mac: string;
  readonly mtu: number;
}

function networkRow(index: ObjectIndex, network: XapiRecord<'network'>, pif: XapiRecord<'PIF'> | undefined): NetworkRow {
  return {
    id: network.$id,
    name: nameOf(network),
    description: network.name_description,
    nic: pif ? pif.device : 'None',
    vlan: pif && pif.VLAN >= 0 ? String(pif.VLAN) : '-',
    auto: network.other_config.automatic === 'true',
    link: linkStatus(index, pif),
    mac: pif?.MAC ?? '',
    mtu: network.MTU,
  };
}

/** The networks of a pool seen from one host: the host's PIF on each (internal networks have none). */
function networkRowsSeenFrom(index: ObjectIndex, poolId: string, hostId: string | null): NetworkRow[] {
  return objectsOfType(index, 'network', poolId)
    // Hidden as in XenCenter: the host-internal management network guests use to reach XAPI.
    .filter((network) => !isHiddenObject(network))
    .sort(byName)
    .flatMap((network) => {
      const pifs = followAll(index, network.PIFs);
      const own = pifs.find((pif) => pif.host === hostId) ?? (hostId === null ? pifs[0] : undefined);
      // A network with PIFs on other hosts only is not usable from this one.
      if (pifs.length > 0 && !own) return [];
      return [networkRow(index, network, own)];
    });
}

export function networkRowsForHost(index: ObjectIndex, host: XapiRecord<'host'>): NetworkRow[] {
  return networkRowsSeenFrom(index, host.$pool, host.$id);
}

/** A pool's networks as its master sees them (XenCenter's pool Networking tab). */
export function networkRowsForPool(index: ObjectIndex, pool: XapiRecord<'pool'>): NetworkRow[] {
  const master = follow(index, pool.master);
  return networkRowsSeenFrom(index, pool.$pool, master?.$id ?? null);
}

/** One physical or VLAN interface (PIF), as the NICs and IP configuration lists show it. */
export interface PifRow {
  readonly id: string;
  readonly hostName: string;
  readonly device: string;
  readonly mac: string;
  readonly address: string;
  readonly mode: string;
  readonly management: boolean;
  readonly link: string;
  /** "10000 Mbit/s" when the link is up. */
  readonly speed: string;
}

function pifRow(index: ObjectIndex, pif: XapiRecord<'PIF'>): PifRow {
  const link = linkStatus(index, pif);
  const speed = follow(index, pif.metrics)?.speed ?? 0;
  const address = pif.IP;
  const netmask = pif.netmask;
  return {
    id: pif.$id,
    hostName: nameOf(follow(index, pif.host)),
    device: pif.device,
    mac: pif.MAC,
    address: address ? (netmask ? `${address}/${netmask}` : address) : 'None',
    mode: pif.ip_configuration_mode || 'None',
    management: pif.management === true,
    link,
    speed: link === 'Connected' && speed > 0 ? `${speed} Mbit/s` : '-',
  };
}

function byHostThenDevice(a: PifRow, b: PifRow): number {
  return compareNames(a.hostName, b.hostName) || compareNames(a.device, b.device);
}

/** A NIC as XenCenter lists NICs: a physical interface or a bond, not a VLAN interface riding on one. */
function isNic(pif: XapiRecord<'PIF'>): boolean {
  return pif.VLAN < 0 && (pif.physical === true || pif.bond_master_of.length > 0);
}

/** A host's interfaces: its NICs, and the VLAN interfaces with addresses named as such ("eth1 VLAN 100"). */
export function pifRowsForHost(index: ObjectIndex, host: XapiRecord<'host'>): PifRow[] {
  return followAll(index, host.PIFs)
    .map((pif) => (isNic(pif) ? pifRow(index, pif) : { ...pifRow(index, pif), device: `${pif.device} VLAN ${pif.VLAN}` }))
    .sort(byHostThenDevice);
}

/** A pool's server NICs: each server's physical interfaces and bonds once, not its VLAN interfaces again. */
export function pifRowsForPool(index: ObjectIndex, pool: XapiRecord<'pool'>): PifRow[] {
  return objectsOfType(index, 'PIF', pool.$pool)
    .filter(isNic)
    .map((pif) => pifRow(index, pif))
    .sort(byHostThenDevice);
}
