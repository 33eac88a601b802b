import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll } from '../../store/mirror-read.js';
import { compareNames } from '../tree/name-order.js';

/** One NIC of a server as XenCenter's NICs tab lists it: a physical interface or a bond. */
export interface NicRow {
  /** The PIF's ref. */
  readonly id: string;
  readonly device: string;
  readonly mac: string;
  /** Connected or Disconnected, from PIF_metrics.carrier (a bond: up while any member is). */
  readonly link: string;
  /** "10000 Mbit/s", or "-" while the link is down or unknown. */
  readonly speed: string;
  readonly duplex: string;
  readonly vendor: string;
  readonly model: string;
  readonly pciBus: string;
  /** For a member: the bond it is in ("bond0"); for a bond: its members ("eth0 + eth1"); else "". */
  readonly bond: string;
  /** The bond network's ref, for a bond (Delete Bond removes it). */
  readonly bondNetworkId: string | null;
}

/** The host's physical NICs and bonds (not VLAN interfaces), by device. */
export function nicRowsForHost(index: ObjectIndex, host: XapiRecord<'host'>): NicRow[] {
  const pifs = followAll(index, host.PIFs).filter((pif) => pif.VLAN < 0 && (pif.physical || pif.bond_master_of.length > 0));
  return pifs
    .map((pif): NicRow => {
      const metrics = follow(index, pif.metrics);
      const bond = follow(index, pif.bond_master_of[0]);
      const memberOf = follow(index, pif.bond_slave_of);
      const members = bond ? followAll(index, bond.slaves) : [];
      const carrier = bond ? members.some((member) => follow(index, member.metrics)?.carrier === true) : metrics?.carrier === true;
      const link = !bond && !metrics ? 'Unknown' : carrier ? 'Connected' : 'Disconnected';
      const speed = metrics && metrics.carrier && metrics.speed > 0 ? `${metrics.speed} Mbit/s` : '-';
      return {
        id: pif.$id,
        device: pif.device,
        mac: pif.MAC,
        link,
        speed,
        duplex: metrics && metrics.carrier ? (metrics.duplex ? 'Full' : 'Half') : '-',
        vendor: metrics?.vendor_name ?? '',
        model: metrics?.device_name ?? '',
        pciBus: metrics?.pci_bus_path ?? '',
        bond: bond ? members.map((member) => member.device).sort(compareNames).join(' + ') : memberOf ? (follow(index, memberOf.master)?.device ?? 'a bond') : '',
        bondNetworkId: bond ? pif.network : null,
      };
    })
    .sort((a, b) => compareNames(a.device, b.device));
}
