/**
 * XenServer 8.4 CDN updates (pool.sync_updates, GET /updates, host.apply_updates, pending guidances and what clears
 * them) on a generated XenServer pool, and the reboots a rolling update relies on: boot_time/agent_start_time move,
 * guidance clears, and the reboot-hang fault keeps a host down until it is cleared.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';

let pool: SimulatedPool;
let s: string;
let master: string;
let member: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const live = (host: string): unknown => get('host_metrics', get('host', host).metrics as string).live;
const control = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const res = await fetch(`${pool.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};
const listing = (query = ''): Promise<Response> => fetch(`${pool.masterUrl}/updates${query}`, { headers: { authorization: `Basic ${Buffer.from('root:xenith').toString('base64')}` } });

async function until(check: () => boolean): Promise<void> {
  let token = '';
  while (!check()) token = ((await call('event.from', ['host_metrics', 'host'], token, 5)) as { token: string }).token;
}

beforeAll(async () => {
  pool = await startSimulatedPool({ hosts: 2, vms: 4, seed: 7, http: true, timeScale: 0.002, baseAddress: '127.0.0.186', productBrand: 'XenServer' });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  master = pool.hosts.find((h) => h.master)!.ref;
  member = pool.hosts.find((h) => !h.master)!.ref;
});
afterAll(async () => pool?.stop());

describe('XenServer 8.4 CDN updates', () => {
  it('lists nothing before a sync; sync answers a hash; /updates names each host\'s updates with their guidance', async () => {
    expect((get('host', master).software_version as Record<string, string>).product_version).toBe('8.4.0');
    const before = await listing();
    expect(before.status).toBe(500);
    expect(await before.text()).toBe('GET_UPDATES_FAILED');
    await control('/updates/cdn/publish', { id: 'XS84E001', summary: 'Toolstack fix', guidance: { mandatory: ['RestartToolstack'] }, rpms: ['xapi-core-25.1.0-1.xs8.x86_64'] });
    await control('/updates/cdn/publish', { id: 'XS84E002', summary: 'Hypervisor fix', severity: 'High', type: 'security', guidance: { mandatory: ['RebootHost'], recommended: ['RestartDeviceModel'] } });
    const hash = String(await call('pool.sync_updates', pool.engine.poolRef(), false, '', '', '', ''));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const res = await listing(`?host_refs=${member}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { hash: string; hosts: { ref: string; guidance: Record<string, string[]>; updates: string[]; RPMS: string[] }[]; updates: { id: string; severity: string; guidance: Record<string, string[]> }[] };
    expect(body.hash).toBe(hash);
    expect(body.hosts).toHaveLength(1);
    expect(body.hosts[0]).toMatchObject({ ref: member, updates: ['XS84E001', 'XS84E002'], guidance: { mandatory: ['RebootHost', 'RestartToolstack'], recommended: ['RestartDeviceModel'], full: [], livepatch: [] } });
    expect(body.hosts[0]!.RPMS).toContain('xapi-core-25.1.0-1.xs8.x86_64');
    expect(body.updates.map((u) => [u.id, u.severity])).toEqual([['XS84E001', 'None'], ['XS84E002', 'High']]);
    expect((await fetch(`${pool.masterUrl}/updates`)).status).toBe(401);
  });

  it('apply_updates refuses a stale hash; applied, the host and its running VMs carry the guidance until honoured', async () => {
    const hash = String(await call('pool.sync_updates', pool.engine.poolRef(), false, '', '', '', ''));
    expect(await errorOf(call('host.apply_updates', master, 'not-the-hash'))).toMatchObject({ code: 'UPDATEINFO_HASH_MISMATCH' });
    const running = (get('host', master).resident_VMs as string[]).filter((vm) => get('VM', vm).is_control_domain === false && get('VM', vm).power_state === 'Running');
    const task = String(await call('Async.host.apply_updates', master, hash));
    const done = await settleTask(call, task);
    expect(done.status).toBe('success');
    expect(get('host', master)).toMatchObject({ pending_guidances: ['reboot_host', 'restart_toolstack'], last_update_hash: hash });
    for (const vm of running) expect(get('VM', vm).pending_guidances_recommended).toEqual(['restart_device_model']);
    expect(await control(`/updates/cdn/hosts/${master}`)).toEqual({ applied: ['XS84E001', 'XS84E002'], pending: [] });
    const after = (await (await listing(`?host_refs=${master}`)).json()) as { hosts: { updates: string[] }[] };
    expect(after.hosts[0]!.updates).toEqual([]);

    await call('host.restart_agent', master);
    expect(get('host', master).pending_guidances).toEqual(['reboot_host']);
    if (running[0]) {
      await call('VM.restart_device_models', running[0]);
      expect(get('VM', running[0]).pending_guidances_recommended).toEqual([]);
    }
  });

  it('sync_updates without an enabled update repository is NO_REPOSITORY_ENABLED', async () => {
    const poolRef = pool.engine.poolRef();
    const repos = get('pool', poolRef).repositories;
    pool.engine.store.update('pool', poolRef, { repositories: [] });
    expect(await errorOf(call('pool.sync_updates', poolRef, false, '', '', '', ''))).toMatchObject({ code: 'NO_REPOSITORY_ENABLED' });
    pool.engine.store.update('pool', poolRef, { repositories: repos });
  });
});

describe('reboots', () => {
  /** Evacuation is not under test here: the host's guests are simply shut down. */
  const emptyHost = async (host: string): Promise<void> => {
    for (const vm of get('host', host).resident_VMs as string[]) {
      if (get('VM', vm).is_control_domain === false && get('VM', vm).power_state !== 'Halted') await call('VM.hard_shutdown', vm);
    }
    await call('host.disable', host);
  };

  it('a reboot moves boot_time and agent_start_time and clears the host\'s pending guidance', async () => {
    await emptyHost(master);
    const before = get('host', master).other_config as Record<string, string>;
    await call('host.reboot', master);
    await until(() => live(master) === false);
    await until(() => live(master) === true);
    const after = get('host', master);
    const oc = after.other_config as Record<string, string>;
    expect(Number.parseFloat(oc.agent_start_time!)).toBeGreaterThan(Number.parseFloat(before.agent_start_time!));
    expect(Number.parseFloat(oc.boot_time!)).toBeGreaterThan(Number.parseFloat(before.boot_time!));
    expect(after).toMatchObject({ enabled: true, pending_guidances: [], updates_requiring_reboot: [] });
  });

  it('a host with the reboot-hang fault stays down until the fault is cleared, then boots', async () => {
    await emptyHost(member);
    expect(await control(`/hosts/${member}/reboot-fault`, { hang: true })).toEqual({ host: member, hang: true, parked: false });
    await call('host.reboot', member);
    await until(() => live(member) === false);
    // Far longer than a reboot takes at this time scale: it is still down.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(live(member)).toBe(false);
    expect(Object.values(get('host', member).current_operations as object)).toEqual(['reboot']);
    expect(await control(`/hosts/${member}/reboot-fault`)).toEqual({ host: member, hang: true, parked: true });
    await control(`/hosts/${member}/reboot-fault`, { hang: false });
    await until(() => live(member) === true);
    expect(get('host', member)).toMatchObject({ enabled: true, current_operations: {} });
  });
});
