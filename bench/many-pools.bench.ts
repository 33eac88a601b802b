// Issue 12 benchmark: twenty simulated pools of 500 VMs and one of 10,000 (`--quick`: five of 500 and one of
// 2,000), connected to one Xenith (serve mode) together. Measured: time until every pool is complete and the
// server's RSS, each against the raw `xen-api` client syncing the same pools (one process per pool, all at once,
// in the same run, with nothing else busy, as Xenith's server is then); then the UI in Chromium with every pool in
// one tree: frames while the whole mirror fills the page, its first full paint, the filter latency per keystroke
// and the longest frame while scrolling, each against its in-page baseline (ui-measures.ts).
import { spawnSync } from 'node:child_process';
import { chromium } from '@playwright/test';
import { startServeProcess } from '../e2e/fixtures/serve-process.js';
import { ApiClient } from '../src/cli/api-client.js';
import type { PoolSummary } from '../src/shared/api/pool-schema.js';
import { printRatio } from './report.js';
import { paintStaticList, removeStaticList } from './support/ui-baselines.js';
import { loadAverage } from './support/bench-server.js';
import { describeLoadingFrames, marks, measureSearch, reportScroll, scrollFrames, sleep, staticListScrollFrames, treeBox, waitFor } from './support/ui-measures.js';
import { installProbes, startFrameRecording, stopFrameRecording } from './support/ui-page-probes.js';
import { startRawClient } from './support/raw-client.js';
import { startSimProcess, type SimProcess } from './support/sim-process.js';

const quick = process.argv.includes('--quick');
const smallPools = quick ? 5 : 20;
const smallVms = 500;
const bigVms = quick ? 2000 : 10_000;
const mib = (bytes: number) => bytes / 1048576;

if (process.env.BENCH_NO_BUILD !== '1') {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
}
console.log(`${smallPools} pools of ${smallVms} VMs and one of ${bigVms.toLocaleString('en')}; load average ${loadAverage()}`);
const sims: SimProcess[] = [];
try {
  sims.push(await startSimProcess(['--hosts', '50', '--vms', String(bigVms), '--seed', '1', '--time-scale', '0.05']));
  for (let i = 0; i < smallPools; i++) sims.push(await startSimProcess(['--hosts', '4', '--vms', String(smallVms), '--seed', String(100 + i), '--time-scale', '0.05']));
  console.log(`simulators started; load average ${loadAverage()}`);

  // Baseline: the raw client syncs every pool at once, one process per pool, as one Xen Orchestra would.
  const rawStarted = Date.now();
  const raws = await Promise.all(sims.map((sim) => startRawClient(sim.info.masterUrl, sim.info.credentials)));
  const rawMs = Date.now() - rawStarted;
  const rawRss = raws.reduce((sum, raw) => sum + raw.sync.rssBytes, 0);
  const rawObjects = raws.reduce((sum, raw) => sum + raw.sync.objects, 0);
  await Promise.all(raws.map((raw) => raw.close()));
  console.log(`raw xen-api clients: ${rawObjects.toLocaleString('en')} objects in ${rawMs} ms (load ${loadAverage()})`);

  const serve = await startServeProcess();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const api = await ApiClient.open({ kind: 'url', url: serve.url, tls: null }, { startupToken: new URL(serve.url).searchParams.get('token') ?? '' });
  try {
    const rssEmpty = (await api.output<{ rssBytes: number }>('app.health', {})).rssBytes;

    // Every pool added at once through the contract, each with its master's fingerprint (no question asked).
    const started = Date.now();
    await Promise.all(
      sims.map(async (sim) => {
        const master = sim.info.hosts.find((host) => host.url === sim.info.masterUrl) ?? sim.info.hosts[0]!;
        const { user, password } = sim.info.credentials;
        await api.output<PoolSummary>('pool.add', { address: new URL(sim.info.masterUrl).host, user, password, save: false, fingerprint: master.fingerprint });
      }),
    );
    const allMs = Date.now() - started;
    const rssFull = (await api.output<{ rssBytes: number }>('app.health', {})).rssBytes;
    printRatio('every pool complete', allMs, rawMs, 'ms', 'baseline: the raw clients syncing the same pools at once');

    // The page, opened on the full server: the snapshot fills its store frame by frame, then the tree paints.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // tsx keeps function names with a helper the page does not have.
    await page.addInitScript('window.__name = (fn) => fn;');
    await page.addInitScript(installProbes);
    await page.goto(serve.url);
    await page.evaluate(startFrameRecording);
    const summary = page.getByTestId('pool-summary');
    await waitFor('every pool in the page', async () => ((await summary.textContent()) === `${sims.length} pools: ${sims.length} connected` ? true : undefined), 300_000, 500);
    let previous = -1;
    const applied = await waitFor('the store to settle', async () => {
      await sleep(3000);
      const seen = await marks(page, 'xenith:objects-applied');
      const count = seen.at(-1)?.detail?.objects ?? 0;
      if (count === previous) return seen;
      previous = count;
      return undefined;
    }, 300_000);
    const loading = await page.evaluate(stopFrameRecording);
    const objectCount = applied.at(-1)!.detail!.objects!;
    const mirrorComplete = applied.find((mark) => mark.detail!.objects === objectCount)!;
    printRatio('server RSS with every pool, less the empty server', mib(rssFull - rssEmpty), mib(rawRss), 'MiB', 'baseline: the raw clients\' collections, summed');
    console.log(`  (${objectCount.toLocaleString('en')} objects mirrored: ${(mib(rssFull - rssEmpty) / (objectCount / 10_000)).toFixed(1)} MiB per 10,000 objects, without a forced collection; load ${loadAverage()})`);
    const painted = await marks(page, 'xenith:tree-painted');
    const rowCount = painted.at(-1)!.detail!.rows!;
    const firstFull = painted.find((mark) => mark.t >= mirrorComplete.t && mark.detail!.search === '');
    if (!firstFull) throw new Error('no tree paint after the store was complete');
    console.log(`tree: ${rowCount.toLocaleString('en')} rows over ${sims.length} pools (Infrastructure view, all expanded); the page's store complete ${mirrorComplete.t.toFixed(0)} ms after it opened`);
    console.log(`  (while the mirror filled the page, ${describeLoadingFrames(loading)})`);
    const box = await treeBox(page);
    const staticPaint = await page.evaluate(paintStaticList, { count: rowCount, box });
    await page.evaluate(removeStaticList);
    printRatio('first full tree paint after the last object reached the page', firstFull.t - mirrorComplete.t, staticPaint, 'ms', '≤ 2000 ms; baseline: paint of the same number of static rows');

    // Search across every pool: two VM names from two different pools.
    const names = await page.getByRole('treeitem', { level: 3 }).evaluateAll((rows) => rows.map((row) => document.getElementById(row.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''));
    await measureSearch(page, [names[3]!, names.at(-3)!], rowCount);
    const staticFrames = await staticListScrollFrames(page, box, rowCount);
    reportScroll('', await scrollFrames(page, box), staticFrames);
    console.log(`load average at the end: ${loadAverage()}`);
  } finally {
    api.close();
    await browser.close();
    await serve.stop();
  }
} finally {
  for (const sim of sims) sim.stop();
}
process.exit(0);
