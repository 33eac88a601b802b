/**
 * Host networking: Bond.create / destroy moving the management interface, VLANs and VIFs, a Bond.create that
 * fails on one host (host fault), PIF.reconfigure_ip / plug / unplug checks, and host.management_reconfigure
 * moving the host's HTTPS server to its new address — or nowhere, for a host that never comes back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const control = async (path: string, body: unknown): Promise<unknown> =>
  (await fetch(`${pool.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
const pifOf = (host: string, device: string): string => (get('host', host).PIFs as string[]).find((p) => get('PIF', p).device === device && Number(get('PIF', p).VLAN) === -1)!;
const management = (host: string): string => (get('host', host).PIFs as string[]).find((p) => get('PIF', p).management === true)!;

/** Whether a host's server answers JSON-RPC at `address` (on the pool's port). */
async function answersAt(address: string): Promise<boolean> {
  const url = new URL(pool.masterUrl);
  try {
    await jsonRpc(`http://${address}:${url.port}`, 'session.login_with_password', ['root', 'xenith']);
    return true;
  } catch (e) {
    return e instanceof Error && 'code' in e && (e as { code: string }).code === 'HOST_IS_SLAVE';
  }
}

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('condition never held');
}

beforeAll(async () => {
  pool = await startSimulatedPool({ hosts: 3, vms: 6, seed: 9, baseAddress: '127.0.0.124', http: true, timeScale: 0.005 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('bonds', () => {
  it('bonds eth0 and eth1: the bond takes the management interface, its address and the VLANs; destroy puts them on the primary member', async () => {
    const host = pool.hosts[1]!.ref;
    const eth0 = pifOf(host, 'eth0');
    const eth1 = pifOf(host, 'eth1');
    const ip = get('PIF', eth0).IP;
    const vlans = get('PIF', eth1).VLAN_slave_of as string[];
    expect(vlans.length).toBeGreaterThan(0);
    const network = String(await call('network.create', { name_label: 'Bond 0+1', name_description: '', MTU: 1500, other_config: {}, tags: [] }));
    expect((await errorOf(call('Bond.create', network, [eth0], '', 'balance-slb', {}))).code).toBe('PIF_BOND_NEEDS_MORE_MEMBERS');
    expect((await errorOf(call('Bond.create', network, [eth0, pifOf(pool.hosts[2]!.ref, 'eth1')], '', 'balance-slb', {}))).code).toBe('PIF_CANNOT_BOND_CROSS_HOST');
    expect((await errorOf(call('Bond.create', network, [eth0, eth1], '', 'lacp', { hashing_algorithm: 'md5' }))).code).toBe('INVALID_VALUE');

    const bond = String(await call('Bond.create', network, [eth0, eth1], '', 'lacp', { hashing_algorithm: 'src_mac' }));
    const master = String(get('Bond', bond).master);
    expect(get('PIF', master)).toMatchObject({ device: 'bond0', network, management: true, IP: ip, ip_configuration_mode: 'Static', currently_attached: true });
    expect(get('Bond', bond)).toMatchObject({ mode: 'lacp', primary_slave: eth0, properties: { hashing_algorithm: 'src_mac', lacp_time: 'slow' } });
    expect((get('Bond', bond).slaves as string[]).sort()).toEqual([eth0, eth1].sort());
    expect(get('PIF', eth0)).toMatchObject({ management: false, ip_configuration_mode: 'None', bond_slave_of: bond });
    for (const vlan of vlans) expect(get('VLAN', vlan).tagged_PIF).toBe(master);
    expect(get('host', host).address).toBe(ip);
    expect((await errorOf(call('Bond.create', network, [eth0, eth1], '', 'balance-slb', {}))).code).toBe('PIF_ALREADY_BONDED');
    expect((await errorOf(call('PIF.plug', eth1))).code).toBe('CANNOT_PLUG_BOND_SLAVE');

    await call('Bond.destroy', bond);
    expect(pool.engine.store.has('PIF', master)).toBe(false);
    expect(get('PIF', eth0)).toMatchObject({ management: true, IP: ip, ip_configuration_mode: 'Static', currently_attached: true });
    // As xapi does, the VLANs come down onto the primary member.
    for (const vlan of vlans) expect(get('VLAN', vlan).tagged_PIF).toBe(eth0);
  });

  it('fails Bond.create on the host a fault names, and works on the others', async () => {
    const [, second, third] = pool.hosts.map((h) => h.ref);
    await control('/faults/host-error', { host: third, method: 'Bond.create', code: 'PIF_CONFIGURATION_ERROR', params: ['', 'interface-reconfigure failed'] });
    const network = String(await call('network.create', { name_label: 'Bond again', name_description: '', MTU: 1500, other_config: {}, tags: [] }));
    expect((await errorOf(call('Bond.create', network, [pifOf(third!, 'eth0'), pifOf(third!, 'eth1')], '', 'active-backup', {}))).code).toBe('PIF_CONFIGURATION_ERROR');
    const bond = String(await call('Bond.create', network, [pifOf(second!, 'eth0'), pifOf(second!, 'eth1')], '', 'active-backup', {}));
    await call('Bond.destroy', bond);
    await control('/faults/host-error', { host: third, method: 'Bond.create' });
  });
});

describe('IP configuration and the management interface', () => {
  it('checks addresses, refuses to strip the management PIF, and needs an address to manage through', async () => {
    const host = pool.hosts[2]!.ref;
    const eth1 = pifOf(host, 'eth1');
    expect((await errorOf(call('PIF.reconfigure_ip', eth1, 'Static', '10.0.0.300', '255.255.255.0', '', ''))).params).toEqual(['IP']);
    expect((await errorOf(call('PIF.reconfigure_ip', eth1, 'Static', '10.0.0.3', '255.0.255.0', '', ''))).params).toEqual(['netmask']);
    expect((await errorOf(call('PIF.reconfigure_ip', management(host), 'None', '', '', '', ''))).code).toBe('PIF_IS_MANAGEMENT_INTERFACE');
    expect((await errorOf(call('PIF.unplug', management(host)))).code).toBe('PIF_IS_MANAGEMENT_INTERFACE');
    expect((await errorOf(call('host.management_reconfigure', eth1))).code).toBe('PIF_HAS_NO_NETWORK_CONFIGURATION');
    await call('PIF.reconfigure_ip', eth1, 'DHCP', '', '', '', '');
    expect(get('PIF', eth1)).toMatchObject({ ip_configuration_mode: 'DHCP', IP: expect.stringMatching(/^10\./) });
    await call('PIF.unplug', eth1);
    expect(get('PIF', eth1).currently_attached).toBe(false);
    await call('PIF.plug', eth1);
    expect(get('PIF', eth1).currently_attached).toBe(true);
  });

  it('moves a member\'s server to its new management address', async () => {
    const host = pool.hosts[2]!.ref;
    const old = String(get('host', host).address);
    const eth1 = pifOf(host, 'eth1');
    await call('PIF.reconfigure_ip', eth1, 'Static', '127.0.0.127', '255.0.0.0', '', '');
    await call('host.management_reconfigure', eth1);
    expect(get('host', host).address).toBe('127.0.0.127');
    expect(get('PIF', eth1).management).toBe(true);
    await eventually(async () => (await answersAt('127.0.0.127')) && !(await answersAt(old)));
    // Back on eth0, through the master.
    await call('host.management_reconfigure', pifOf(host, 'eth0'));
    await eventually(async () => (await answersAt(old)) && !(await answersAt('127.0.0.127')));
  });

  it('a host that never comes back answers on neither address until it is given its old one again', async () => {
    const host = pool.hosts[1]!.ref;
    const old = String(get('host', host).address);
    await control('/faults/host-never-returns', { host });
    const eth0 = management(host);
    await call('PIF.reconfigure_ip', eth0, 'Static', '127.0.0.128', '255.0.0.0', '', '');
    expect(get('host', host).address).toBe('127.0.0.128');
    await eventually(async () => !(await answersAt(old)));
    expect(await answersAt('127.0.0.128')).toBe(false);
    await call('PIF.reconfigure_ip', eth0, 'Static', old, '255.0.0.0', '', '');
    await eventually(() => answersAt(old));
  });
});
