import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { startServeProcess, type ServeProcess } from '../fixtures/serve-process.js';
import { startSimulator, type Simulator } from '../fixtures/simulator.js';
import { MainWindow } from '../pages/main-window.js';
import { ResourceTreePane } from '../pages/tree.js';
import { Shell } from '../pages/shell.js';

let serve: ServeProcess | undefined;
test.afterEach(async () => {
  await serve?.stop();
  serve = undefined;
});

/** A user VM of a simulated pool in `powerState`, renamed `name`; returns its ref. */
async function nameVm(simulator: Simulator, powerState: string, name: string): Promise<string> {
  const { tables } = await simulator.database();
  const found = Object.entries(tables.VM ?? {}).find(([, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true && vm.power_state === powerState);
  if (!found) throw new Error(`no ${powerState} VM in the pool`);
  await simulator.control('POST', `/objects/VM/${encodeURIComponent(found[0])}`, { name_label: name });
  return found[0];
}

/** Adds a pool through the Add Pool dialog as a person does, accepting its certificate. */
async function addPool(window: MainWindow, simulator: Simulator): Promise<void> {
  await window.fillAddPool(simulator.masterAddress, simulator.credentials.user, simulator.credentials.password);
  await window.addButton().click();
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(window.addPoolDialog).toBeHidden();
}

test.describe('two pools side by side', () => {
  let alpha: Simulator;
  let bravo: Simulator;
  test.beforeAll(async () => {
    alpha = await startSimulator(['--hosts', '2', '--vms', '8', '--seed', '51', '--time-scale', '0.05']);
    bravo = await startSimulator(['--hosts', '2', '--vms', '8', '--seed', '52', '--time-scale', '0.05', '--base-address', '127.0.2.1']);
    // Both simulators name their pools and hosts alike: give each pool's objects names of its own.
    for (const [simulator, name] of [[alpha, 'Alpha'], [bravo, 'Bravo']] as const) {
      const { tables } = await simulator.database();
      const [poolRef] = Object.keys(tables.pool ?? {});
      await simulator.control('POST', `/objects/pool/${encodeURIComponent(poolRef!)}`, { name_label: `Pool ${name}` });
      for (const [i, host] of simulator.hosts.entries()) await simulator.control('POST', `/objects/host/${encodeURIComponent(host.ref)}`, { name_label: `${name.toLowerCase()}-host-${i + 1}` });
    }
  });
  test.afterAll(async () => {
    await alpha?.stop();
    await bravo?.stop();
  });

  test('are added through Add Pool into one tree; search finds a VM in each; a VM started in the second changes its icon', async ({ page }) => {
    await nameVm(alpha, 'Halted', 'fleet-vm alpha');
    await nameVm(bravo, 'Halted', 'fleet-vm bravo');
    serve = await startServeProcess();
    const window = new MainWindow(page);
    const tree = new ResourceTreePane(page);
    await window.open(serve.url);
    await addPool(window, alpha);
    await addPool(window, bravo);
    await expect(window.poolSummary).toHaveText('2 pools: 2 connected');

    // Side by side at the top of the Infrastructure view, each with its own servers under it.
    await expect(tree.row('Pool Alpha')).toBeVisible();
    await expect(tree.row('Pool Bravo')).toBeVisible();
    const pools = (await tree.outline()).filter((row) => row.level === 1).map((row) => row.name);
    expect(pools).toEqual(['Pool Alpha', 'Pool Bravo']);
    expect(await tree.childrenOf('Pool Bravo')).toEqual(expect.arrayContaining(['bravo-host-1', 'bravo-host-2']));
    expect(await tree.childrenOf('Pool Alpha')).not.toContain('bravo-host-1');

    // One search over every pool.
    await tree.search.fill('fleet-vm');
    await expect(tree.row('fleet-vm alpha')).toBeVisible();
    await expect(tree.row('fleet-vm bravo')).toBeVisible();
    await expect(tree.tree.getByRole('treeitem', { name: /^fleet-vm / })).toHaveCount(2);

    // The Objects view lists the VMs of both pools in one group.
    await tree.view('Objects').click();
    await expect(tree.row('fleet-vm alpha')).toBeVisible();
    await expect(tree.row('fleet-vm bravo')).toBeVisible();
    await tree.view('Infrastructure').click();
    await tree.search.fill('');

    // Started in the second pool from the toolbar: its row's icon follows.
    const shell = new Shell(page);
    await expect(window.vmPowerIcon('fleet-vm bravo', 'Halted')).toBeVisible();
    await shell.select('fleet-vm bravo');
    await shell.button('Start').click();
    await expect(window.vmPowerIcon('fleet-vm bravo', 'Running')).toBeVisible({ timeout: 30_000 });
    await expect(window.vmPowerIcon('fleet-vm alpha', 'Halted')).toBeVisible();
  });
});

test.describe('a 10,000-VM pool', () => {
  let big: Simulator;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    big = await startSimulator(['--hosts', '50', '--vms', '10000', '--seed', '1', '--time-scale', '0.05', '--base-address', '127.0.3.1']);
  });
  test.afterAll(async () => {
    await big?.stop();
  });

  /** "Loading 3,214 of 10,827 VMs…" read as numbers. */
  async function loadingCount(page: Page): Promise<{ loaded: number; total: number }> {
    const text = (await page.getByTestId('pool-loading').textContent()) ?? '';
    const match = /^Loading ([\d,]+) of ([\d,]+) VMs…$/.exec(text);
    if (!match) throw new Error(`unexpected loading line: ${text}`);
    return { loaded: Number(match[1]!.replaceAll(',', '')), total: Number(match[2]!.replaceAll(',', '')) };
  }

  test('shows the master and its servers before the VMs have arrived, counting them in the status bar', async ({ page }) => {
    test.setTimeout(240_000);
    const lastVm = 'last-vm-to-find';
    await nameVm(big, 'Halted', lastVm);
    const vmTotal = Object.keys((await big.database()).tables.VM ?? {}).length;
    serve = await startServeProcess();
    const window = new MainWindow(page);
    const tree = new ResourceTreePane(page);
    await window.open(serve.url);
    await window.fillAddPool(big.masterAddress, big.credentials.user, big.credentials.password);
    await window.addButton().click();
    await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();

    // The master's row, while the status bar still counts VMs arriving: the pool shows before it is all there.
    await expect(window.treeItem(big.master.name)).toBeVisible();
    await expect(page.getByTestId('pool-loading')).toHaveText(/^Loading [\d,]+ of [\d,]+ VMs…$/);
    const early = await loadingCount(page);
    expect(early.total).toBe(vmTotal);
    expect(early.loaded).toBeLessThan(vmTotal);
    await expect(window.addPoolDialog).toBeHidden();
    await saveScreenshot(page, 'many-pools-loading');

    // What has arrived can already be searched and selected.
    const member = big.hosts.find((host) => !host.master)!;
    await tree.search.fill(member.name);
    await new Shell(page).select(member.name);
    await expect(tree.row(member.name)).toHaveAttribute('aria-selected', 'true');
    await tree.search.fill('');

    // Then every VM arrives, the count goes, and the pool is connected.
    await expect(page.getByTestId('pool-loading')).toBeHidden({ timeout: 180_000 });
    await expect(window.poolSummary).toHaveText('1 pool: 1 connected');
    await tree.search.fill(lastVm);
    await expect(tree.row(lastVm)).toBeVisible();
  });
});
