/**
 * Bond.create / destroy / set_mode / set_property as xapi_bond.ml does them, on one host: the bond's master PIF
 * (bond<N>, on the given network) takes the IP configuration of the primary member (the management PIF, else the
 * first with an address) and the management interface when a member had it; VLANs on the members move onto the
 * bond, and so do the VIFs of the host's VMs on the members' networks. Destroy puts all of it back on the primary
 * member. Checks: PIF_BOND_NEEDS_MORE_MEMBERS, PIF_ALREADY_BONDED, PIF_IS_VLAN, PIF_CANNOT_BOND_CROSS_HOST,
 * PIF_BOND_MORE_THAN_ONE_IP, NETWORK_ALREADY_CONNECTED, MAC_INVALID, INVALID_VALUE (mode, hashing algorithm).
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import { abortableDelay } from '../api/abortable-delay.js';
import type { DbRecord } from '../model/store.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { hostFaultsFor } from './host-faults.js';
import { moveManagement } from './pif-config.js';

/** Simulated duration of building or removing a bond (ms before scaling). */
export const BOND_MS = 3000;

const MODES = ['balance-slb', 'active-backup', 'lacp'];
const HASHING = ['src_mac', 'tcpudp_ports'];
const MAC = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/i;
const IP_FIELDS = ['ip_configuration_mode', 'IP', 'netmask', 'gateway', 'DNS'] as const;

const bonded = (engine: Engine, pif: DbRecord): boolean => pif.bond_slave_of !== undefined && pif.bond_slave_of !== NULL_REF && engine.store.has('Bond', String(pif.bond_slave_of));

/** Copies the IP configuration of one PIF onto another (xapi's copy_configuration). */
function copyIpConfiguration(engine: Engine, from: string, to: string): void {
  const rec = engine.store.get('PIF', from);
  engine.store.update('PIF', to, Object.fromEntries(IP_FIELDS.map((f) => [f, rec[f] ?? ''])));
}

/** Moves VLANs tagged on `fromPifs` onto `to` (their untagged PIFs take its device). */
function moveVlans(engine: Engine, fromPifs: readonly string[], to: string): void {
  const { store } = engine;
  const device = store.get('PIF', to).device;
  for (const pif of fromPifs) {
    for (const vlan of [...(store.get('PIF', pif).VLAN_slave_of as string[])]) {
      store.update('VLAN', vlan, { tagged_PIF: to });
      const untagged = String(store.get('VLAN', vlan).untagged_PIF);
      if (store.has('PIF', untagged)) store.update('PIF', untagged, { device });
    }
  }
}

/** Moves the VIFs of VMs running on `host` from the `from` networks to `to`. */
function moveVifs(engine: Engine, host: string, from: ReadonlySet<string>, to: string): void {
  const { store } = engine;
  for (const vm of store.get('host', host).resident_VMs as string[]) {
    for (const vif of store.get('VM', vm).VIFs as string[]) {
      if (from.has(String(store.get('VIF', vif).network))) store.update('VIF', vif, { network: to });
    }
  }
}

function chooseDeviceName(engine: Engine, host: string): string {
  const devices = new Set((engine.store.get('host', host).PIFs as string[]).map((p) => engine.store.get('PIF', p).device));
  let n = 0;
  while (devices.has(`bond${n}`)) n++;
  return `bond${n}`;
}

function checkProperties(mode: string, properties: Record<string, string>): Record<string, string> {
  if (!MODES.includes(mode)) fail('INVALID_VALUE', 'mode', mode);
  const hashing = properties.hashing_algorithm;
  if (hashing !== undefined && (mode !== 'lacp' || !HASHING.includes(hashing))) fail('INVALID_VALUE', 'hashing_algorithm', hashing);
  return mode === 'lacp' ? { hashing_algorithm: hashing ?? 'tcpudp_ports', lacp_time: properties.lacp_time ?? 'slow' } : {};
}

