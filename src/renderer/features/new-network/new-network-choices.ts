/**
 * What the New Network wizard has chosen and what each step still needs, with the pool's NICs as it offers them:
 * pure functions of the choices and the mirror, tested without a window.
 */
import type { BondMode } from '../../../shared/api/methods/network.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll } from '../../store/mirror-read.js';
import { compareNames } from '../tree/name-order.js';
import { poolObjectOf } from '../details/details-subject.js';

export const networkKinds = ['external', 'private', 'bond'] as const;
export type NetworkKind = (typeof networkKinds)[number];

export const networkKindText: Record<NetworkKind, { label: string; detail: string }> = {
  external: { label: 'External Network', detail: 'A VLAN on a NIC of every server, reaching the outside network.' },
  private: { label: 'Single-Server Private Network', detail: 'A network inside each server, with no NIC: its VMs reach only each other.' },
  bond: { label: 'Bonded Network', detail: 'Two to four NICs of every server bonded together, for throughput or failover.' },
};

export const bondModeText: Record<BondMode, string> = {
  'balance-slb': 'Active-active (balance-slb)',
  'active-backup': 'Active-passive (active-backup)',
  lacp: 'LACP with load balancing',
};

export const newNetworkSteps = ['type', 'name', 'settings', 'finish'] as const;
export type NewNetworkStep = (typeof newNetworkSteps)[number];
export const newNetworkStepTitles: Record<NewNetworkStep, string> = { type: 'Type', name: 'Name', settings: 'Network settings', finish: 'Finish' };

export interface NewNetworkChoices {
  readonly poolId: string;
  readonly kind: NetworkKind;
  readonly name: string;
  readonly description: string;
  readonly autoAdd: boolean;
  /** External: the NIC of the master the VLAN goes on (the same device on every server). */
  readonly pifId: string;
  readonly vlan: number;
  readonly mtu: number;
  /** Bonded: the master's NICs to bond. */
  readonly bondPifs: readonly string[];
  readonly mode: BondMode;
  readonly hashing: 'tcpudp_ports' | 'src_mac';
}

export function emptyNewNetwork(poolId: string): NewNetworkChoices {
  return { poolId, kind: 'external', name: 'New Network', description: '', autoAdd: true, pifId: '', vlan: 0, mtu: 1500, bondPifs: [], mode: 'active-backup', hashing: 'tcpudp_ports' };
}

/** One NIC of the master as the settings step lists it. */
export interface NicChoice {
  readonly id: string;
  readonly device: string;
  readonly mac: string;
  readonly linkUp: boolean;
  readonly management: boolean;
  /** A bond's master PIF (a VLAN can go on a bond, a bond cannot join a bond). */
  readonly bond: boolean;
}

/** The pool master's NICs that can carry a VLAN or join a bond: physical NICs not in a bond, and bonds. */
export function masterNics(index: ObjectIndex, poolId: string): NicChoice[] {
  const master = follow(index, poolObjectOf(index, poolId)?.master);
  if (!master) return [];
  const out: NicChoice[] = [];
  for (const pif of followAll(index, master.PIFs)) {
    if (pif.VLAN !== -1) continue;
    const inBond = follow(index, pif.bond_slave_of) !== undefined;
    const bond = pif.bond_master_of.length > 0;
    if (inBond || (!pif.physical && !bond)) continue;
    out.push({ id: pif.$id, device: pif.device, mac: pif.MAC, linkUp: follow(index, pif.metrics)?.carrier === true, management: pif.management === true, bond });
  }
  return out.sort((a, b) => compareNames(a.device, b.device));
}

/** The VLAN tags already used on a device of the master (a second one with the same tag is refused). */
function tagsOn(index: ObjectIndex, pif: XapiRecord<'PIF'> | undefined): Set<number> {
  return new Set(pif ? followAll(index, pif.VLAN_slave_of).map((vlan) => vlan.tag) : []);
}

export function newNetworkStepProblem(index: ObjectIndex, choices: NewNetworkChoices, step: NewNetworkStep): string | null {
  switch (step) {
    case 'type':
    case 'finish':
      return null;
    case 'name':
      return choices.kind !== 'bond' && choices.name.trim() === '' ? 'Enter a name' : null;
    case 'settings': {
      if (!Number.isInteger(choices.mtu) || choices.mtu < 1280 || choices.mtu > 9216) return 'The MTU is from 1280 to 9216';
      if (choices.kind === 'private') return null;
      if (choices.kind === 'bond') {
        if (choices.bondPifs.length < 2) return 'Choose at least two NICs';
        return choices.bondPifs.length > 4 ? 'A bond has at most four NICs' : null;
      }
      if (choices.pifId === '') return 'Choose a NIC';
      if (!Number.isInteger(choices.vlan) || choices.vlan < 0 || choices.vlan > 4094) return 'The VLAN is a number from 0 to 4094';
      const pif = follow(index, choices.pifId as XapiRecord<'PIF'>['$id']);
      return tagsOn(index, pif).has(choices.vlan) ? `VLAN ${choices.vlan} is already in use on ${pif?.device ?? 'that NIC'}` : null;
    }
  }
}

/** The contract call and input the choices make. */
export function networkRequest(choices: NewNetworkChoices):
  | { method: 'network.createBond'; input: { poolId: string; name?: string; pifIds: string[]; mode: BondMode; hashing?: 'tcpudp_ports' | 'src_mac'; mtu: number; autoAdd: boolean } }
  | { method: 'network.create'; input: { kind: 'external'; poolId: string; name: string; description: string; mtu: number; autoAdd: boolean; pifId: string; vlan: number } | { kind: 'private'; poolId: string; name: string; description: string; mtu: number; autoAdd: boolean } } {
  const common = { poolId: choices.poolId, mtu: choices.mtu, autoAdd: choices.autoAdd };
  if (choices.kind === 'bond') {
    const name = choices.name.trim();
    return { method: 'network.createBond', input: { ...common, pifIds: [...choices.bondPifs], mode: choices.mode, ...(choices.mode === 'lacp' ? { hashing: choices.hashing } : {}), ...(name ? { name } : {}) } };
  }
  const named = { ...common, name: choices.name.trim(), description: choices.description };
  return choices.kind === 'external'
    ? { method: 'network.create', input: { kind: 'external', ...named, pifId: choices.pifId, vlan: choices.vlan } }
    : { method: 'network.create', input: { kind: 'private', ...named } };
}
