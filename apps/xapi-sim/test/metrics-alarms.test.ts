import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { parsePerfmonConfig } from '#sim/rrd/perfmon-config.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

const HOSTS: [string, string] = ['127.0.0.96', '127.0.0.97'];
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const control = async (path: string, body: unknown = {}, method = 'POST'): Promise<Record<string, unknown>> =>
  (await (await fetch(`${pool.controlUrl}${path}`, method === 'GET' ? {} : { method, body: JSON.stringify(body) })).json()) as Record<string, unknown>;
const now = (): number => Math.floor(Date.now() / 1000);

interface Xport { meta: { step: number; legend: string[] }; data: { t: number; values: string[] }[] }
const updates = async (host: number, query: string): Promise<Xport> =>
  (await (await fetch(`http://${HOSTS[host]}:${new URL(pool.masterUrl).port}/rrd_updates?session_id=${s}&json=true&host=true&${query}`)).json()) as Xport;

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  await call('VM.start_on', 'OpaqueRef:vm1', 'OpaqueRef:host1', false, false);
  const metrics = String(await call('VM.get_metrics', 'OpaqueRef:vm1'));
  pool.engine.store.update('VM_metrics', metrics, { start_time: new Date(Date.now() - 3_600_000) });
});
afterAll(async () => pool?.stop());

describe('message.destroy', () => {
  it('removes one alert; an unknown ref is HANDLE_INVALID; destroy_many removes several', async () => {
    const a = String((await control('/alerts', { name: 'TEST_ALERT', priority: 2 })).ref);
    const b = String((await control('/alerts', { name: 'TEST_ALERT', priority: 2 })).ref);
    const c = String((await control('/alerts', { name: 'TEST_ALERT', priority: 2 })).ref);
    await call('message.destroy', a);
    expect((await errorOf(call('message.destroy', a))).code).toBe('HANDLE_INVALID');
    await call('message.destroy_many', [b, c]);
    const left = (await call('message.get_all_records')) as Record<string, unknown>;
    expect(Object.keys(left).filter((ref) => [a, b, c].includes(ref))).toEqual([]);
  });
});

describe('rrd_updates request count', () => {
  it('GET /status counts requests per host and archive step', async () => {
    const before = (await control('/status', undefined, 'GET')).rrdUpdates as { total: number; byHost: Record<string, Record<string, number>> };
    await updates(0, `start=${now() - 600}&interval=5`);
    await updates(0, `start=${now() - 7000}&interval=60`);
    await updates(1, `start=${now() - 600}&interval=5`);
    const after = (await control('/status', undefined, 'GET')).rrdUpdates as typeof before;
    expect(after.total - before.total).toBe(3);
    expect((after.byHost['OpaqueRef:host1']?.['60'] ?? 0) - (before.byHost['OpaqueRef:host1']?.['60'] ?? 0)).toBe(1);
    expect((after.byHost['OpaqueRef:host2']?.['5'] ?? 0) - (before.byHost['OpaqueRef:host2']?.['5'] ?? 0)).toBe(1);
  });
});

describe('perfmon', () => {
  it('reads the other_config:perfmon XML with xapi defaults', () => {
    const [cpu, mem] = parsePerfmonConfig(
      '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.5"/><alarm_trigger_period value="120"/></variable>' +
        '<variable><name value="memory_free_kib"/><alarm_trigger_level value="1024"/></variable><variable><name value="broken"/></variable></config>',
    );
    expect(cpu).toMatchObject({ name: 'cpu_usage', level: 0.5, sense: 'high', triggerPeriod: 120, inhibitPeriod: 3600, priority: 3 });
    expect(mem).toMatchObject({ name: 'memory_free_kib', sense: 'low', triggerPeriod: 60 });
  });

  it('raises ALARM when the load keeps a VM above its CPU level, then stays quiet for the inhibit period', async () => {
    const vm = await call('VM.get_record', 'OpaqueRef:vm1') as { uuid: string };
    await call('VM.add_to_other_config', 'OpaqueRef:vm1', 'perfmon',
      '<config><variable><name value="cpu_usage"/><alarm_trigger_level value="0.3"/><alarm_trigger_period value="60"/></variable></config>');
    await control('/metrics/load', { vm: 'OpaqueRef:vm1', value: 0, at: now() - 600 });
    expect((await control('/metrics/perfmon/run')).alarms).toEqual([]);
    await control('/metrics/load', { vm: 'OpaqueRef:vm1', value: 1, at: now() - 120 });
    const [ref] = (await control('/metrics/perfmon/run')).alarms as string[];
    const alarm = (await call('message.get_record', ref)) as Record<string, unknown>;
    expect(alarm).toMatchObject({ name: 'ALARM', cls: 'VM', obj_uuid: vm.uuid, priority: 3 });
    // A fraction of the CPU, as perfmon writes it: a VM driven at full load may read exactly 1.
    expect(String(alarm.body)).toMatch(/^value: (?:0\.\d+|1)\nconfig:\n<variable><name value="cpu_usage"\/>/);
    expect(Number(/^value: ([\d.]+)/.exec(String(alarm.body))![1])).toBeGreaterThan(0.3);
    expect((await control('/metrics/perfmon/run')).alarms).toEqual([]);
  });
});

describe('host downtime', () => {
  it('leaves unknown (NaN) rows for the time a host was down, in its archive and its VMs\'', async () => {
    await control('/hosts/OpaqueRef:host1/kill');
    const down = Date.now();
    // A host is down for at least one whole 5 s row.
    while (Date.now() - down < 11_000) await new Promise((r) => setTimeout(r, 250));
    await control('/hosts/OpaqueRef:host1/restart');
    const x = await updates(0, `start=${now() - 120}&interval=5`);
    const cpu = x.meta.legend.findIndex((l) => l.includes(':host:') && l.endsWith(':cpu0'));
    const vmCpu = x.meta.legend.findIndex((l) => l.includes(':vm:') && l.endsWith(':cpu0'));
    const gap = x.data.filter((r) => r.t * 1000 > down + 5000 && r.t * 1000 <= down + 10_000);
    expect(gap.length).toBeGreaterThan(0);
    for (const row of gap) {
      expect(row.values[cpu]).toBe('NaN');
      expect(row.values[vmCpu]).toBe('NaN');
    }
    const before = x.data.filter((r) => r.t * 1000 < down - 5000);
    expect(before.every((r) => r.values[cpu] !== 'NaN')).toBe(true);
  }, 30_000);
});
