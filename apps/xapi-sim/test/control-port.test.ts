import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { SESSION_LIMITS } from '#sim/api/session-manager.js';
import { tinyPool } from './tiny-pool.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';

let pool: SimulatedPool;
const control = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const res = await fetch(`${pool.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  return (await res.json()) as Record<string, unknown>;
};
const login = (url = pool.masterUrl): Promise<string> => jsonRpc(url, 'session.login_with_password', ['root', 'xenith']).then(String);

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.92', '127.0.0.93']), http: true, timeScale: 0.01 });
});
afterAll(async () => pool?.stop());

describe('control port', () => {
  it('reports status and dumps the database as JSON', async () => {
    const status = await control('/status');
    expect((status.hosts as unknown[]).length).toBe(2);
    const db = await control('/db');
    const tables = db.tables as Record<string, Record<string, Record<string, unknown>>>;
    expect(Object.keys(tables.VM!).length).toBe(pool.engine.store.count('VM'));
    expect(tables.VM!['OpaqueRef:vm1']!.name_label).toBe('vm1');
  });

  it('fails the next call of a method with a given error, then recovers', async () => {
    const s = await login();
    await control('/faults/fail-next', { method: 'VM.get_all', code: 'HOST_OFFLINE', params: ['OpaqueRef:host1'] });
    expect(await errorOf(jsonRpc(pool.masterUrl, 'VM.get_all', [s]))).toMatchObject({ code: 'HOST_OFFLINE', params: ['OpaqueRef:host1'] });
    expect(Array.isArray(await jsonRpc(pool.masterUrl, 'VM.get_all', [s]))).toBe(true);
    await control('/faults/error', { method: 'VM.get_all', code: 'INTERNAL_ERROR', params: ['boom'] });
    expect((await errorOf(jsonRpc(pool.masterUrl, 'VM.get_all', [s]))).code).toBe('INTERNAL_ERROR');
    await control('/faults/clear', {});
    expect(Array.isArray(await jsonRpc(pool.masterUrl, 'VM.get_all', [s]))).toBe(true);
  });

  it('fails the task of the Async form of a method told to fail (fail-next and standing errors)', async () => {
    const s = await login();
    const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
    const asyncStart = async (): Promise<Record<string, unknown>> => settleTask(call, String(await call('Async.VM.start', 'OpaqueRef:vm1', false, false)));
    await control('/faults/fail-next', { method: 'VM.start', code: 'HOST_NOT_ENOUGH_FREE_MEMORY', params: ['4294967296', '1073741824'] });
    const failed = await asyncStart();
    expect(failed).toMatchObject({ status: 'failure', error_info: ['HOST_NOT_ENOUGH_FREE_MEMORY', '4294967296', '1073741824'] });
    expect(pool.engine.store.get('VM', 'OpaqueRef:vm1').power_state).toBe('Halted');
    await control('/faults/error', { method: 'VM.start', code: 'VM_REQUIRES_SR', params: ['OpaqueRef:vm1', 'OpaqueRef:sr1'] });
    expect(await asyncStart()).toMatchObject({ status: 'failure', error_info: ['VM_REQUIRES_SR', 'OpaqueRef:vm1', 'OpaqueRef:sr1'] });
    expect((await errorOf(call('VM.start', 'OpaqueRef:vm1', false, false))).code).toBe('VM_REQUIRES_SR');
    await control('/faults/clear', {});
    expect(await asyncStart()).toMatchObject({ status: 'success' });
    expect(pool.engine.store.get('VM', 'OpaqueRef:vm1').power_state).toBe('Running');
    await call('VM.hard_shutdown', 'OpaqueRef:vm1');
  });

  it('fixes how long a method\'s operation takes (real ms, any time scale); task.cancel stops it with nothing left behind', async () => {
    const s = await login();
    const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
    const counts = (): number[] => ['VM', 'VDI', 'VBD', 'VIF'].map((c) => pool.engine.store.count(c));
    await control('/faults/duration', { method: 'VM.copy', ms: 1200 });
    const before = counts();
    const task = String(await call('Async.VM.copy', 'OpaqueRef:vm2', 'long copy', 'OpaqueRef:NULL'));
    await new Promise((r) => setTimeout(r, 700));
    const running = pool.engine.store.get('task', task);
    expect(running.status).toBe('pending');
    expect(running.progress as number).toBeGreaterThan(0.2);
    expect(pool.engine.store.get('VM', 'OpaqueRef:vm2').current_operations).toEqual({ [task]: 'copy' });
    await call('task.cancel', task);
    const cancelled = await settleTask(call, task);
    expect(cancelled).toMatchObject({ status: 'cancelled', error_info: ['TASK_CANCELLED', task] });
    expect(pool.engine.store.get('VM', 'OpaqueRef:vm2').current_operations).toEqual({});
    expect(counts()).toEqual(before);

    const started = Date.now();
    const done = await settleTask(call, String(await call('Async.VM.copy', 'OpaqueRef:vm2', 'full copy', 'OpaqueRef:NULL')));
    expect(done.status).toBe('success');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1150);
    await control('/faults/duration', { method: 'VM.copy', ms: 0 });
    const quick = Date.now();
    expect((await settleTask(call, String(await call('Async.VM.copy', 'OpaqueRef:vm2', 'quick copy', 'OpaqueRef:NULL')))).status).toBe('success');
    expect(Date.now() - quick).toBeLessThan(1000);
  });

  it('starts and stops VMs', async () => {
    const started = await control('/vms/OpaqueRef:vm1/start', {});
    expect(started.power_state).toBe('Running');
    const stopped = await control('/vms/OpaqueRef:vm1/stop', {});
    expect(stopped.power_state).toBe('Halted');
  });

  it('streams changes that reach event.from', async () => {
    const s = await login();
    const { token } = (await jsonRpc(pool.masterUrl, 'event.from', [s, ['vm'], '', 0.01])) as { token: string };
    await control('/changes/stream', { perSecond: 200 });
    const batch = (await jsonRpc(pool.masterUrl, 'event.from', [s, ['vm'], token, 10])) as { events: { operation: string }[] };
    await control('/changes/stream', { perSecond: 0 });
    expect(batch.events.length).toBeGreaterThan(0);
    expect(batch.events.every((e) => e.operation === 'mod')).toBe(true);
  });

  it('promotes a member to master: the old master then answers HOST_IS_SLAVE', async () => {
    const [h1, h2] = pool.hosts;
    await control(`/hosts/${h2!.ref}/promote`, {});
    expect(await errorOf(login(h1!.url))).toMatchObject({ code: 'HOST_IS_SLAVE', params: [h2!.address] });
    const s = await login(h2!.url);
    expect(await jsonRpc(h2!.url, 'pool.get_master', [s, pool.engine.poolRef()])).toBe(h2!.ref);
    await control(`/hosts/${h1!.ref}/promote`, {});
    expect(typeof (await login(h1!.url))).toBe('string');
  });

  it('creates alerts that show up in event.from and message.get_since', async () => {
    const s = await login();
    const { token } = (await jsonRpc(pool.masterUrl, 'event.from', [s, ['message'], '', 0.01])) as { token: string };
    const { ref } = (await control('/alerts', { name: 'VM_CRASHED', body: 'gone' })) as { ref: string };
    const batch = (await jsonRpc(pool.masterUrl, 'event.from', [s, ['message'], token, 5])) as { events: { ref: string; operation: string; snapshot: { name: string; priority: number } }[] };
    expect(batch.events).toMatchObject([{ ref, operation: 'add', snapshot: { name: 'VM_CRASHED', priority: pool.engine.schema.alerts.VM_CRASHED } }]);
    const since = (await jsonRpc(pool.masterUrl, 'message.get_since', [s, '19700101T00:00:00Z'])) as Record<string, unknown>;
    expect(Object.keys(since)).toContain(ref);
    await jsonRpc(pool.masterUrl, 'message.destroy', [s, ref]);
    expect(pool.engine.store.has('message', ref)).toBe(false);
  });

  it('kills and restarts a host', async () => {
    const member = pool.hosts.find((h) => !h.master)!;
    await control(`/hosts/${member.ref}/kill`, {});
    await expect(fetch(`${member.url}/jsonrpc`, { method: 'POST', body: '{}' })).rejects.toThrow();
    const metrics = pool.engine.store.get('host', member.ref).metrics as string;
    expect(pool.engine.store.get('host_metrics', metrics).live).toBe(false);
    const s = await login();
    expect(await errorOf(jsonRpc(pool.masterUrl, 'VM.start_on', [s, 'OpaqueRef:vm2', member.ref, false, false]))).toMatchObject({ code: 'HOST_OFFLINE' });
    await control(`/hosts/${member.ref}/restart`, {});
    expect(await errorOf(login(member.url))).toMatchObject({ code: 'HOST_IS_SLAVE' });
  });
});

describe('sessions', () => {
  it('destroys the oldest sessions of a group beyond its limit', async () => {
    const first = await login();
    for (let i = 0; i < SESSION_LIMITS.anonymousRoot; i++) pool.engine.sessions.login({ uname: 'root', pwd: 'xenith', hostRef: pool.engine.masterRef });
    expect(await errorOf(jsonRpc(pool.masterUrl, 'VM.get_all', [first]))).toMatchObject({ code: 'SESSION_INVALID', params: [first] });
    const withOriginator = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith', '1.0', 'xenith-test']));
    expect(Array.isArray(await jsonRpc(pool.masterUrl, 'VM.get_all', [withOriginator]))).toBe(true);
  });

  it('counts live sessions by originator in /status, and forgets one at logout', async () => {
    const before = (await control('/status')).sessions as { live: number; byOriginator: Record<string, number> };
    const session = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith', '1.0', 'status-test']));
    const during = (await control('/status')).sessions as typeof before;
    expect(during.byOriginator['status-test']).toBe(1);
    expect(during.live).toBe(before.live + 1);
    await jsonRpc(pool.masterUrl, 'session.logout', [session]);
    const after = (await control('/status')).sessions as typeof before;
    expect(after.byOriginator['status-test'] ?? 0).toBe(0);
    expect(after.live).toBe(before.live);
  });
});

describe('certificates', () => {
  it('keeps the same fingerprint across restarts with a state directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xapi-sim-state-'));
    try {
      const a = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.102', '127.0.0.103']), stateDir: dir });
      const fp = a.hosts.map((h) => h.fingerprint);
      await a.stop();
      const b = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.102', '127.0.0.103']), stateDir: dir });
      expect(b.hosts.map((h) => h.fingerprint)).toEqual(fp);
      expect(fp[0]).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      expect(fp[0]).not.toBe(fp[1]);
      await b.stop();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
