/**
 * XenCenter's maintenance mode on a generated pool (the demo pool e2e tests use): VM.assert_can_boot_here gives the
 * real reasons a VM cannot go somewhere, host.get_vms_which_prevent_evacuation names the VMs that keep a host busy
 * (local disks, wrong power state), and once those are shut down: disable + MAINTENANCE_MODE + evacuate moves every
 * other guest away; enable brings the host back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';

const GiB = 1024 ** 3;
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
type Rec = Record<string, unknown>;
const get = (cls: string, ref: string): Rec => pool.engine.store.get(cls, ref);
const guestsOn = (host: string): string[] => (get('host', host).resident_VMs as string[]).filter((vm) => get('VM', vm).is_control_domain === false);
/** Refs of the SRs holding a VM's disks. */
const diskSrs = (vm: string): string[] => (get('VM', vm).VBDs as string[]).map((b) => get('VBD', b)).filter((b) => b.type === 'Disk').map((b) => String(get('VDI', String(b.VDI)).SR));
const isShared = (sr: string): boolean => get('SR', sr).shared === true;

beforeAll(async () => {
  pool = await startSimulatedPool({ hosts: 3, vms: 20, seed: 1, baseAddress: '127.0.0.218', http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('maintenance mode on a generated pool', () => {
  it('assert_can_boot_here explains why a VM cannot go to a host', async () => {
    const hosts = pool.engine.store.refs('host');
    const local = [...pool.engine.store.rows('VM')].find((r) => r.record.power_state === 'Running' && !r.record.is_control_domain && diskSrs(r.ref).some((sr) => !isShared(sr)))!;
    const other = hosts.find((h) => h !== local.record.resident_on)!;
    const localSr = diskSrs(local.ref).find((sr) => !isShared(sr))!;
    expect(await errorOf(call('VM.assert_can_boot_here', local.ref, other))).toMatchObject({ code: 'VM_REQUIRES_SR', params: [local.ref, localSr] });

    const halted = [...pool.engine.store.rows('VM')].find((r) => r.record.power_state === 'Halted' && !r.record.is_a_template && diskSrs(r.ref).every(isShared))!;
    expect(await call('VM.assert_can_boot_here', halted.ref, other)).toBe('');
    await call('VM.set_memory_limits', halted.ref, GiB, 4096 * GiB, 4096 * GiB, 4096 * GiB);
    const tooBig = await errorOf(call('VM.assert_can_boot_here', halted.ref, other));
    expect(tooBig.code).toBe('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(Number(tooBig.params[0])).toBeGreaterThan(Number(tooBig.params[1]));
    await call('VM.set_memory_limits', halted.ref, GiB, GiB, GiB, GiB);
    await call('host.disable', other);
    expect(await errorOf(call('VM.assert_can_boot_here', halted.ref, other))).toMatchObject({ code: 'HOST_DISABLED', params: [other] });
    expect(await errorOf(call('VM.start_on', halted.ref, other, false, false))).toMatchObject({ code: 'HOST_DISABLED', params: [other] });
    await call('host.enable', other);
  });

  it('lists the VMs that prevent evacuation, then evacuates the rest once those are shut down', async () => {
    const host = pool.engine.store.refs('host').find((h) => guestsOn(h).length >= 3)!;
    const preventing = (await call('host.get_vms_which_prevent_evacuation', host)) as Record<string, string[]>;
    expect(Object.keys(preventing).length).toBeGreaterThan(0);
    for (const [vm, error] of Object.entries(preventing)) {
      expect(guestsOn(host)).toContain(vm);
      expect(['VM_REQUIRES_SR', 'VM_BAD_POWER_STATE']).toContain(error[0]);
      expect(error[1]).toBe(vm);
    }
    for (const vm of Object.keys(preventing)) await call('VM.hard_shutdown', vm);
    const moving = guestsOn(host);
    expect(moving.length).toBeGreaterThan(0);
    expect(await call('host.get_vms_which_prevent_evacuation', host)).toEqual({});

    // XenCenter's Enter Maintenance Mode: disable, mark, evacuate.
    await call('host.disable', host);
    await call('host.add_to_other_config', host, 'MAINTENANCE_MODE', 'true');
    const task = await settleTask(call, String(await call('Async.host.evacuate', host)));
    expect(task.status).toBe('success');
    expect(guestsOn(host)).toEqual([]);
    for (const vm of moving) {
      expect(get('VM', vm).power_state).toBe('Running');
      expect(get('VM', vm).resident_on).not.toBe(host);
    }
    expect(get('host', host)).toMatchObject({ enabled: false, other_config: expect.objectContaining({ MAINTENANCE_MODE: 'true' }) });

    // Exit Maintenance Mode: enable, unmark; the host takes VMs again.
    await call('host.remove_from_other_config', host, 'MAINTENANCE_MODE');
    await call('host.enable', host);
    await call('VM.pool_migrate', moving[0], host, {});
    expect(get('VM', moving[0]!).resident_on).toBe(host);
  });
});
