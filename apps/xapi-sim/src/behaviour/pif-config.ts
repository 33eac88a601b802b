/**
 * Host interfaces: PIF.reconfigure_ip (None / DHCP / Static, checked as xapi does: INVALID_IP_ADDRESS_SPECIFIED,
 * PIF_IS_MANAGEMENT_INTERFACE for None on the management PIF), PIF.plug / PIF.unplug (CANNOT_PLUG_BOND_SLAVE,
 * PIF_IS_MANAGEMENT_INTERFACE, PIF_DOES_NOT_ALLOW_UNPLUG) and host.management_reconfigure
 * (PIF_HAS_NO_NETWORK_CONFIGURATION, CANNOT_PLUG_BOND_SLAVE). A new management address moves the host's
 * HTTPS server there (host-address.ts). DHCP hands out stable addresses: the management PIF keeps its own.
 */
import type { Engine } from '../api/engine.js';
import { abortableDelay } from '../api/abortable-delay.js';
import type { DbRecord } from '../model/store.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { changeHostAddress } from './host-address.js';
import { hostFaultsFor } from './host-faults.js';

/** Simulated durations (ms before scaling). */
export const PIF_MS = { reconfigure: 1500, plug: 800, management: 1000 };

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;

/** Whether `mask` is a contiguous IPv4 netmask (255.255.255.0, 255.0.0.0 …). */
export function isNetmask(mask: string): boolean {
  if (!IPV4.test(mask)) return false;
  const bits = mask.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const inverted = ~bits >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

/** Fails with INVALID_IP_ADDRESS_SPECIFIED [param] unless every address is IPv4. */
function assertAddresses(param: string, value: string, optional: boolean): void {
  if (value === '' && optional) return;
  const ok = param === 'netmask' ? isNetmask(value) : value.split(',').every((part) => IPV4.test(part.trim()));
  if (!ok) fail('INVALID_IP_ADDRESS_SPECIFIED', param);
}

/** Makes `pif` its host's management interface (the others lose the flag). */
export function moveManagement(engine: Engine, pif: string): void {
  const { store } = engine;
  const rec = store.get('PIF', pif);
  for (const other of store.get('host', String(rec.host)).PIFs as string[]) {
    if (other !== pif && store.get('PIF', other).management === true) store.update('PIF', other, { management: false });
  }
  store.update('PIF', pif, { management: true, currently_attached: true });
}

/** A DHCP lease for a PIF without one: 10.<host index>.<n>.<n>, stable for the PIF. */
function dhcpAddress(engine: Engine, pifRef: string, rec: DbRecord): string {
  if (rec.IP) return String(rec.IP);
  const hosts = engine.store.refs('host');
  const h = Math.max(0, hosts.indexOf(String(rec.host))) + 1;
  const n = (engine.store.get('host', String(rec.host)).PIFs as string[]).indexOf(pifRef) + 10;
  return `10.${100 + h}.${n}.${n}`;
}

export function registerPifConfig(engine: Engine): void {
  const r = engine.registry;
  const { store } = engine;
  const delay = (ms: number): Promise<void> => abortableDelay(engine.scaled(ms), engine.shutdownSignal);

  r.implement('PIF', 'reconfigure_ip', async (ctx, [pif, mode, ip, netmask, gateway, dns]) => {
    const ref = String(pif);
    const rec = store.get('PIF', ref);
    hostFaultsFor(engine).check(String(rec.host), ctx.method);
    const m = String(mode);
    if (!['None', 'DHCP', 'Static'].includes(m)) fail('INVALID_VALUE', 'mode', m);
    if (rec.bond_slave_of !== NULL_REF && rec.bond_slave_of !== undefined && store.has('Bond', String(rec.bond_slave_of))) fail('PIF_ALREADY_BONDED', ref);
    if (m === 'None' && rec.management === true) fail('PIF_IS_MANAGEMENT_INTERFACE', ref);
    const fields: DbRecord = { ip_configuration_mode: m };
    if (m === 'Static') {
      assertAddresses('IP', String(ip ?? ''), false);
      assertAddresses('netmask', String(netmask ?? ''), false);
      assertAddresses('gateway', String(gateway ?? ''), true);
      assertAddresses('DNS', String(dns ?? ''), true);
      Object.assign(fields, { IP: String(ip), netmask: String(netmask), gateway: String(gateway ?? ''), DNS: String(dns ?? '') });
    } else if (m === 'DHCP') {
      Object.assign(fields, { IP: dhcpAddress(engine, ref, rec), netmask: rec.netmask || '255.255.255.0', gateway: rec.gateway ?? '', DNS: rec.DNS || '1.1.1.1' });
    } else {
      Object.assign(fields, { IP: '', netmask: '', gateway: '', DNS: '' });
    }
    await delay(PIF_MS.reconfigure);
    store.update('PIF', ref, fields);
    if (rec.management === true && fields.IP) changeHostAddress(engine, String(rec.host), String(fields.IP));
    return '';
  });

  r.implement('PIF', 'plug', async (ctx, [pif]) => {
    const ref = String(pif);
    const rec = store.get('PIF', ref);
    hostFaultsFor(engine).check(String(rec.host), ctx.method);
    if (rec.bond_slave_of !== NULL_REF && rec.bond_slave_of !== undefined && store.has('Bond', String(rec.bond_slave_of))) fail('CANNOT_PLUG_BOND_SLAVE', ref);
    if (rec.currently_attached === true) return '';
    await delay(PIF_MS.plug);
    store.update('PIF', ref, { currently_attached: true });
    return '';
  });

  r.implement('PIF', 'unplug', async (ctx, [pif]) => {
    const ref = String(pif);
    const rec = store.get('PIF', ref);
    hostFaultsFor(engine).check(String(rec.host), ctx.method);
    if (rec.management === true) fail('PIF_IS_MANAGEMENT_INTERFACE', ref);
    if (rec.disallow_unplug === true) fail('PIF_DOES_NOT_ALLOW_UNPLUG', ref);
    if (rec.currently_attached !== true) return '';
    await delay(PIF_MS.plug);
    store.update('PIF', ref, { currently_attached: false });
    return '';
  });

  r.implement('host', 'management_reconfigure', async (ctx, [pif]) => {
    const ref = String(pif);
    const rec = store.get('PIF', ref);
    const host = String(rec.host);
    hostFaultsFor(engine).check(host, ctx.method);
    if (rec.bond_slave_of !== NULL_REF && rec.bond_slave_of !== undefined && store.has('Bond', String(rec.bond_slave_of))) fail('CANNOT_PLUG_BOND_SLAVE', ref);
    if (rec.ip_configuration_mode === 'None' || !rec.IP) fail('PIF_HAS_NO_NETWORK_CONFIGURATION', ref);
    await delay(PIF_MS.management);
    moveManagement(engine, ref);
    changeHostAddress(engine, host, String(rec.IP));
    return '';
  });
}
