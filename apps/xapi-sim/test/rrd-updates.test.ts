import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { formatRrdValue } from '#sim/rrd/value-format.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

const run = promisify(execFile);
const HOSTS: [string, string] = ['127.0.0.86', '127.0.0.87'];
let pool: SimulatedPool;
let s: string;
let hostUuid: string;
let vm1Uuid: string;
let vm2Uuid: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const base = (i = 0): string => `http://${HOSTS[i]}:${new URL(pool.masterUrl).port}`;
const now = (): number => Math.floor(Date.now() / 1000);

interface Xport { meta: { start: number; step: number; end: number; rows: number; columns: number; legend: string[] }; data: { t: number; values: string[] }[] }

/** Parses XML with Python's ElementTree (an independent parser) into the JSON shape. */
async function parseXportWithPython(xml: string): Promise<Xport> {
  const script = `
import sys, json, xml.etree.ElementTree as ET
r = ET.fromstring(sys.stdin.read())
m = r.find('meta')
print(json.dumps({'meta': {k: int(m.find(k).text) for k in ['start','step','end','rows','columns']} | {'legend': [e.text for e in m.find('legend')]},
  'data': [{'t': int(row.find('t').text), 'values': [v.text for v in row.findall('v')]} for row in r.find('data')]}))`;
  const child = execFile('python3', ['-c', script]);
  child.stdin!.end(xml);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  await new Promise((resolve, reject) => child.on('close', (code) => (code === 0 ? resolve(code) : reject(new Error(`python exit ${code}`)))));
  return JSON.parse(out) as Xport;
}

async function updates(query: string, init: RequestInit = {}, host = 0): Promise<Response> {
  return fetch(`${base(host)}/rrd_updates?session_id=${s}&${query}`, init);
}

function column(x: Xport, legend: string): number[] {
  const i = x.meta.legend.indexOf(legend);
  if (i < 0) throw new Error(`no column ${legend} in ${x.meta.legend.join(' ')}`);
  return x.data.map((r) => Number(r.values[i]));
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  hostUuid = String(await call('host.get_uuid', 'OpaqueRef:host1'));
  vm1Uuid = String(await call('VM.get_uuid', 'OpaqueRef:vm1'));
  vm2Uuid = String(await call('VM.get_uuid', 'OpaqueRef:vm2'));
  await call('VM.start_on', 'OpaqueRef:vm1', 'OpaqueRef:host1', false, false);
  // Pretend vm1 has been up for an hour, so its history has values.
  const metrics = String(await call('VM.get_metrics', 'OpaqueRef:vm1'));
  pool.engine.store.update('VM_metrics', metrics, { start_time: new Date(Date.now() - 3_600_000) });
});
afterAll(async () => pool?.stop());

