/** VM snapshot schedules: checked records, assignment, snapshot_now, retention, alerts, and the time-scaled timer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { nextRunAfter } from '#sim/behaviour/vmss-schedule.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const scheduleSnapshots = (vm: string): string[] => (get('VM', vm).snapshots as string[]).filter((ref) => get('VM', ref).is_vmss_snapshot === true);
const alertsOf = (vmss: string, name: string) => [...pool.engine.store.rows('message')].filter((m) => m.record.obj_uuid === get('VMSS', vmss).uuid && m.record.name === name);

/** Resolves once `check` holds, re-checking on every change of the pool (no fixed sleeps). */
function until(check: () => boolean): Promise<void> {
  if (check()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = pool.engine.store.onChange(() => {
      if (!check()) return;
      stop();
      resolve();
    });
  });
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.188', '127.0.0.189']), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('VMSS records', () => {
  it('checks what it is created and set with, fills the schedule for its frequency, and cannot be destroyed while VMs are assigned', async () => {
    const bad = (record: Record<string, unknown>) => errorOf(call('VMSS.create', { name_label: 'x', type: 'snapshot', frequency: 'daily', retained_snapshots: 3, schedule: {}, ...record }));
    expect(await bad({ retained_snapshots: 11 })).toMatchObject({ code: 'INVALID_VALUE', params: ['retained_snapshots', '11'] });
    expect(await bad({ schedule: { min: '10' } })).toMatchObject({ code: 'INVALID_VALUE', params: ['schedule:min', '10'] });
    expect(await bad({ schedule: { days: 'Monday' } })).toMatchObject({ code: 'INVALID_VALUE', params: ['schedule:days', 'Monday'] });

    const vmss = String(await call('VMSS.create', { name_label: 'nightly', type: 'snapshot', frequency: 'daily', retained_snapshots: 3, schedule: { hour: '2' } }));
    expect(get('VMSS', vmss)).toMatchObject({ enabled: true, schedule: { hour: '2', min: '0' }, retained_snapshots: 3 });
    await call('VMSS.set_frequency', vmss, 'weekly');
    expect(get('VMSS', vmss).schedule).toEqual({ hour: '2', min: '0', days: 'Monday' });
    await call('VMSS.set_schedule', vmss, { days: 'friday,monday', min: '45' });
    expect(get('VMSS', vmss).schedule).toEqual({ hour: '2', min: '45', days: 'Friday,Monday' });
    await call('VMSS.set_frequency', vmss, 'hourly');
    expect(get('VMSS', vmss).schedule).toEqual({ min: '45' });
    expect(await errorOf(call('VMSS.set_retained_snapshots', vmss, 0))).toMatchObject({ code: 'INVALID_VALUE' });

    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm1', vmss);
    expect(get('VMSS', vmss).VMs).toEqual(['OpaqueRef:vm1']);
    expect(await errorOf(call('VM.set_snapshot_schedule', 'OpaqueRef:tpl1', vmss))).toMatchObject({ code: 'VM_IS_TEMPLATE' });
    // The VM is halted: a checkpoint schedule would not work for it.
    expect(await errorOf(call('VMSS.set_type', vmss, 'checkpoint'))).toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
    expect(await errorOf(call('VMSS.destroy', vmss))).toMatchObject({ code: 'VMSS_HAS_VM' });
    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm1', 'OpaqueRef:NULL');
    await call('VMSS.destroy', vmss);
    expect(pool.engine.store.has('VMSS', vmss)).toBe(false);
  });

  it('works out the next run of hourly, daily and weekly schedules (UTC)', () => {
    const at = Date.UTC(2026, 0, 7, 10, 20); // a Wednesday
    expect(new Date(nextRunAfter('hourly', { min: '15' }, at)).toISOString()).toBe('2026-01-07T11:15:00.000Z');
    expect(new Date(nextRunAfter('hourly', { min: '30' }, at)).toISOString()).toBe('2026-01-07T10:30:00.000Z');
    expect(new Date(nextRunAfter('daily', { hour: '2', min: '0' }, at)).toISOString()).toBe('2026-01-08T02:00:00.000Z');
    expect(new Date(nextRunAfter('weekly', { hour: '2', min: '0', days: 'Monday,Friday' }, at)).toISOString()).toBe('2026-01-09T02:00:00.000Z');
    expect(new Date(nextRunAfter('weekly', { hour: '23', min: '45', days: 'Wednesday' }, at)).toISOString()).toBe('2026-01-07T23:45:00.000Z');
  });
});

