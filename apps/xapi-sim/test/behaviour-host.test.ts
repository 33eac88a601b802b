/** Host behaviour: disable/enable, evacuation plans and evacuate, reboot/shutdown/power_on, allowed_operations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { HOST_DURATIONS } from '#sim/behaviour/host-lifecycle.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const live = (host: string): unknown => get('host_metrics', get('host', host).metrics as string).live;

const settle = (taskRef: string): Promise<Record<string, unknown>> => settleTask(call, taskRef);

/** Waits (through event.from on host_metrics) until `check` holds. */
async function until(check: () => boolean): Promise<void> {
  let token = '';
  while (!check()) token = ((await call('event.from', ['host_metrics', 'host'], token, 5)) as { token: string }).token;
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.182', '127.0.0.183']), http: true, timeScale: 0.002 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('evacuation', () => {
  it('lists the VMs that cannot leave with the reason, and assert_can_evacuate encodes them as xapi does', async () => {
    await call('VM.start_on', 'OpaqueRef:vm1', 'OpaqueRef:host1', false, false);
    await call('VM.start_on', 'OpaqueRef:vm2', 'OpaqueRef:host1', false, false);
    // sr1 is only plugged on host1: neither VM can run elsewhere.
    expect(await call('host.get_vms_which_prevent_evacuation', 'OpaqueRef:host1')).toEqual({
      'OpaqueRef:vm1': ['VM_REQUIRES_SR', 'OpaqueRef:vm1', 'OpaqueRef:sr1'],
      'OpaqueRef:vm2': ['VM_REQUIRES_SR', 'OpaqueRef:vm2', 'OpaqueRef:sr1'],
    });
    const err = await errorOf(call('host.assert_can_evacuate', 'OpaqueRef:host1'));
    expect(err.code).toBe('CANNOT_EVACUATE_HOST');
    expect(err.params[0]!.split('|').sort()).toEqual(['VM_REQUIRES_SR,OpaqueRef:vm1,OpaqueRef:sr1', 'VM_REQUIRES_SR,OpaqueRef:vm2,OpaqueRef:sr1']);
    expect(await errorOf(call('host.evacuate', 'OpaqueRef:host1'))).toMatchObject({ code: 'VM_REQUIRES_SR' });
    await call('PBD.create', { SR: 'OpaqueRef:sr1', host: 'OpaqueRef:host2', currently_attached: true, device_config: {} });
    await call('host.assert_can_evacuate', 'OpaqueRef:host1');
    await call('VM.pause', 'OpaqueRef:vm2');
    expect(await call('host.get_vms_which_prevent_evacuation', 'OpaqueRef:host1')).toEqual({ 'OpaqueRef:vm2': ['VM_BAD_POWER_STATE', 'OpaqueRef:vm2', 'running', 'paused'] });
    await call('VM.unpause', 'OpaqueRef:vm2');
    await call('host.disable', 'OpaqueRef:host2');
    expect(await call('host.get_vms_which_prevent_evacuation', 'OpaqueRef:host1')).toEqual({
      'OpaqueRef:vm1': ['NO_HOSTS_AVAILABLE', 'OpaqueRef:vm1'], 'OpaqueRef:vm2': ['NO_HOSTS_AVAILABLE', 'OpaqueRef:vm2'],
    });
    await call('host.enable', 'OpaqueRef:host2');
    pool.engine.store.update('VM', 'OpaqueRef:vm2', { memory_dynamic_max: 13 * 1024 ** 3 });
    expect(await call('host.get_vms_which_prevent_evacuation', 'OpaqueRef:host1')).toEqual({ 'OpaqueRef:vm1': ['HOST_NOT_ENOUGH_FREE_MEMORY', 'OpaqueRef:vm1'] });
    pool.engine.store.update('VM', 'OpaqueRef:vm2', { memory_dynamic_max: 4 * 1024 ** 3 });
  });

  it('evacuates: every guest migrates, the host shows evacuate in current_operations meanwhile', async () => {
    await call('host.disable', 'OpaqueRef:host1');
    expect(get('host', 'OpaqueRef:host1').allowed_operations).toContain('enable');
    expect(get('host', 'OpaqueRef:host1').allowed_operations).not.toContain('vm_start');
    expect(await errorOf(call('VM.start_on', 'OpaqueRef:vm3', 'OpaqueRef:host1', false, false))).toMatchObject({ code: 'HOST_DISABLED', params: ['OpaqueRef:host1'] });
    pool.engine.config.timeScale = 0.05;
    const t = String(await call('Async.host.evacuate', 'OpaqueRef:host1'));
    expect(get('host', 'OpaqueRef:host1')).toMatchObject({ current_operations: { [t]: 'evacuate' }, allowed_operations: [] });
    const done = await settle(t);
    pool.engine.config.timeScale = 0.002;
    expect(done.status).toBe('success');
    expect(get('VM', 'OpaqueRef:vm1').resident_on).toBe('OpaqueRef:host2');
    expect(get('VM', 'OpaqueRef:vm2').resident_on).toBe('OpaqueRef:host2');
    expect(get('host', 'OpaqueRef:host1').resident_VMs).toEqual(['OpaqueRef:dom0-1']);
    expect(get('host', 'OpaqueRef:host1').current_operations).toEqual({});
    expect(get('host', 'OpaqueRef:host1').allowed_operations).toEqual(expect.arrayContaining(['reboot', 'shutdown', 'enable']));
  });
});

