import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const task = (ref: string): Record<string, unknown> => pool.engine.store.get('task', ref);
const vm = (ref: string): Record<string, unknown> => pool.engine.store.get('VM', ref);

const settle = (taskRef: string): Promise<Record<string, unknown>> => settleTask(call, taskRef);

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.72', '127.0.0.73']), http: true, timeScale: 0.02 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('tasks', () => {
  it('Async calls create a task named after the wire name whose progress advances and whose result is an XML-RPC value', async () => {
    const t = String(await call('Async.VM.start', 'OpaqueRef:vm1', false, false));
    expect(task(t)).toMatchObject({ name_label: 'Async.VM.start', status: 'pending', resident_on: pool.engine.masterRef });
    expect(vm('OpaqueRef:vm1').current_operations).toEqual({ [t]: 'start' });
    expect(vm('OpaqueRef:vm1').allowed_operations).toEqual([]);
    const seen = new Set<number>();
    let token = '';
    while (task(t).status === 'pending') {
      const b = (await call('event.from', [`task/${t}`], token, 5)) as { token: string; events: { snapshot?: { progress: number } }[] };
      token = b.token;
      for (const e of b.events) if (e.snapshot) seen.add(e.snapshot.progress);
    }
    expect([...seen].some((p) => p > 0 && p < 1)).toBe(true);
    expect(task(t)).toMatchObject({ status: 'success', progress: 1, result: '', allowed_operations: [] });
    expect(vm('OpaqueRef:vm1').current_operations).toEqual({});
    expect(vm('OpaqueRef:vm1').allowed_operations).toContain('clean_shutdown');
    const created = String(await call('Async.network.create', { name_label: 'via async' }));
    const done = await settle(created);
    expect(done.status).toBe('success');
    expect(done.result).toMatch(/^<value>OpaqueRef:[0-9a-f-]+<\/value>$/);
  });

  it('task.cancel makes a long operation fail with TASK_CANCELLED and status cancelled', async () => {
    await call('VM.set_name_description', 'OpaqueRef:vm2', '');
    pool.engine.config.timeScale = 1; // a 5 s start: long enough to cancel
    const t = String(await call('Async.VM.start', 'OpaqueRef:vm2', false, false));
    await call('task.cancel', t);
    const cur = task(t).current_operations as Record<string, string>;
    expect(Object.values(cur)).toContain('cancel');
    const done = await settle(t);
    pool.engine.config.timeScale = 0.02;
    expect(done.status).toBe('cancelled');
    expect(done.error_info).toEqual(['TASK_CANCELLED', t]);
    expect(vm('OpaqueRef:vm2').power_state).toBe('Halted');
    expect(vm('OpaqueRef:vm2').current_operations).toEqual({});
  });

  it('failed Async calls put the error in error_info; task.create/destroy manage client tasks', async () => {
    const t = String(await call('Async.VM.clean_shutdown', 'OpaqueRef:vm3'));
    const done = await settle(t);
    expect(done).toMatchObject({ status: 'failure', error_info: ['VM_BAD_POWER_STATE', 'OpaqueRef:vm3', 'running', 'halted'] });
    const own = String(await call('task.create', 'Xapi#getResource /export', ''));
    expect(task(own)).toMatchObject({ name_label: 'Xapi#getResource /export', status: 'pending' });
    await call('task.destroy', own);
    expect(Object.values(task(own).current_operations as object)).toContain('destroy'); // unfinished: only marked
    await call('task.cancel', own);
    expect(task(own).status).toBe('cancelled');
    await call('task.destroy', own);
    expect(pool.engine.store.has('task', own)).toBe(false);
  });
});

