/**
 * SR discovery and creation over the simulated storage network: SR.probe / probe_ext per driver with the iSCSI and
 * NFS discovery payloads, SR.create with device_config validation, PBD.plug failures on a chosen host, SMB
 * passwords through secrets, forget then reattach (disks found again) versus format, and VDI.pool_migrate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';

const GiB = 1024 ** 3;
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const rows = (cls: string): [string, Record<string, unknown>][] => [...pool.engine.store.rows(cls)].map((row) => [row.ref, row.record]);
const control = async (path: string, body: unknown): Promise<unknown> =>
  (await fetch(`${pool.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) })).json();
const hosts = (): string[] => pool.hosts.map((h) => h.ref);
const master = (): string => pool.hosts.find((h) => h.master)!.ref;
const srOfType = (type: string): [string, Record<string, unknown>] => rows('SR').find(([, sr]) => sr.type === type)!;
const pbdConfig = (sr: string): Record<string, string> => get('PBD', (get('SR', sr).PBDs as string[])[0]!).device_config as Record<string, string>;
const plugged = (sr: string): boolean[] => (get('SR', sr).PBDs as string[]).map((p) => get('PBD', p).currently_attached === true);

beforeAll(async () => {
  pool = await startSimulatedPool({ hosts: 3, vms: 6, seed: 7, baseAddress: '127.0.0.120', http: true, timeScale: 0.005 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('iSCSI discovery', () => {
  it('lists the portal\'s targets in SR_BACKEND_FAILURE_96, the LUNs in 107, then the SR on a LUN', async () => {
    const [srRef, sr] = srOfType('lvmoiscsi');
    const { target, targetIQN, SCSIid } = pbdConfig(srRef);
    const noIqn = await errorOf(call('SR.probe', master(), { target }, 'lvmoiscsi', {}));
    expect(noIqn.code).toBe('SR_BACKEND_FAILURE_96');
    expect(noIqn.params[1]).toBe('The request is missing or has an incorrect target IQN parameter');
    expect(noIqn.params[2]).toMatch(/^<\?xml version="1.0" \?>\n<iscsi-target-iqns>/);
    expect(noIqn.params[2]).toContain(targetIQN);

    const noLun = await errorOf(call('SR.probe', master(), { target, targetIQN }, 'lvmoiscsi', {}));
    expect(noLun.code).toBe('SR_BACKEND_FAILURE_107');
    const scsiIds = [...noLun.params[2]!.matchAll(/<SCSIid>\s*(\S+)\s*<\/SCSIid>/g)].map((m) => m[1]);
    expect(scsiIds).toContain(SCSIid);
    expect(scsiIds.length).toBe(2); // the SR's LUN and a free one

    const found = String(await call('SR.probe', master(), { target, targetIQN, SCSIid }, 'lvmoiscsi', {}));
    expect(found).toContain(`<UUID>\n\t\t\t${String(sr.uuid)}\n\t\t</UUID>`);
    const free = String(await call('SR.probe', master(), { target, targetIQN, SCSIid: scsiIds.find((id) => id !== SCSIid) }, 'lvmoiscsi', {}));
    expect(free).toBe('<?xml version="1.0" ?>\n<SRlist/>\n');

    const ext = (await call('SR.probe_ext', master(), { target, targetIQN, SCSIid }, 'lvmoiscsi', {})) as Record<string, unknown>[];
    expect(ext).toEqual([expect.objectContaining({ complete: true, sr: expect.objectContaining({ uuid: sr.uuid, name_label: sr.name_label, health: 'healthy' }) })]);
  });

  it('says when the portal does not answer, and asks CHAP credentials where the target wants them', async () => {
    expect((await errorOf(call('SR.probe', master(), { target: '10.255.0.1' }, 'lvmoiscsi', {}))).code).toBe('SR_BACKEND_FAILURE_141');
    expect((await errorOf(call('SR.probe', master(), {}, 'lvmoiscsi', {}))).code).toBe('SR_BACKEND_FAILURE_95');
    await control('/storage/iscsi/targets', { address: '10.0.21.5', iqn: 'iqn.2025-01.test:chap', chap: { user: 'init', password: 'sesame' }, luns: [{ size: 50 * GiB }] });
    expect((await errorOf(call('SR.probe', master(), { target: '10.0.21.5' }, 'lvmoiscsi', {}))).code).toBe('SR_BACKEND_FAILURE_68');
    const secret = String(await call('secret.create', { value: 'sesame' }));
    const chap = { target: '10.0.21.5', chapuser: 'init', chappassword_secret: String(get('secret', secret).uuid) };
    expect((await errorOf(call('SR.probe', master(), chap, 'lvmoiscsi', {}))).code).toBe('SR_BACKEND_FAILURE_96');
  });
});

describe('NFS and SMB SRs', () => {
  it('lists an NFS server\'s exports in SR_BACKEND_FAILURE_101 and creates a shared SR plugged on every host', async () => {
    const [nfsRef, nfs] = srOfType('nfs');
    const { server } = pbdConfig(nfsRef);
    const exports = await errorOf(call('SR.probe', master(), { server }, 'nfs', {}));
    expect(exports.code).toBe('SR_BACKEND_FAILURE_101');
    expect(exports.params[2]).toContain('<Path>\n\t\t\t/export/vms\n\t\t</Path>');
    expect(String(await call('SR.probe', master(), { server, serverpath: '/export/vms' }, 'nfs', {}))).toContain(String(nfs.uuid));
    expect((await errorOf(call('SR.probe', master(), { server: '10.255.9.9', serverpath: '/x' }, 'nfs', {}))).code).toBe('SR_BACKEND_FAILURE_108');
    expect((await errorOf(call('SR.create', master(), { server, serverpath: '/nope' }, '0', 'x', '', 'nfs', 'user', true, {}))).code).toBe('SR_BACKEND_FAILURE_73');

    const sr = String(await call('SR.create', master(), { server, serverpath: '/export/vms', nfsversion: '4.1' }, '0', 'New NFS', '', 'nfs', 'user', true, {}));
    expect((get('SR', sr).PBDs as string[]).map((p) => get('PBD', p).host).sort()).toEqual([...hosts()].sort());
    expect(plugged(sr)).toEqual([true, true, true]);
    // Two SRs on one export: the probe lists both.
    const listed = String(await call('SR.probe', master(), { server, serverpath: '/export/vms' }, 'nfs', {}));
    expect(listed).toContain(String(nfs.uuid));
    expect(listed).toContain(String(get('SR', sr).uuid));
  });

  it('leaves a PBD unplugged where plugging fails, keeps failing there until the fault is cleared', async () => {
    const member = hosts().find((h) => h !== master())!;
    await control('/faults/host-error', { host: member, method: 'PBD.plug', code: 'SR_BACKEND_FAILURE_47', params: ['', 'The SR is not available', ''] });
    const [nfsRef] = srOfType('nfs');
    const sr = String(await call('SR.create', master(), { ...pbdConfig(nfsRef) }, '0', 'Half plugged', '', 'nfs', 'user', true, {}));
    const pbd = (get('SR', sr).PBDs as string[]).find((p) => get('PBD', p).host === member)!;
    expect(get('PBD', pbd).currently_attached).toBe(false);
    expect(plugged(sr).filter(Boolean).length).toBe(2);
    expect((await errorOf(call('PBD.plug', pbd))).code).toBe('SR_BACKEND_FAILURE_47');
    await control('/faults/host-error', { host: member, method: 'PBD.plug' });
    await call('PBD.plug', pbd);
    expect(get('PBD', pbd).currently_attached).toBe(true);
  });

  it('mounts an SMB share with the password from a secret, copied for each member, all removed with the SR', async () => {
    const bad = String(await call('secret.create', { value: 'wrong' }));
    const badConfig = { server: '\\\\10.0.30.40\\vms', username: 'xenith', password_secret: String(get('secret', bad).uuid) };
    expect((await errorOf(call('SR.create', master(), badConfig, '0', 'SMB', '', 'smb', 'user', true, {}))).code).toBe('SR_BACKEND_FAILURE_111');
    const secret = String(await call('secret.create', { value: 'smb-password' }));
    const config = { server: '//10.0.30.40/vms', username: 'xenith', password_secret: String(get('secret', secret).uuid) };
    const sr = String(await call('SR.create', master(), config, '0', 'SMB', '', 'smb', 'user', true, {}));
    expect(plugged(sr)).toEqual([true, true, true]);
    const secretUuids = (get('SR', sr).PBDs as string[]).map((p) => (get('PBD', p).device_config as Record<string, string>).password_secret);
    expect(new Set(secretUuids).size).toBe(3);
    for (const pbd of get('SR', sr).PBDs as string[]) await call('PBD.unplug', pbd);
    await call('SR.forget', sr);
    for (const uuid of secretUuids) expect(pool.engine.store.refByUuid('secret', uuid!)).toBeUndefined();
  });
});

describe('forget, reattach and format', () => {
  it('reattaches a forgotten iSCSI SR with its disks; an introduce at the wrong place does not plug', async () => {
    const [srRef, sr] = srOfType('lvmoiscsi');
    const uuid = String(sr.uuid);
    const config = pbdConfig(srRef);
    const diskUuids = (sr.VDIs as string[]).map((v) => String(get('VDI', v).uuid)).sort();
    expect(diskUuids.length).toBeGreaterThan(0);
    for (const vm of rows('VM').filter(([, v]) => v.power_state === 'Running' && !v.is_control_domain).map(([ref]) => ref)) {
      await control(`/vms/${vm}/stop`, { hard: true });
    }
    for (const pbd of get('SR', srRef).PBDs as string[]) await call('PBD.unplug', pbd);
    await call('SR.forget', srRef);
    expect(pool.engine.store.refByUuid('SR', uuid)).toBeUndefined();
    expect(String(await call('SR.probe', master(), config, 'lvmoiscsi', {}))).toContain(uuid);

    const wrong = String(await call('SR.introduce', uuid, 'elsewhere', '', 'lvmoiscsi', 'user', true, {}));
    const spare = (await errorOf(call('SR.probe', master(), { ...config, SCSIid: '' }, 'lvmoiscsi', {}))).params[2]!;
    const otherLun = [...spare.matchAll(/<SCSIid>\s*(\S+)\s*<\/SCSIid>/g)].map((m) => m[1]!).find((id) => id !== config.SCSIid)!;
    const wrongPbd = String(await call('PBD.create', { SR: wrong, host: master(), device_config: { ...config, SCSIid: otherLun } }));
    expect((await errorOf(call('PBD.plug', wrongPbd))).code).toBe('SR_BACKEND_FAILURE_47');
    await call('PBD.destroy', wrongPbd);
    await call('SR.forget', wrong);

    const again = String(await call('SR.introduce', uuid, String(sr.name_label), '', 'lvmoiscsi', 'user', true, {}));
    for (const host of hosts()) {
      const pbd = String(await call('PBD.create', { SR: again, host, device_config: config }));
      await call('PBD.plug', pbd);
    }
    await call('SR.scan', again);
    expect((get('SR', again).VDIs as string[]).map((v) => String(get('VDI', v).uuid)).sort()).toEqual(diskUuids);
    expect(Number(get('SR', again).physical_size)).toBeGreaterThan(0);
  });

  it('formats a LUN that holds a forgotten SR: the old SR is gone from the storage', async () => {
    const [srRef, sr] = srOfType('lvmoiscsi');
    const config = pbdConfig(srRef);
    expect((await errorOf(call('SR.create', master(), config, '0', 'in use', '', 'lvmoiscsi', 'user', true, {}))).code).toBe('SR_BACKEND_FAILURE_16');
    for (const pbd of get('SR', srRef).PBDs as string[]) await call('PBD.unplug', pbd);
    await call('SR.forget', srRef);
    const fresh = String(await call('SR.create', master(), config, '0', 'Formatted', '', 'lvmoiscsi', 'user', true, {}));
    const listed = String(await call('SR.probe', master(), config, 'lvmoiscsi', {}));
    expect(listed).toContain(String(get('SR', fresh).uuid));
    expect(listed).not.toContain(String(sr.uuid));
    expect(get('SR', fresh).VDIs).toEqual([]);
  });
});

describe('VDI.pool_migrate', () => {
  it('moves a running VM\'s disk live to another SR; a disk no running VM uses is refused', async () => {
    const vm = rows('VM').find(([, v]) => !v.is_control_domain && !v.is_a_template && !v.is_a_snapshot && (v.VBDs as string[]).some((b) => get('VBD', b).type === 'Disk'))![0];
    const target = rows('SR').find(([, sr]) => sr.type === 'nfs' && sr.shared === true && (sr.PBDs as string[]).every((p) => get('PBD', p).currently_attached === true))![0];
    await control(`/vms/${vm}/start`, {});
    const vbd = (get('VM', vm).VBDs as string[]).find((b) => get('VBD', b).type === 'Disk')!;
    const vdi = String(get('VBD', vbd).VDI);
    const halted = rows('VDI').find(([, v]) => (v.VBDs as string[]).length === 0 && !v.is_a_snapshot && v.type === 'user')?.[0];
    if (halted) expect((await errorOf(call('VDI.pool_migrate', halted, target, {}))).code).toBe('VDI_NEEDS_VM_FOR_MIGRATE');
    const task = String(await call('Async.VDI.pool_migrate', vdi, target, {}));
    const done = await settleTask(call, task);
    expect(done.status).toBe('success');
    const moved = String(done.result).match(/OpaqueRef:[^<\s]+/)![0];
    expect(get('VBD', vbd)).toMatchObject({ VDI: moved, currently_attached: true });
    expect(get('VDI', moved).SR).toBe(target);
    expect(pool.engine.store.has('VDI', vdi)).toBe(false);
    expect(get('VM', vm).power_state).toBe('Running');
  });
});
