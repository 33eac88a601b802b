// Issue 6 benchmark: the resource tree with a simulated pool of 10,000 VMs / 50 hosts, in Chromium through
// Playwright against serve mode, the pool added through the UI as a person adds it. Measured with performance
// marks in the page: mirror complete (the objects store holds the whole pool) → first full tree paint; search
// box latency per keystroke (input event → the next frame painted after the filtered tree rendered); frame times
// while scrolling the tree with the mouse wheel. Baselines from the same page and run: a plain list of the same
// number of static DOM rows (first paint, scroll frames) and an input that only waits for the next frame.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { startServeProcess } from '../e2e/fixtures/serve-process.js';
import { printRatio } from './report.js';
import { paintStaticList, removeStaticList } from './support/ui-baselines.js';
import { describeLoadingFrames, marks, measureSearch, reportScroll, scrollFrames, sleep, staticListScrollFrames, treeBox as treeBoxOf, waitFor } from './support/ui-measures.js';
import { installProbes, startFrameRecording, stopFrameRecording } from './support/ui-page-probes.js';
import { startSimProcess } from './support/sim-process.js';

const hosts = Number(process.env.BENCH_HOSTS ?? 50);
const vms = Number(process.env.BENCH_VMS ?? 10_000);

if (process.env.BENCH_NO_BUILD !== '1') {
  const build = spawnSync(process.execPath, ['scripts/build.mjs', '--quiet'], { stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the build failed');
}
const sim = await startSimProcess(['--hosts', String(hosts), '--vms', String(vms), '--seed', '1']);
const serve = await startServeProcess();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
console.log(`simulated pool: ${hosts} hosts, ${vms} VMs; Chromium ${browser.version()} headless, 1280×800`);
// Frame times depend on the machine being free: say how busy it was.
const load = () => loadavg().map((value) => value.toFixed(1)).join(' ');
console.log(`load average at start: ${load()}`);

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  // tsx keeps function names with a helper the page does not have.
  await page.addInitScript('window.__name = (fn) => fn;');
  await page.addInitScript(installProbes);
  await page.goto(serve.url);
  await page.getByText('Connected to the Xenith server').waitFor();

  // Add the pool as a person does, accepting each certificate question.
  await page.getByRole('button', { name: 'Add Pool' }).click();
  const addDialog = page.getByRole('dialog', { name: 'Add New Server' });
  await addDialog.getByLabel('Server:').fill(new URL(sim.info.masterUrl).host);
  await addDialog.getByLabel('User name:').fill(sim.info.credentials.user);
  await addDialog.getByLabel('Password:').fill(sim.info.credentials.password);
  const addedAt = await page.evaluate(() => performance.now());
  await page.evaluate(startFrameRecording);
  await addDialog.getByRole('button', { name: 'Add', exact: true }).click();
  const summary = page.getByTestId('pool-summary');
  await waitFor('the pool to connect', async () => {
    const accept = page.getByRole('dialog', { name: /Security Certificate/ }).getByRole('button', { name: 'Accept', exact: true });
    if (await accept.isVisible()) await accept.click().catch(() => {});
    return (await summary.textContent()) === '1 pool: 1 connected' ? true : undefined;
  }, 300_000, 500); // Seldom: each look queries the page while it is loading the pool.

  // Mirror complete: the object count stops growing; the first batch that brought it to its final size is the moment.
  let previous = -1;
  const applied = await waitFor('the mirror to settle', async () => {
    await sleep(3000);
    const seen = await marks(page, 'xenith:objects-applied');
    const count = seen.at(-1)?.detail?.objects ?? 0;
    if (count === previous && count > vms) return seen;
    previous = count;
    return undefined;
  }, 300_000);
  const loading = await page.evaluate(stopFrameRecording);
  const objectCount = applied.at(-1)!.detail!.objects!;
  const mirrorComplete = applied.find((mark) => mark.detail!.objects === objectCount)!;
  const painted = await marks(page, 'xenith:tree-painted');
  const rowCount = painted.at(-1)!.detail!.rows!;
  const firstFull = painted.find((mark) => mark.t >= mirrorComplete.t && mark.detail!.rows === rowCount && mark.detail!.search === '');
  if (!firstFull) throw new Error('no tree paint after the mirror completed');
  console.log(`mirror: ${objectCount.toLocaleString('en')} objects; tree: ${rowCount.toLocaleString('en')} rows (Infrastructure view, all expanded)`);

  const treeBox = await treeBoxOf(page);
  const staticPaint = await page.evaluate(paintStaticList, { count: rowCount, box: treeBox });
  await page.evaluate(removeStaticList);
  printRatio('first full tree paint after the mirror is complete', firstFull.t - mirrorComplete.t, staticPaint, 'ms', '≤ 2000 ms; baseline: paint of the same number of static rows');
  const firstObjects = applied.find((mark) => mark.t >= addedAt && (mark.detail?.objects ?? 0) > 0)!;
  console.log(
    `  (Add clicked → first full tree paint: ${(firstFull.t - addedAt).toFixed(0)} ms: the first objects reach the store after ${(firstObjects.t - addedAt).toFixed(0)} ms, ` +
      `the last after ${(mirrorComplete.t - addedAt).toFixed(0)} ms in ${applied.filter((mark) => mark.t >= firstObjects.t && mark.t <= mirrorComplete.t).length} batches)`,
  );
  console.log(`  (while the pool loaded, ${describeLoadingFrames(loading)})`);

  // Search latency: type two VM names key by key and erase them, as a person narrowing down and starting over.
  const names = await page.getByRole('treeitem', { level: 3 }).evaluateAll((rows) => rows.slice(5, 7).map((row) => document.getElementById(row.getAttribute('aria-labelledby') ?? '')?.textContent ?? ''));
  await measureSearch(page, names, rowCount);

  // Scroll frames, the static list first (it sits over the tree), then the tree itself.
  const staticFrames = await staticListScrollFrames(page, treeBox, rowCount);
  const scrollStart = await page.evaluate(() => performance.now());
  const treeFrames = await scrollFrames(page, treeBox);
  const storeUpdates = (await marks(page, 'xenith:objects-applied')).filter((mark) => mark.t >= scrollStart).length;
  reportScroll('', treeFrames, staticFrames);
  console.log(`  (mirror updates applied while scrolling: ${storeUpdates})`);
  // Long frames with neither script nor rendering to speak of are pauses outside the tree's code: a busy machine,
  // or a major garbage collection of what loading the pool left behind. Scroll again from a collected heap to
  // tell them apart.
  const cdp = await page.context().newCDPSession(page);
  const heapMb = () => page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize / 1048576);
  const heapBefore = await heapMb();
  await cdp.send('HeapProfiler.collectGarbage');
  console.log(`heap collected before the second pass: ${(heapBefore - (await heapMb())).toFixed(0)} MiB of ${heapBefore.toFixed(0)} MiB`);
  reportScroll(', from a collected heap', await scrollFrames(page, treeBox), staticFrames);
  console.log(`load average at the end: ${load()}`);
} finally {
  await browser.close();
  await serve.stop();
  sim.stop();
}
