// What the UI benchmarks measure in a page, each with its baseline from the same page and run: the search box's
// latency per keystroke (input event → the next frame painted after the filtered tree) against an input that only
// waits for the next frame, and frame times while wheel-scrolling the tree against a static list of the same
// number of rows.
import type { Page } from '@playwright/test';
import { percentile, printRatio } from '../report.js';
import { addEmptyFrameInput, paintStaticList, removeStaticList, takeEmptyFrameSamples, type Box } from './ui-baselines.js';
import { startFrameRecording, stopFrameRecording, type LongFrame, type RecordedMark } from './ui-page-probes.js';

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The performance marks of one name the page recorded so far. */
export const marks = (page: Page, name: string): Promise<RecordedMark[]> => page.evaluate((wanted) => window.__uiBench.marks.filter((mark) => mark.name === wanted), name);

/** Polls until `check` gives a value, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000, everyMs = 50): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** The tree's box on screen (where the static baseline list goes). */
export async function treeBox(page: Page): Promise<Box> {
  return (await page.getByRole('tree', { name: 'Pools, hosts and VMs' }).boundingBox())!;
}

/**
 * Types `names` key by key into the search box and erases them, as a person narrowing down and starting over, and
 * prints the latency per keystroke (median and p95) against an input that only waits for the next frame.
 */
export async function measureSearch(page: Page, names: readonly string[], rowCount: number): Promise<{ latencies: number[]; baseline: number[] }> {
  const keys = names.flatMap((name) => [...name, ...[...name].map(() => 'Backspace')]);
  const search = page.getByRole('searchbox', { name: 'Search resources' });
  await search.click();
  const latencies: number[] = [];
  for (const key of keys) {
    const before = await page.evaluate(() => window.__uiBench.inputs.length);
    await page.keyboard.press(key);
    const input = await waitFor('the input event', () => page.evaluate((count) => window.__uiBench.inputs[count], before), 5000);
    const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean).join(' ');
    const mark = await waitFor<RecordedMark>('the filtered tree to paint', () =>
      page.evaluate(({ t, words }) => window.__uiBench.marks.find((m) => m.name === 'xenith:tree-painted' && m.t > t && m.detail?.search === words), { t: input.t, words }),
    5000);
    latencies.push(mark.t - input.t);
  }
  await page.evaluate(addEmptyFrameInput);
  for (const key of keys) {
    await page.keyboard.press(key);
    await sleep(20);
  }
  const baseline = await page.evaluate(takeEmptyFrameSamples);
  console.log(`search: ${latencies.length} keystrokes typing and erasing ${names.map((name) => `"${name}"`).join(' and ')} over ${rowCount.toLocaleString('en')} rows`);
  printRatio('filter latency per keystroke, median', percentile(latencies, 50), percentile(baseline, 50), 'ms', 'baseline: an input that only waits for the next frame');
  printRatio('filter latency per keystroke, p95', percentile(latencies, 95), percentile(baseline, 95), 'ms', '≤ 50 ms');
  return { latencies, baseline };
}

export interface ScrollFrames {
  frames: number[];
  longFrames: LongFrame[];
}

/** Frame times while wheel-scrolling down and back up over `box`. */
export async function scrollFrames(page: Page, box: Box, wheelSteps = 240): Promise<ScrollFrames> {
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(startFrameRecording);
  // Down, then back up: rows enter the DOM on both edges.
  for (let i = 0; i < wheelSteps; i++) {
    await page.mouse.wheel(0, i < wheelSteps / 2 ? 400 : -400);
    await sleep(16);
  }
  await sleep(300);
  return page.evaluate(stopFrameRecording);
}

/** Frame times scrolling a static list of `rowCount` rows laid over the tree: the scroll baseline. */
export async function staticListScrollFrames(page: Page, box: Box, rowCount: number, wheelSteps = 240): Promise<ScrollFrames> {
  await page.evaluate(paintStaticList, { count: rowCount, box });
  const frames = await scrollFrames(page, box, wheelSteps);
  await page.evaluate(removeStaticList);
  return frames;
}

/** Prints the longest and p95 frames of a tree scroll against the static list's, and the long frames Chromium saw. */
export function reportScroll(label: string, tree: ScrollFrames, staticList: ScrollFrames, wheelSteps = 240): void {
  printRatio(`longest frame while wheel-scrolling the tree${label}`, Math.max(...tree.frames), Math.max(...staticList.frames), 'ms', 'no frame over 50 ms; baseline: the static list');
  printRatio(`p95 frame while wheel-scrolling the tree${label}`, percentile(tree.frames, 95), percentile(staticList.frames, 95), 'ms');
  console.log(
    `  (${tree.frames.length} frames, ${wheelSteps} wheel steps of 400 px down and back up; frames over 50 ms: ${tree.frames.filter((ms) => ms > 50).length}; ` +
      `long animation frames reported by Chromium: ${tree.longFrames.length}, static list ${staticList.longFrames.length})`,
  );
  for (const frame of tree.longFrames) {
    console.log(`  long frame ${frame.duration.toFixed(0)} ms: script ${frame.scriptMs.toFixed(0)} ms, style/layout/paint ${frame.renderMs.toFixed(0)} ms${frame.scripts ? ` (${frame.scripts})` : ''}`);
  }
}

/** What loading cost the page: script time in long frames, and the longest frame with what ran in it. */
export function describeLoadingFrames(loading: ScrollFrames): string {
  const busy = loading.longFrames.reduce((sum, frame) => sum + frame.scriptMs, 0);
  const worst = [...loading.longFrames].sort((a, b) => b.duration - a.duration)[0];
  return (
    `the page spent ${busy.toFixed(0)} ms in scripts of ${loading.longFrames.length} long frames; longest frame ${Math.max(0, ...loading.frames).toFixed(0)} ms` +
    (worst ? ` (Chromium's longest: ${worst.duration.toFixed(0)} ms: scripts ${worst.scriptMs.toFixed(0)} ms [${worst.scripts || 'none over 5 ms'}], rendering ${worst.renderMs.toFixed(0)} ms)` : '') +
    `; frames over 100 ms: ${loading.frames.filter((ms) => ms > 100).length} of ${loading.frames.length}`
  );
}