describe('reboot, shutdown and power_on', () => {
  it('refuses with HOST_IN_USE while guests run and HOST_NOT_DISABLED while enabled', async () => {
    expect(await errorOf(call('host.reboot', 'OpaqueRef:host2'))).toMatchObject({ code: 'HOST_IN_USE', params: ['OpaqueRef:host2', 'vm', expect.stringMatching(/^OpaqueRef:vm[12]$/)] });
    await call('host.enable', 'OpaqueRef:host1');
    expect(await errorOf(call('host.reboot', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_NOT_DISABLED', params: [] });
  });

  it('reboots: not live while down, back enabled and live after the (scaled) delay; enable is refused meanwhile', async () => {
    await call('host.disable', 'OpaqueRef:host1');
    await call('host.reboot', 'OpaqueRef:host1');
    expect(Object.values(get('host', 'OpaqueRef:host1').current_operations as object)).toEqual(['reboot']);
    expect(await errorOf(call('host.enable', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_DISABLED_UNTIL_REBOOT', params: ['OpaqueRef:host1'] });
    await until(() => live('OpaqueRef:host1') === false);
    expect(get('host', 'OpaqueRef:host1').allowed_operations).toEqual([]);
    await until(() => live('OpaqueRef:host1') === true);
    expect(get('host', 'OpaqueRef:host1')).toMatchObject({ enabled: true, current_operations: {} });
    expect(HOST_DURATIONS.rebootDown).toBeGreaterThan(HOST_DURATIONS.goingDown);
  });

  it('shuts down for good; power_on needs a power-on mode and brings it back', async () => {
    await call('host.disable', 'OpaqueRef:host1');
    await call('host.shutdown', 'OpaqueRef:host1');
    await until(() => live('OpaqueRef:host1') === false);
    expect(get('host', 'OpaqueRef:host1')).toMatchObject({ enabled: false, allowed_operations: ['power_on'] });
    expect(await errorOf(call('VM.start_on', 'OpaqueRef:vm3', 'OpaqueRef:host1', false, false))).toMatchObject({ code: 'HOST_OFFLINE', params: ['OpaqueRef:host1'] });
    expect(await errorOf(call('host.power_on', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_POWER_ON_MODE_DISABLED', params: [] });
    await call('host.set_power_on_mode', 'OpaqueRef:host1', 'wake-on-lan', {});
    await call('host.power_on', 'OpaqueRef:host1');
    expect(live('OpaqueRef:host1')).toBe(true);
    expect(await errorOf(call('host.power_on', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_IS_LIVE', params: ['OpaqueRef:host1'] });
  });

  it('host allowed_operations follow resident guests and a control-port kill', async () => {
    expect(get('host', 'OpaqueRef:host2').allowed_operations).not.toContain('reboot');
    const res = await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/kill`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(get('host', 'OpaqueRef:host2').allowed_operations).toEqual(['power_on']);
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/restart`, { method: 'POST' });
    expect(get('host', 'OpaqueRef:host2').allowed_operations).toContain('vm_start');
  });

  it('a host lost while HA is on leaves HA_HOST_FAILED; a planned reboot or a pool without HA leaves none', async () => {
    const failures = (): unknown[] => [...pool.engine.store.rows('message')].filter((m) => m.record.name === 'HA_HOST_FAILED').map((m) => m.record);
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/kill`, { method: 'POST' });
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/restart`, { method: 'POST' });
    expect(failures()).toEqual([]);
    pool.engine.store.update('pool', pool.engine.poolRef(), { ha_enabled: true });
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/kill`, { method: 'POST' });
    expect(failures()).toEqual([expect.objectContaining({ priority: 3, cls: 'Host', obj_uuid: get('host', 'OpaqueRef:host2').uuid })]);
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/restart`, { method: 'POST' });
  });
});

describe('a dead host', () => {
  it('power_state_reset refuses live domains; declare_dead resets the guests of a dead host; destroy removes it', async () => {
    const vm = 'OpaqueRef:vm3';
    await call('VM.start_on', vm, 'OpaqueRef:host2', false, false);
    expect(await errorOf(call('VM.power_state_reset', vm))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: [vm, 'halted', 'running'] });
    expect(await errorOf(call('host.declare_dead', 'OpaqueRef:host2'))).toMatchObject({ code: 'HOST_IS_LIVE', params: ['OpaqueRef:host2'] });
    await fetch(`${pool.controlUrl}/hosts/OpaqueRef:host2/kill`, { method: 'POST' });
    expect(await errorOf(call('host.destroy', 'OpaqueRef:host2'))).toMatchObject({ code: 'HOST_HAS_RESIDENT_VMS', params: ['OpaqueRef:host2'] });
    await call('host.declare_dead', 'OpaqueRef:host2');
    expect(get('VM', vm)).toMatchObject({ power_state: 'Halted', resident_on: 'OpaqueRef:NULL', consoles: [] });
    expect(get('host', 'OpaqueRef:host2').enabled).toBe(false);
    const metrics = get('host', 'OpaqueRef:host2').metrics as string;
    await call('host.destroy', 'OpaqueRef:host2');
    for (const [cls, ref] of [['host', 'OpaqueRef:host2'], ['VM', 'OpaqueRef:dom0-2'], ['host_cpu', 'OpaqueRef:cpu2'], ['host_metrics', metrics]] as const) {
      expect(pool.engine.store.has(cls, ref)).toBe(false);
    }
    expect(await errorOf(call('host.destroy', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_IS_LIVE', params: ['OpaqueRef:host1'] });
  });
});

describe('settings', () => {
  it('syslog_reconfigure applies logging["syslog_destination"] and refuses one that is not a host name', async () => {
    await call('host.add_to_logging', 'OpaqueRef:host1', 'syslog_destination', 'logs.example.net');
    await call('host.syslog_reconfigure', 'OpaqueRef:host1');
    expect((get('host', 'OpaqueRef:host1').other_config as Record<string, string>)['xapi-sim-syslog-applied']).toBe('logs.example.net');
    await call('host.remove_from_logging', 'OpaqueRef:host1', 'syslog_destination');
    await call('host.add_to_logging', 'OpaqueRef:host1', 'syslog_destination', 'bad host;rm');
    expect(await errorOf(call('host.syslog_reconfigure', 'OpaqueRef:host1'))).toMatchObject({ code: 'INVALID_VALUE', params: ['syslog_destination', 'bad host;rm'] });
    await call('host.remove_from_logging', 'OpaqueRef:host1', 'syslog_destination');
    await call('host.syslog_reconfigure', 'OpaqueRef:host1');
    expect((get('host', 'OpaqueRef:host1').other_config as Record<string, string>)['xapi-sim-syslog-applied']).toBe('');
  });
});