describe('VM power lifecycle', () => {
  it('reports power-state errors with [vm, expected, actual]', async () => {
    expect(await errorOf(call('VM.unpause', 'OpaqueRef:vm3'))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm3', 'paused', 'halted'] });
    expect(await errorOf(call('VM.resume', 'OpaqueRef:vm3', false, false))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm3', 'suspended', 'halted'] });
    expect(await errorOf(call('VM.start', 'OpaqueRef:dom0-1', false, false))).toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
  });

  it('refuses a second operation while one is in progress', async () => {
    pool.engine.config.timeScale = 1;
    const t = String(await call('Async.VM.start', 'OpaqueRef:vm3', false, false));
    const err = await errorOf(call('VM.start', 'OpaqueRef:vm3', false, false));
    expect(err).toMatchObject({ code: 'OTHER_OPERATION_IN_PROGRESS', params: ['VM', 'OpaqueRef:vm3', 'start', t] });
    await call('task.cancel', t);
    await settle(t);
    pool.engine.config.timeScale = 0.02;
  });

  it('walks start, pause, unpause, suspend, resume, reboot and shutdown with consoles, metrics and residency', async () => {
    const ref = 'OpaqueRef:vm3';
    // host2 does not see the VM's disk until the SR gets a PBD there.
    expect(await errorOf(call('VM.start_on', ref, 'OpaqueRef:host2', false, false))).toMatchObject({ code: 'VM_REQUIRES_SR', params: [ref, 'OpaqueRef:sr1'] });
    await call('PBD.create', { SR: 'OpaqueRef:sr1', host: 'OpaqueRef:host2', currently_attached: true, device_config: {} });
    await call('VM.start_on', ref, 'OpaqueRef:host2', false, false);
    expect(vm(ref)).toMatchObject({ power_state: 'Running', resident_on: 'OpaqueRef:host2' });
    expect(pool.engine.store.get('host', 'OpaqueRef:host2').resident_VMs).toContain(ref);
    const consoles = (vm(ref).consoles as string[]).map((c) => pool.engine.store.get('console', c));
    expect(consoles.map((c) => c.protocol).sort()).toEqual(['rfb', 'vt100']);
    expect(consoles[0]!.location).toBe(`https://127.0.0.73/console?uuid=${String(consoles[0]!.uuid)}`);
    const metrics = pool.engine.store.get('VM_metrics', vm(ref).metrics as string);
    expect(metrics).toMatchObject({ memory_actual: 4 * 1024 ** 3, VCPUs_number: 2 });
    const free = Number(await call('host.compute_free_memory', 'OpaqueRef:host2'));
    expect(free).toBe(16 * 1024 ** 3 - 256 * 1024 ** 2 - 2 * 1024 ** 3 - 4 * 1024 ** 3);
    await call('VM.pause', ref);
    expect(vm(ref).power_state).toBe('Paused');
    expect(vm(ref).allowed_operations).toContain('unpause');
    await call('VM.unpause', ref);
    await call('VM.suspend', ref);
    expect(vm(ref)).toMatchObject({ power_state: 'Suspended', resident_on: 'OpaqueRef:NULL', consoles: [] });
    await call('VM.resume', ref, false, false);
    expect(vm(ref).power_state).toBe('Running');
    const domid = vm(ref).domid as number;
    await call('VM.clean_reboot', ref);
    expect(vm(ref).domid).not.toBe(domid);
    await call('VM.clean_shutdown', ref);
    expect(vm(ref)).toMatchObject({ power_state: 'Halted', resident_on: 'OpaqueRef:NULL', consoles: [] });
    expect(pool.engine.store.count('console')).toBe(2 * (pool.engine.store.refs('VM').filter((v) => vm(v).power_state === 'Running' && !vm(v).is_control_domain).length));
  });

  it('refuses to start a VM that fits on no host with HOST_NOT_ENOUGH_FREE_MEMORY [needed, available]', async () => {
    // A single-field setter keeps XAPI's rule static_min <= dynamic_min <= dynamic_max <= static_max.
    expect((await errorOf(call('VM.set_memory_dynamic_max', 'OpaqueRef:vm2', String(64 * 1024 ** 3)))).code).toBe('MEMORY_CONSTRAINT_VIOLATION');
    const big = String(64 * 1024 ** 3);
    await call('VM.set_memory_limits', 'OpaqueRef:vm2', String(1024 ** 3), big, big, big);
    const err = await errorOf(call('VM.start', 'OpaqueRef:vm2', false, false));
    expect(err.code).toBe('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(err.params[0]).toBe(String(64 * 1024 ** 3));
    expect(Number(err.params[1])).toBeLessThan(64 * 1024 ** 3);
  });
});
