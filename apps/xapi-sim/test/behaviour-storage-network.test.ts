/** Storage and network behaviour: VDI, VBD (disks and CDs), PBD, SR, network, VIF and VLAN. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

const GiB = 1024 ** 3;
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const sums = (sr: string): { virtual: number; physical: number } => {
  const vdis = (get('SR', sr).VDIs as string[]).map((v) => get('VDI', v));
  return { virtual: vdis.reduce((n, v) => n + Number(v.virtual_size), 0), physical: vdis.reduce((n, v) => n + Number(v.physical_utilisation), 0) };
};
const expectConsistent = (sr: string): void => {
  const { virtual, physical } = sums(sr);
  expect(get('SR', sr)).toMatchObject({ virtual_allocation: virtual, physical_utilisation: physical });
};

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.184', '127.0.0.185']), http: true, timeScale: 0.005 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('SRs and VDIs', () => {
  let lvm: string;
  it('creates an SR with a plugged PBD per host when shared, scans it and refuses to forget it while plugged', async () => {
    const target = await fetch(`${pool.controlUrl}/storage/iscsi/targets`, {
      method: 'POST', body: JSON.stringify({ address: '10.9.9.9', iqn: 'iqn.2025-01.test:shared', luns: [{ size: 100 * GiB }] }),
    }).then((r) => r.json() as Promise<{ luns: { scsiId: string }[] }>);
    const config = { target: '10.9.9.9', targetIQN: 'iqn.2025-01.test:shared', SCSIid: target.luns[0]!.scsiId };
    lvm = String(await call('SR.create', 'OpaqueRef:host1', config, '0', 'Shared LVM', '', 'lvmoiscsi', 'user', true, {}));
    const pbds = (get('SR', lvm).PBDs as string[]).map((p) => get('PBD', p));
    expect(pbds.map((p) => p.host).sort()).toEqual(['OpaqueRef:host1', 'OpaqueRef:host2']);
    expect(pbds.every((p) => p.currently_attached === true)).toBe(true);
    await call('SR.scan', lvm);
    expect(await errorOf(call('SR.forget', lvm))).toMatchObject({ code: 'SR_HAS_PBD', params: [lvm] });
  });

  it('creates, resizes, clones, copies and destroys VDIs with SR totals always equal to the VDI sums', async () => {
    const v = String(await call('VDI.create', { SR: lvm, name_label: 'data', virtual_size: String(10 * GiB), type: 'user', sharable: false, read_only: false, other_config: {} }));
    expect(get('VDI', v)).toMatchObject({ virtual_size: 10 * GiB, physical_utilisation: 10 * GiB + 8 * 1024 ** 2, SR: lvm });
    expectConsistent(lvm);
    expect(await errorOf(call('VDI.resize', v, String(5 * GiB)))).toMatchObject({ code: 'VDI_TOO_SMALL', params: [v, String(10 * GiB)] });
    await call('VDI.resize', v, String(20 * GiB));
    expect(get('VDI', v).virtual_size).toBe(20 * GiB);
    expectConsistent(lvm);
    const big = await errorOf(call('VDI.create', { SR: lvm, name_label: 'too big', virtual_size: String(200 * GiB), type: 'user' }));
    expect(big.code).toBe('SR_FULL');
    const clone = String(await call('VDI.clone', v, {}));
    expect((get('VDI', clone).sm_config as Record<string, string>)['vhd-parent']).toBe(get('VDI', v).uuid);
    const snap = String(await call('VDI.snapshot', v, {}));
    expect(get('VDI', snap)).toMatchObject({ is_a_snapshot: true, snapshot_of: v });
    const copy = String(await call('VDI.copy', v, 'OpaqueRef:sr1', 'OpaqueRef:NULL', 'OpaqueRef:NULL'));
    expect(get('VDI', copy)).toMatchObject({ SR: 'OpaqueRef:sr1', virtual_size: 20 * GiB });
    expectConsistent('OpaqueRef:sr1');
    await call('VDI.destroy', clone);
    expect(pool.engine.store.has('VDI', clone)).toBe(false);
    expectConsistent(lvm);
  });

  it('refuses to destroy a VDI attached to a running VM; unplugging its PBD is refused too', async () => {
    await call('VM.start', 'OpaqueRef:vm1', false, false);
    expect(get('VBD', 'OpaqueRef:vbd1').currently_attached).toBe(true);
    expect(await errorOf(call('VDI.destroy', 'OpaqueRef:vdi1'))).toMatchObject({ code: 'VDI_IN_USE', params: ['OpaqueRef:vdi1', 'destroy'] });
    expect(get('VDI', 'OpaqueRef:vdi1').allowed_operations).toEqual(expect.arrayContaining(['snapshot', 'resize_online']));
    expect(get('VDI', 'OpaqueRef:vdi1').allowed_operations).not.toContain('destroy');
    expect(get('VDI', 'OpaqueRef:vdi2').allowed_operations).toEqual(expect.arrayContaining(['destroy', 'resize']));
    expect(await errorOf(call('PBD.unplug', 'OpaqueRef:pbd1'))).toMatchObject({ code: 'VDI_IN_USE', params: ['OpaqueRef:vdi1', 'unplug'] });
  });
});

describe('VBDs', () => {
  it('hot-plugs a data disk on a running VM and keeps allowed_operations right', async () => {
    const vdi = String(await call('VDI.create', { SR: 'OpaqueRef:sr1', name_label: 'hot', virtual_size: String(GiB), type: 'user' }));
    const vbd = String(await call('VBD.create', { VM: 'OpaqueRef:vm1', VDI: vdi, userdevice: 'autodetect', bootable: false, mode: 'RW', type: 'Disk', unpluggable: true, empty: false, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} }));
    expect(get('VBD', vbd)).toMatchObject({ userdevice: '1', currently_attached: false });
    expect(get('VBD', vbd).allowed_operations).toContain('plug');
    await call('VBD.plug', vbd);
    expect(get('VBD', vbd).currently_attached).toBe(true);
    expect(get('VBD', vbd).allowed_operations).toContain('unplug');
    expect(await errorOf(call('VBD.plug', vbd))).toMatchObject({ code: 'DEVICE_ALREADY_ATTACHED', params: [vbd] });
    expect(await errorOf(call('VBD.destroy', vbd))).toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
    await call('VBD.unplug', vbd);
    expect(await errorOf(call('VBD.unplug', vbd))).toMatchObject({ code: 'DEVICE_ALREADY_DETACHED', params: [vbd] });
    await call('VBD.destroy', vbd);
    expect(pool.engine.store.has('VDI', vdi)).toBe(true);
    expect(await errorOf(call('VBD.plug', 'OpaqueRef:vbd2'))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm2', 'running', 'halted'] });
  });

  it('inserts and ejects CDs with the removable-media errors', async () => {
    const iso = String(await call('SR.create', 'OpaqueRef:host1', { location: '/opt/isos', legacy_mode: 'true' }, '0', 'ISO library', '', 'iso', 'iso', true, {}));
    const isoVdi = pool.engine.store.create('VDI', { SR: iso, name_label: 'debian.iso', virtual_size: GiB, type: 'user', read_only: true });
    const cd = String(await call('VBD.create', { VM: 'OpaqueRef:vm1', VDI: 'OpaqueRef:NULL', userdevice: '3', bootable: false, mode: 'RO', type: 'CD', unpluggable: true, empty: true, other_config: {} }));
    expect(get('VBD', cd)).toMatchObject({ empty: true });
    expect(get('VBD', cd).allowed_operations).toContain('insert');
    expect(await errorOf(call('VBD.eject', cd))).toMatchObject({ code: 'VBD_IS_EMPTY', params: [cd] });
    await call('VBD.insert', cd, isoVdi);
    expect(get('VBD', cd)).toMatchObject({ empty: false, VDI: isoVdi, currently_attached: true });
    expect(get('VBD', cd).allowed_operations).toContain('eject');
    expect(await errorOf(call('VBD.insert', cd, isoVdi))).toMatchObject({ code: 'VBD_NOT_EMPTY', params: [cd] });
    expect(await errorOf(call('VBD.insert', 'OpaqueRef:vbd1', isoVdi))).toMatchObject({ code: 'VBD_NOT_REMOVABLE_MEDIA', params: ['OpaqueRef:vbd1'] });
    await call('VBD.eject', cd);
    expect(get('VBD', cd)).toMatchObject({ empty: true, VDI: 'OpaqueRef:NULL' });
    expect(await errorOf(call('VBD.create', { VM: 'OpaqueRef:vm1', VDI: isoVdi, userdevice: '5', mode: 'RW', type: 'CD' }))).toMatchObject({ code: 'VBD_CDS_MUST_BE_READONLY', params: [] });
  });
});

describe('networks, VIFs and VLANs', () => {
  it('creates networks with xapi bridges, VIFs with generated MACs, and refuses to destroy networks in use', async () => {
    const net = String(await call('network.create', { name_label: 'internal', name_description: '', MTU: '1500', other_config: {} }));
    expect(get('network', net).bridge).toMatch(/^xapi\d+$/);
    const vif = String(await call('VIF.create', { device: '1', network: net, VM: 'OpaqueRef:vm1', MAC: '', MTU: '1500', other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} }));
    expect(get('VIF', vif)).toMatchObject({ MAC_autogenerated: true, currently_attached: false });
    expect(String(get('VIF', vif).MAC)).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    expect(await errorOf(call('VIF.create', { device: '1', network: net, VM: 'OpaqueRef:vm1', MAC: '' }))).toMatchObject({ code: 'DEVICE_ALREADY_EXISTS', params: ['1'] });
    await call('VIF.plug', vif);
    expect(await errorOf(call('network.destroy', net))).toMatchObject({ code: 'NETWORK_CONTAINS_VIF', params: [vif] });
    expect(await errorOf(call('network.destroy', 'OpaqueRef:net1'))).toMatchObject({ code: 'NETWORK_CONTAINS_PIF', params: ['OpaqueRef:pif1'] });
    await call('VIF.unplug', vif);
    await call('network.destroy', net);
    expect(pool.engine.store.has('VIF', vif)).toBe(false);
  });

  it('creates a VLAN on a physical PIF with an untagged PIF on the new network, and checks tags', async () => {
    const net = String(await call('network.create', { name_label: 'VLAN 42', name_description: '', MTU: '1500', other_config: {} }));
    const vlan = String(await call('VLAN.create', 'OpaqueRef:pif1', '42', net));
    const untagged = get('VLAN', vlan).untagged_PIF as string;
    expect(get('PIF', untagged)).toMatchObject({ VLAN: 42, network: net, host: 'OpaqueRef:host1', device: 'eth0', physical: false, VLAN_master_of: vlan });
    expect(get('PIF', 'OpaqueRef:pif1').VLAN_slave_of).toEqual([vlan]);
    expect(get('network', net).PIFs).toEqual([untagged]);
    expect(await errorOf(call('VLAN.create', 'OpaqueRef:pif1', '42', net))).toMatchObject({ code: 'PIF_VLAN_EXISTS', params: ['OpaqueRef:pif1'] });
    expect(await errorOf(call('VLAN.create', 'OpaqueRef:pif1', '5000', net))).toMatchObject({ code: 'VLAN_TAG_INVALID', params: ['5000'] });
    expect(await errorOf(call('VLAN.create', untagged, '7', net))).toMatchObject({ code: 'PIF_IS_VLAN', params: [untagged] });
    await call('VLAN.destroy', vlan);
    expect(pool.engine.store.has('PIF', untagged)).toBe(false);
  });

  it('pool.create_VLAN_from_PIF creates the VLAN on every host with that device, all or nothing', async () => {
    pool.engine.store.create('PIF', { device: 'eth0', host: 'OpaqueRef:host2', network: 'OpaqueRef:net1', physical: true, MAC: 'aa:00:00:00:00:02', VLAN: -1 });
    const net = String(await call('network.create', { name_label: 'VLAN 100', name_description: '', MTU: '1500', other_config: {} }));
    const pifs = (await call('pool.create_VLAN_from_PIF', 'OpaqueRef:pif1', net, '100')) as string[];
    expect(pifs.map((p) => get('PIF', p).host).sort()).toEqual(['OpaqueRef:host1', 'OpaqueRef:host2']);
    expect(pifs.every((p) => get('PIF', p).VLAN === 100 && get('PIF', p).network === net)).toBe(true);
    const before = pool.engine.store.count('VLAN');
    expect(await errorOf(call('pool.create_VLAN', 'eth0', net, '100'))).toMatchObject({ code: 'PIF_VLAN_EXISTS' });
    expect(pool.engine.store.count('VLAN')).toBe(before);
  });
});