describe('rrd_updates', () => {
  it('XML (rrdtool xport) parses with an independent parser: legends CF:host|vm:<uuid>:<ds>, rows newest first, 5 s step', async () => {
    const res = await updates(`start=${now() - 600}&host=true`, { headers: { accept: 'text/xml' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/xml');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const x = await parseXportWithPython(await res.text());
    expect(x.meta.step).toBe(5);
    expect(x.meta.rows).toBe(x.data.length);
    expect(x.data.length).toBeGreaterThanOrEqual(119);
    expect(x.meta.columns).toBe(x.meta.legend.length);
    for (const ds of ['cpu0', 'loadavg', 'memory_total_kib', 'memory_free_kib', 'pif_eth0_rx', 'pif_eth0_tx']) expect(x.meta.legend).toContain(`AVERAGE:host:${hostUuid}:${ds}`);
    for (const ds of ['cpu0', 'cpu1', 'memory', 'memory_target', 'memory_internal_free', 'vif_0_rx', 'vif_0_tx', 'vbd_xvda_read', 'vbd_xvda_write']) expect(x.meta.legend).toContain(`AVERAGE:vm:${vm1Uuid}:${ds}`);
    const ts = x.data.map((r) => r.t);
    expect(ts).toEqual([...ts].sort((a, b) => b - a));
    expect(ts[0]! - ts[1]!).toBe(5);
    expect(x.meta.end).toBe(ts[0]);
  });

  it('JSON by json=true or Accept: application/json, values as strings; a running VM changes over time, deterministically', async () => {
    const start = now() - 600;
    const a = (await (await updates(`start=${start}&json=true`)).json()) as Xport;
    const res = await updates(`start=${start}`, { headers: { accept: 'application/json' } });
    expect(res.headers.get('content-type')).toBe('application/json');
    const b = (await res.json()) as Xport;
    expect(a.data.every((r) => r.values.every((v) => typeof v === 'string'))).toBe(true);
    expect(a.meta.legend.some((l) => l.includes(':host:'))).toBe(false);
    const cpu = column(a, `AVERAGE:vm:${vm1Uuid}:cpu0`);
    expect(new Set(cpu).size).toBeGreaterThan(10);
    expect(cpu.every((v) => v >= 0 && v <= 1)).toBe(true);
    const shared = b.data.find((r) => r.t === a.data[5]!.t)!;
    expect(shared.values).toEqual(a.data[5]!.values);
  });

  it('a halted VM has no data; vm_uuid filters; interval picks the archive and MIN ≤ AVERAGE ≤ MAX', async () => {
    const all = (await (await updates(`start=${now() - 600}&json=true&vm_uuid=${vm2Uuid}`)).json()) as Xport;
    expect(all.meta.columns).toBe(0);
    const only = (await (await updates(`start=${now() - 600}&json=true&vm_uuid=${vm1Uuid}`)).json()) as Xport;
    expect(only.meta.legend.every((l) => l.includes(vm1Uuid))).toBe(true);
    const hourly = async (cf: string): Promise<number[]> =>
      column((await (await updates(`start=${now() - 7200}&json=true&interval=60&cf=${cf}&vm_uuid=${vm1Uuid}`)).json()) as Xport, `${cf}:vm:${vm1Uuid}:cpu0`);
    const [min, avg, max] = [await hourly('MIN'), await hourly('AVERAGE'), await hourly('MAX')];
    const x = (await (await updates(`start=${now() - 7200}&json=true&interval=60`)).json()) as Xport;
    expect(x.meta.step).toBe(60);
    const n = Math.min(min.length, avg.length, max.length);
    for (let i = 0; i < n; i++) {
      if (Number.isNaN(avg[i])) continue;
      expect(min[i]).toBeLessThanOrEqual(avg[i]!);
      expect(avg[i]).toBeLessThanOrEqual(max[i]!);
    }
  });

  it('rows before the VM started are NaN; the control port load knob moves the values', async () => {
    const t0 = now();
    const post = (body: unknown): Promise<Response> => fetch(`${pool.controlUrl}/metrics/load`, { method: 'POST', body: JSON.stringify(body) });
    expect((await post({ vm: vm1Uuid, value: 0, at: t0 - 400 })).status).toBe(200);
    expect((await post({ vm: 'OpaqueRef:vm1', value: 1, at: t0 - 200 })).status).toBe(200);
    const x = (await (await updates(`start=${t0 - 600}&json=true&vm_uuid=${vm1Uuid}`)).json()) as Xport;
    const i = x.meta.legend.indexOf(`AVERAGE:vm:${vm1Uuid}:cpu0`);
    const idle = x.data.filter((r) => r.t >= t0 - 390 && r.t < t0 - 200).map((r) => r.values[i]);
    const busy = x.data.filter((r) => r.t >= t0 - 190).map((r) => Number(r.values[i]));
    expect(idle.length).toBeGreaterThan(10);
    expect(new Set(idle)).toEqual(new Set(['0.0']));
    expect(busy.reduce((a, b) => a + b, 0) / busy.length).toBeGreaterThan(0.3);

    await call('VM.start_on', 'OpaqueRef:vm3', 'OpaqueRef:host1', false, false);
    const vm3 = String(await call('VM.get_uuid', 'OpaqueRef:vm3'));
    const fresh = (await (await updates(`start=${now() - 600}&json=true&vm_uuid=${vm3}`)).json()) as Xport;
    const cpu = column(fresh, `AVERAGE:vm:${vm3}:cpu0`);
    expect(Number.isNaN(cpu[cpu.length - 1]!)).toBe(true);
    expect(fresh.data[fresh.data.length - 1]!.values[0]).toBe('NaN');
  });

  it('needs a session (401) and a start (400)', async () => {
    expect((await fetch(`${base()}/rrd_updates?start=0`)).status).toBe(401);
    expect((await updates('json=true')).status).toBe(400);
  });
});

describe('value formatting', () => {
  it('matches C printf %0.15g (via Python) with zero as 0.0', async () => {
    const values = [0.1, 1, 123456.789, 1e20, 1.5e-7, 0.000123, 2 / 3, 1234567890123456789, -42.5, 1e15, 99999999999999.9];
    const { stdout } = await run('python3', ['-c', `import sys\nfor v in sys.argv[1:]: print('%0.15g' % float(v))`, ...values.map(String)]);
    expect(values.map(formatRrdValue)).toEqual(stdout.trim().split('\n'));
    expect([0, NaN, Infinity, -Infinity].map(formatRrdValue)).toEqual(['0.0', 'NaN', 'Infinity', '-Infinity']);
  });
});

describe('host_rrd and vm_rrd', () => {
  it('host_rrd is an rrdtool dump with four steps × three CFs; vm_rrd on another host redirects to the resident host', async () => {
    const script = `
import sys, json, xml.etree.ElementTree as ET
r = ET.fromstring(sys.stdin.read())
print(json.dumps({'version': r.find('version').text, 'step': r.find('step').text, 'ds': [d.find('name').text for d in r.findall('ds')],
  'rras': [[a.find('cf').text, a.find('pdp_per_row').text, len(a.find('database'))] for a in r.findall('rra')]}))`;
    const parse = async (xml: string): Promise<{ version: string; step: string; ds: string[]; rras: [string, string, number][] }> => {
      const child = execFile('python3', ['-c', script]);
      child.stdin!.end(xml);
      let out = '';
      child.stdout!.on('data', (d) => (out += d));
      await new Promise((resolve) => child.on('close', resolve));
      return JSON.parse(out);
    };
    const host = await parse(await (await fetch(`${base()}/host_rrd?session_id=${s}`)).text());
    expect(host.version).toBe('0003');
    expect(host.step).toBe('5');
    expect(host.ds).toContain('memory_total_kib');
    expect(host.rras.filter((r) => r[0] === 'AVERAGE').map((r) => [r[1], r[2]])).toEqual([['1', 120], ['12', 120], ['720', 168], ['17280', 366]]);

    const redirect = await fetch(`${base(1)}/vm_rrd?session_id=${s}&uuid=${vm1Uuid}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = redirect.headers.get('location')!;
    expect(location).toBe(`${base(0)}/vm_rrd?session_id=${s}&uuid=${vm1Uuid}`);
    const vm = await parse(await (await fetch(location)).text());
    expect(vm.ds).toEqual(expect.arrayContaining(['cpu0', 'memory', 'vif_0_rx', 'vbd_xvda_write']));
  });
});
