// Issue 17 benchmark: the shared stats cache and the Performance graphs. A simulated pool (4 hosts, 100 running
// VMs with a year of history) and a real Xenith server in this process; Chromium through Playwright for drawing.
//  1. Requests per minute to the pool for 100 VMs' graphs at 5 s and 1 day from three clients, vs one client
//     polling like XenCenter (each object's rrd_updates every 5 s), both counted by the simulator in the same run.
//  2. Server memory per 1,000 series: the cache's Float32 rings vs the same points held as JS arrays.
//  3. Time to first draw of 100 graphs (1 year at 1 day, 10 minutes at 5 s) and per update, from the server's
//     series through the renderer's pipeline, vs drawing the same points handed to uPlot as static data.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { build } from 'esbuild';
import { Agent, request } from 'undici';
import { chromium } from '@playwright/test';
import { startSimulatedPool } from '../apps/xapi-sim/src/index.js';
import type { ObjectSeries } from '../src/shared/api/stats-schema.js';
import { startXenith } from '../test/support/xenith-harness.js';
import { percentile, printRatio } from './report.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const windowS = Number(process.env.BENCH_STATS_WINDOW_S ?? 30);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await startSimulatedPool({ hosts: 4, vms: 160, seed: 17, timeScale: 0.05 });
const xenith = startXenith();
xenith.autoTrust();
try {
  const master = sim.hosts.find((host) => host.master)!;
  await xenith.call('pool.add', { address: `${master.address}:${new URL(master.url).port}`, user: 'root', password: 'xenith', save: false });
  const { store } = sim.engine;
  const running = [...store.rows('VM')].filter((row) => row.record.power_state === 'Running' && row.record.is_control_domain !== true).slice(0, 100);
  for (const vm of running) store.update('VM_metrics', String(vm.record.metrics), { start_time: new Date(Date.now() - 400 * 86_400_000) });
  const vmIds = running.map((row) => row.ref);
  console.log(`simulated pool: 4 hosts, ${vmIds.length} running VMs with a year of history`);

  // 1. Requests per minute.
  const counted = async () => ((await (await fetch(`${sim.controlUrl}/status`)).json()) as { rrdUpdates: { total: number } }).rrdUpdates.total;
  const clients = [xenith.client, xenith.server.connectClient({ send() {}, backlogBytes: () => 0 }), xenith.server.connectClient({ send() {}, backlogBytes: () => 0 })];
  let before = await counted();
  let started = Date.now();
  for (const [c, client] of clients.entries()) {
    for (const resolution of ['5s', '1d'] as const) {
      for (let i = 0; i < vmIds.length; i += 25) await client.dispatch('stats.query', { objectIds: vmIds.slice(i, i + 25), resolution, watchId: `bench-${c}-${resolution}-${i}` });
    }
  }
  await sleep(windowS * 1000 - (Date.now() - started));
  const ours = ((await counted()) - before) * (60_000 / (Date.now() - started));
  for (const [c, client] of clients.entries()) for (const resolution of ['5s', '1d']) for (let i = 0; i < vmIds.length; i += 25) await client.dispatch('stats.unwatch', { watchId: `bench-${c}-${resolution}-${i}` });

  // XenCenter's way, one client: every object's own rrd_updates every 5 s, from its host.
  // The simulator's self-signed certificates: this client is the baseline, not Xenith, so it does not pin them.
  const agent = new Agent({ connect: { rejectUnauthorized: false } });
  const login = await request(`${master.url}/jsonrpc`, {
    dispatcher: agent, method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.login_with_password', params: ['root', 'xenith'] }),
  });
  const session = ((await login.body.json()) as { result: string }).result;
  const hostUrl = new Map(sim.hosts.map((host) => [host.ref, host.url]));
  before = await counted();
  started = Date.now();
  while (Date.now() - started < windowS * 1000) {
    const round = Date.now();
    await Promise.all(running.map(async (vm) => {
      const url = `${hostUrl.get(String(vm.record.resident_on))}/rrd_updates?session_id=${session}&json=true&start=${Math.floor(Date.now() / 1000) - 10}&cf=AVERAGE&interval=5&vm_uuid=${String(vm.record.uuid)}`;
      const response = await request(url, { dispatcher: agent });
      await response.body.text();
    }));
    await sleep(Math.max(0, 5000 - (Date.now() - round)));
  }
  const xencenter = ((await counted()) - before) * (60_000 / (Date.now() - started));
  printRatio('rrd_updates requests per minute (100 VMs, 5 s and 1 day, 3 clients) vs one XenCenter-like client', ours, xencenter, 'req/min', '≪ 1');

  // 2. Memory per 1,000 series.
  const usage = xenith.server.internals.stats.usage;
  const perThousand = (usage.bytes / usage.series) * 1000;
  const year = (await xenith.call<{ series: ObjectSeries[] }>('stats.query', { objectIds: vmIds, resolution: '1d' })).series;
  const tenMinutes = (await xenith.call<{ series: ObjectSeries[] }>('stats.query', { objectIds: vmIds, resolution: '5s' })).series;
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  const held = [...year, ...tenMinutes].flatMap((one) => one.sources.map((source) => Array.from(source.values, (v) => (v === null ? null : v + 0.5))));
  gc();
  const heapAfter = process.memoryUsage().heapUsed;
  const points = held.reduce((n, list) => n + list.length, 0);
  const rowsHeld = usage.bytes / 4;
  printRatio(`server memory per 1,000 series (${usage.series} series held) vs the same points as JS arrays`, perThousand / 1024, ((heapAfter - heapBefore) / points) * (rowsHeld / usage.series) * 1000 / 1024, 'KiB', '< 1');

  // 3. Drawing in Chromium.
  const bundle = await build({ entryPoints: ['bench/support/stats-page.ts'], bundle: true, write: false, format: 'iife', platform: 'browser', logLevel: 'silent' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.setContent('<!doctype html><body></body>');
    await page.addScriptTag({ content: bundle.outputFiles[0]!.text });
    const cpuOnly = (list: ObjectSeries[]) => list.map((one) => ({ ...one, sources: one.sources.filter((source) => /^cpu\d+$/.test(source.name)) }));
    for (const [label, series] of [['1 year at 1 day', cpuOnly(year)], ['10 minutes at 5 s', cpuOnly(tenMinutes)]] as const) {
      const ours: number[] = [];
      const baseline: number[] = [];
      for (let run = 0; run < 5; run++) {
        await page.evaluate(() => window.statsBench.clear());
        baseline.push(await page.evaluate((s) => window.statsBench.firstDrawStatic(window.statsBench.columnsOf(s)), series));
        await page.evaluate(() => window.statsBench.clear());
        ours.push(await page.evaluate((s) => window.statsBench.firstDrawFromSeries(s), series));
      }
      printRatio(`first draw of 100 CPU graphs, ${label}`, percentile(ours, 50), percentile(baseline, 50), 'ms', '≈ 1');
      // Updates: one new point per graph, as stats.changed brings them.
      const updatesOurs: number[] = [];
      const updatesBaseline: number[] = [];
      for (let k = 1; k <= 10; k++) {
        const update = series.map((one) => ({ ...one, start: one.start + (one.sources[0]!.values.length - 1 + k) * one.step, sources: one.sources.map((source) => ({ name: source.name, values: [Math.random()] })) }));
        const keepFrom = series[0]!.start + k * series[0]!.step;
        updatesOurs.push(await page.evaluate(([u, from]) => window.statsBench.updateFromSeries(u, from), [update, keepFrom] as const));
        updatesBaseline.push(await page.evaluate((s) => window.statsBench.updateStatic(window.statsBench.columnsOf(s)), series));
      }
      printRatio(`update of 100 CPU graphs (one new point each), ${label}`, percentile(updatesOurs, 50), percentile(updatesBaseline, 50), 'ms', '≈ 1');
    }
  } finally {
    await browser.close();
  }
} finally {
  await xenith.close();
  await sim.stop();
}
