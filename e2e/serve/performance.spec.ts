import { expect, test } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { PerformanceTab } from '../pages/performance.js';

const env = useSimulatorAndServe(['--hosts', '2', '--vms', '8', '--seed', '3', '--time-scale', '0.05']);

/** A running guest with a unique name, a VIF and a disk. */
async function runningVm(): Promise<{ ref: string; name: string }> {
  const tables = (await env.simulator.database()).tables;
  const vms = Object.entries(tables.VM!).filter(([, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true);
  const found = vms.find(([, vm]) => vm.power_state === 'Running' && vms.filter(([, other]) => other.name_label === vm.name_label).length === 1 && (vm.VIFs as string[]).length > 0);
  expect(found, 'the seeded pool has a running VM with a VIF').toBeDefined();
  return { ref: found![0], name: String(found![1].name_label) };
}

test('a running VM\'s Performance tab: CPU, memory, network and disk graphs; load makes CPU rise; Last 1 year shows a year', async ({ page }) => {
  const perf = new PerformanceTab(page);
  await perf.details.window.connectPool(env.serve.url, env.simulator);
  const vm = await runningVm();
  await env.simulator.control('POST', '/metrics/load', { vm: vm.ref, value: 0.2 });
  await perf.open(vm.name);
  expect(await perf.graphTitles()).toEqual(['CPU Performance', 'Memory Performance', 'Network Performance', 'Disk Performance']);
  for (const title of ['CPU Performance', 'Memory Performance', 'Network Performance', 'Disk Performance']) {
    await expect.poll(() => perf.lastValue(title), { message: `${title} has points` }).not.toBeNull();
  }
  const before = (await perf.lastValue('CPU Performance'))!;
  await saveScreenshot(page, 'performance-vm');

  // Load 90 %: the next 5 s rows carry it; the cache polls once per row, so two polls at most.
  await env.simulator.control('POST', '/metrics/load', { vm: vm.ref, value: 0.9 });
  await expect.poll(() => perf.lastValue('CPU Performance'), { timeout: 14_000, message: 'the CPU line rises within two polls' }).toBeGreaterThan(before * 1.8);

  await perf.range('Last 1 year');
  await expect.poll(() => perf.span('CPU Performance')).toBeGreaterThanOrEqual(365 * 86_400);
  await expect.poll(async () => Number(await perf.graph('CPU Performance').getAttribute('data-points'))).toBeGreaterThanOrEqual(360);
  await page.getByRole('radio', { name: 'Dark' }).click();
  await saveScreenshot(page, 'performance-vm-year-dark');
  await page.getByRole('radio', { name: 'Light' }).click();
});

test('a graph added with the chooser is saved in the pool: it survives a reload and shows for a second client', async ({ page, browser }) => {
  const perf = new PerformanceTab(page);
  await perf.details.window.connectPool(env.serve.url, env.simulator);
  const vm = await runningVm();
  await perf.open(vm.name);
  await expect.poll(() => perf.lastValue('CPU Performance')).not.toBeNull();
  await perf.addGraph('Traffic and CPU', ['vif_0_rx', 'cpu0']);
  await expect(perf.graph('Traffic and CPU')).toBeVisible();
  await expect.poll(() => perf.lastValue('Traffic and CPU')).not.toBeNull();
  const tables = (await env.simulator.database()).tables;
  const guiConfig = Object.values(tables.pool!)[0]!.gui_config as Record<string, string>;
  expect(Object.entries(guiConfig).find(([key]) => key.startsWith('Xenith.PerformanceGraphs.'))?.[1]).toContain('Traffic and CPU');

  await page.reload();
  await perf.open(vm.name);
  await expect(perf.graph('Traffic and CPU')).toBeVisible();

  const other = await browser.newPage();
  const second = new PerformanceTab(other);
  await second.details.window.open(env.serve.url);
  await second.open(vm.name);
  await expect(second.graph('Traffic and CPU')).toBeVisible();
  await other.close();

  // Restoring the defaults removes the layout from the pool.
  await page.getByRole('button', { name: 'Restore Default Graphs' }).click();
  await expect(perf.graph('Traffic and CPU')).toHaveCount(0);
  await expect(perf.graph('CPU Performance')).toBeVisible();
});

test('the Home page overview shows every server\'s CPU and memory and the busiest VMs, from the same cache', async ({ page }) => {
  const perf = new PerformanceTab(page);
  await perf.details.window.connectPool(env.serve.url, env.simulator);
  const vm = await runningVm();
  await env.simulator.control('POST', '/metrics/load', { value: 0.05, at: Date.now() / 1000 - 60 });
  await env.simulator.control('POST', '/metrics/load', { vm: vm.ref, value: 1, at: Date.now() / 1000 - 60 });
  const overview = page.getByRole('region', { name: 'Overview' });
  const servers = overview.getByRole('table', { name: 'Servers' });
  for (const host of env.simulator.hosts) await expect(servers.getByRole('row').filter({ hasText: host.name })).toContainText('%');
  await expect(overview.getByRole('table', { name: 'Top VMs by CPU' }).getByRole('row').first()).toContainText(vm.name);
  await saveScreenshot(page, 'home-overview');
  await overview.getByRole('table', { name: 'Top VMs by CPU' }).getByRole('button', { name: vm.name }).click();
  await expect(perf.details.title).toHaveText(vm.name);
});

test('a pool\'s Performance tab shows its servers side by side, and a server its CPU per core, memory, network and load', async ({ page }) => {
  const perf = new PerformanceTab(page);
  await perf.details.window.connectPool(env.serve.url, env.simulator);
  const poolName = String(Object.values((await env.simulator.database()).tables.pool!)[0]!.name_label);
  await perf.details.selectPool(poolName);
  await perf.details.openTab('Performance');
  for (const host of env.simulator.hosts) {
    const column = perf.details.panel.getByRole('region', { name: host.name });
    await expect(column.getByRole('figure', { name: /^CPU Performance:/ })).toBeVisible();
    await expect.poll(async () => column.getByRole('figure', { name: /^Load Average:/ }).getAttribute('data-last-value')).not.toBe('');
  }
  await perf.open(env.simulator.master.name);
  expect(await perf.graphTitles()).toEqual(['CPU Performance', 'Memory Performance', 'Network Performance', 'Load Average']);
  await expect.poll(() => perf.lastValue('Memory Performance')).toBeGreaterThan(0);
});