export function registerBond(engine: Engine): void {
  const r = engine.registry;
  const { store } = engine;

  r.implement('Bond', 'create', async (ctx, [network, members, mac, mode, properties]) => {
    const net = String(network);
    store.get('network', net);
    const pifs = [...new Set(((members ?? []) as unknown[]).map(String))];
    for (const pif of pifs) store.get('PIF', pif);
    if (pifs.length < 2) fail('PIF_BOND_NEEDS_MORE_MEMBERS');
    const hosts = new Set(pifs.map((p) => String(store.get('PIF', p).host)));
    if (hosts.size !== 1) fail('PIF_CANNOT_BOND_CROSS_HOST');
    const host = [...hosts][0]!;
    hostFaultsFor(engine).check(host, ctx.method);
    for (const pif of pifs) {
      const rec = store.get('PIF', pif);
      if (bonded(engine, rec)) fail('PIF_ALREADY_BONDED', pif);
      if (Number(rec.VLAN) !== -1) fail('PIF_IS_VLAN', pif);
    }
    const already = (store.get('network', net).PIFs as string[]).find((p) => store.get('PIF', p).host === host);
    if (already) fail('NETWORK_ALREADY_CONNECTED', net, already);
    const withIp = pifs.filter((p) => store.get('PIF', p).ip_configuration_mode !== 'None' && store.get('PIF', p).ip_configuration_mode !== undefined);
    if (withIp.length > 1) fail('PIF_BOND_MORE_THAN_ONE_IP');
    const macText = String(mac ?? '');
    if (macText !== '' && !MAC.test(macText)) fail('MAC_INVALID', macText);
    const m = String(mode ?? 'balance-slb');
    const props = checkProperties(m, (properties ?? {}) as Record<string, string>);
    await abortableDelay(engine.scaled(BOND_MS), engine.shutdownSignal);

    const management = pifs.find((p) => store.get('PIF', p).management === true);
    const primary = management ?? withIp[0] ?? pifs[0]!;
    const primaryRec = store.get('PIF', primary);
    const master = store.create('PIF', {
      uuid: randomUUID(), device: chooseDeviceName(engine, host), network: net, host, MAC: macText || primaryRec.MAC, MTU: store.get('network', net).MTU ?? 1500,
      VLAN: -1, metrics: NULL_REF, physical: false, currently_attached: false, ip_configuration_mode: 'None', IP: '', netmask: '', gateway: '', DNS: '',
      management: false, other_config: { 'bond-mode': m }, disallow_unplug: pifs.some((p) => store.get('PIF', p).disallow_unplug === true),
      ipv6_configuration_mode: 'None', IPv6: [], primary_address_type: 'IPv4', managed: true, properties: {}, capabilities: [],
    });
    const links = pifs.filter((p) => store.row('PIF_metrics', String(store.get('PIF', p).metrics))?.record.carrier === true).length;
    const bond = store.create('Bond', { uuid: randomUUID(), master, primary_slave: primary, mode: m, properties: props, other_config: {}, links_up: links, auto_update_mac: macText === '' });
    const memberNetworks = new Set(pifs.map((p) => String(store.get('PIF', p).network)));
    const wasAttached = pifs.some((p) => store.get('PIF', p).currently_attached === true);
    copyIpConfiguration(engine, primary, master);
    moveVlans(engine, pifs, master);
    moveVifs(engine, host, memberNetworks, net);
    if (management) moveManagement(engine, master);
    else if (wasAttached) store.update('PIF', master, { currently_attached: true });
    for (const pif of pifs) {
      store.update('PIF', pif, { bond_slave_of: bond, ip_configuration_mode: 'None', IP: '', netmask: '', gateway: '', DNS: '', management: false, disallow_unplug: false, currently_attached: false });
    }
    return bond;
  });

  r.implement('Bond', 'destroy', async (ctx, [bond]) => {
    const ref = String(bond);
    const rec = store.get('Bond', ref);
    const master = String(rec.master);
    const masterRec = store.get('PIF', master);
    const host = String(masterRec.host);
    hostFaultsFor(engine).check(host, ctx.method);
    const members = [...(rec.slaves as string[])];
    const primary = store.has('PIF', String(rec.primary_slave)) ? String(rec.primary_slave) : members[0]!;
    await abortableDelay(engine.scaled(BOND_MS), engine.shutdownSignal);
    copyIpConfiguration(engine, master, primary);
    moveVlans(engine, [master], primary);
    moveVifs(engine, host, new Set([String(masterRec.network)]), String(store.get('PIF', primary).network));
    for (const pif of members) store.update('PIF', pif, { bond_slave_of: NULL_REF, currently_attached: true });
    if (masterRec.management === true) moveManagement(engine, primary);
    store.update('PIF', primary, { disallow_unplug: masterRec.disallow_unplug === true });
    store.destroy('Bond', ref);
    store.destroy('PIF', master);
    return '';
  });

  r.implement('Bond', 'set_mode', (_ctx, [bond, mode]) => {
    const ref = String(bond);
    const rec = store.get('Bond', ref);
    const m = String(mode);
    const props = checkProperties(m, m === 'lacp' ? (rec.properties as Record<string, string>) : {});
    store.update('Bond', ref, { mode: m, properties: props });
    store.update('PIF', String(rec.master), { other_config: { ...(store.get('PIF', String(rec.master)).other_config as Record<string, string>), 'bond-mode': m } });
    return '';
  });

  r.implement('Bond', 'set_property', (_ctx, [bond, name, value]) => {
    const ref = String(bond);
    const rec = store.get('Bond', ref);
    const props = checkProperties(String(rec.mode), { ...(rec.properties as Record<string, string>), [String(name)]: String(value) });
    store.update('Bond', ref, { properties: { ...props, [String(name)]: String(value) } });
    return '';
  });
}