describe('VMSS runs', () => {
  it('snapshot_now snapshots every VM, keeps exactly the retention count of schedule snapshots, and says so in an alert', async () => {
    const vmss = String(await call('VMSS.create', { name_label: 'keep two', type: 'snapshot', frequency: 'daily', retained_snapshots: 2, schedule: {}, enabled: false }));
    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm2', vmss);
    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm3', vmss);
    const manual = String(await call('VM.snapshot', 'OpaqueRef:vm2', 'by hand', []));
    for (let run = 0; run < 4; run++) await call('VMSS.snapshot_now', vmss);
    for (const vm of ['OpaqueRef:vm2', 'OpaqueRef:vm3']) expect(scheduleSnapshots(vm)).toHaveLength(2);
    // Snapshots not taken by the schedule are never pruned; pruned ones take their disks with them.
    expect(get('VM', 'OpaqueRef:vm2').snapshots).toContain(manual);
    expect([...pool.engine.store.rows('VDI')].filter((v) => v.record.is_a_snapshot === true && (v.record.VBDs as string[]).length === 0)).toEqual([]);
    expect(alertsOf(vmss, 'VMSS_SNAPSHOT_SUCCEEDED')).toHaveLength(4);
    expect((get('VMSS', vmss).last_run_time as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const tasks = [...pool.engine.store.rows('task')].filter((t) => (t.record.other_config as Record<string, string>).applies_to === 'OpaqueRef:vm3');
    expect(tasks.length).toBeGreaterThan(0);
  });

  it('reports a VM it could not snapshot as a VMSS_SNAPSHOT_FAILED alert and still snapshots the others', async () => {
    const vmss = String(await call('VMSS.create', { name_label: 'fails', type: 'snapshot', frequency: 'hourly', retained_snapshots: 1, schedule: {}, enabled: false }));
    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm1', vmss);
    await call('VM.set_snapshot_schedule', 'OpaqueRef:vm2', vmss);
    pool.engine.faults.addFailNext('VM.snapshot', 'SR_FULL', ['1000', '10']);
    expect(await call('VMSS.snapshot_now', vmss)).toMatch(/^failed: VM 'vm1': SR_FULL/);
    const [failed] = alertsOf(vmss, 'VMSS_SNAPSHOT_FAILED');
    expect(failed?.record).toMatchObject({ priority: 3, cls: 'VMSS' });
    expect(String(failed?.record.body)).toContain("VM 'vm1': SR_FULL 1000 10");
    expect(scheduleSnapshots('OpaqueRef:vm2')).toHaveLength(1);
  });

  it('runs on its timer, at the pool\'s time scale (an hourly schedule within seconds at 0.0002)', async () => {
    const previous = pool.engine.config.timeScale;
    pool.engine.config.timeScale = 0.0002; // an hour of simulated time is 0.72 s
    try {
      const vmss = String(await call('VMSS.create', { name_label: 'fast', type: 'snapshot', frequency: 'hourly', retained_snapshots: 3, schedule: { min: '0' } }));
      await call('VM.set_snapshot_schedule', 'OpaqueRef:vm3', vmss);
      await until(() => alertsOf(vmss, 'VMSS_SNAPSHOT_SUCCEEDED').length >= 4);
      await call('VMSS.set_enabled', vmss, false);
      await call('VMSS.snapshot_now', vmss); // waits for a run in progress, then settles
      expect(scheduleSnapshots('OpaqueRef:vm3')).toHaveLength(3);
    } finally {
      pool.engine.config.timeScale = previous;
    }
  });
});
