import { expect, test, type Page } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { DetailsPane } from '../pages/details.js';
import { PropertiesDialog } from '../pages/properties.js';
import { simulatedVm, simulatedVmsIn } from '../pages/shell.js';
import { ResourceTreePane } from '../pages/tree.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.05']);

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** A halted VM with a unique name, and its record in the simulator. */
async function haltedVm(): Promise<{ name: string; ref: string; record: Record<string, unknown> }> {
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  if (!name) throw new Error('the seeded pool has no halted VM');
  return { name, ...(await simulatedVm(pool.simulator, name)) };
}

/** The pool's ref and record in the simulator. */
async function simulatedPool(): Promise<{ ref: string; record: Record<string, unknown> }> {
  const [entry] = Object.entries((await pool.simulator.database()).tables.pool ?? {});
  if (!entry) throw new Error('the simulator has no pool');
  return { ref: entry[0], record: entry[1] };
}

test('the VM Properties dialog changes vCPUs, memory, boot order and home server on the pool', async ({ page }) => {
  const { name, ref, record } = await haltedVm();
  const home = pool.simulator.hosts.find((host) => host.ref !== record.affinity)!;
  const vcpusMax = Number(record.VCPUs_max) + 2;
  const staticMax = Number(record.memory_static_max) + GiB;
  const properties = new PropertiesDialog(page, name);
  await properties.openFromTree();
  await expect(properties.pageButton('CPU')).toHaveAccessibleName(`CPU ${String(record.VCPUs_at_startup)} vCPU${record.VCPUs_at_startup === 1 ? '' : 's'}`);

  await properties.showPage('CPU');
  await properties.field('Maximum vCPUs').fill(String(vcpusMax));
  await properties.field('vCPUs at startup').fill(String(vcpusMax - 1));
  // A count the VM cannot start with is marked beside its box, and OK waits until it is corrected.
  await properties.field('vCPUs at startup').fill(String(vcpusMax + 1));
  await expect(properties.field('vCPUs at startup')).toHaveAccessibleDescription(`Cannot be more than the maximum (${vcpusMax}).`);
  await expect(properties.ok()).toBeDisabled();
  await properties.field('vCPUs at startup').fill(String(vcpusMax - 1));
  await expect(properties.ok()).toBeEnabled();

  await properties.showPage('Memory');
  await properties.field('Static maximum').fill(String(staticMax / GiB));
  await properties.field('Dynamic maximum').fill(String(staticMax / GiB));

  await properties.showPage('Boot Options');
  const network = properties.dialog.getByRole('checkbox', { name: 'Network' });
  if (!(await network.isChecked())) await network.check();
  await properties.dialog.getByRole('button', { name: 'Move DVD-Drive up' }).click();

  await properties.showPage('Home Server');
  const server = properties.dialog.getByRole('radio', { name: home.name, exact: true });
  await expect(server).toHaveAccessibleDescription(/GiB free of .* GiB, \d+ CPUs?/);
  await server.check();
  await saveScreenshot(page, 'properties-vm-home-server');
  await properties.ok().click();
  await expect(properties.dialog).toBeHidden({ timeout: 20_000 });

  const { record: after } = await simulatedVm(pool.simulator, name);
  expect(after).toMatchObject({ VCPUs_max: vcpusMax, VCPUs_at_startup: vcpusMax - 1, memory_static_max: staticMax, memory_dynamic_max: staticMax, affinity: home.ref });
  expect(after.memory_static_min).toBe(record.memory_static_min);
  expect(after.memory_dynamic_min).toBe(record.memory_dynamic_min);
  expect(String((after.HVM_boot_params as Record<string, string>).order)).toBe('dcn');
  expect((await simulatedVm(pool.simulator, name)).ref).toBe(ref);
});

test("a memory value XAPI refuses shows its code and sentence and changes nothing (the Memory tab's Edit)", async ({ page }) => {
  const { name, record } = await haltedVm();
  const { ref: poolRef } = await simulatedPool();
  // The pool's licence does not include dynamic memory control: XAPI pins the dynamic range at the static maximum.
  await pool.simulator.control('POST', `/objects/pool/${encodeURIComponent(poolRef)}`, { restrictions: { restrict_dmc: 'true' } });
  try {
    const details = new DetailsPane(page);
    await details.select(name);
    await details.openTab('Memory');
    await details.panel.getByRole('button', { name: 'Edit…' }).click();
    const properties = new PropertiesDialog(page, name);
    await expect(properties.dialog).toBeVisible();
    await expect(properties.pageButton('Memory')).toHaveAttribute('aria-current', 'page');
    // A dynamic range in XAPI's order, but not pinned at the static maximum.
    const staticMin = Number(record.memory_static_min);
    const staticMax = Number(record.memory_static_max);
    const between = (fraction: number) => Math.round((staticMin + (staticMax - staticMin) * fraction) / MiB) * MiB;
    const dynamicMin = between(0.5) === record.memory_dynamic_min ? between(0.75) : between(0.5);
    expect(dynamicMin).toBeGreaterThan(staticMin);
    await properties.field('Dynamic maximum').fill(String(staticMax / GiB));
    await properties.field('Dynamic minimum').fill(String(dynamicMin / GiB));
    await properties.ok().click();

    const refusal = properties.dialog.getByRole('alert');
    await expect(refusal).toContainText('Memory: This VM cannot use dynamic memory', { timeout: 20_000 });
    await expect(refusal).toContainText("the pool's licence does not include dynamic memory control");
    await expect(refusal.getByText('(MEMORY_CONSTRAINT_VIOLATION)')).toBeVisible();
    await expect(properties.dialog).toBeVisible();
    await saveScreenshot(page, 'properties-vm-memory-refused');

    const { record: after } = await simulatedVm(pool.simulator, name);
    for (const field of ['memory_static_min', 'memory_dynamic_min', 'memory_dynamic_max', 'memory_static_max']) expect(after[field], field).toBe(record[field]);
    await properties.dialog.getByRole('button', { name: 'Cancel', exact: true }).click();
    await expect(properties.dialog).toBeHidden();
  } finally {
    await pool.simulator.control('POST', `/objects/pool/${encodeURIComponent(poolRef)}`, { restrictions: {} });
  }
});

/** Opens each kind's Properties dialog and saves a screenshot of it, on the page `pageTitle` for the VM. */
async function screenshotEachDialog(page: Page, suffix: string): Promise<void> {
  const tree = new ResourceTreePane(page);
  const { name: vmName } = await haltedVm();
  const { record: poolRecord } = await simulatedPool();
  const host = pool.simulator.master;
  const shots: { name: string; open: () => Promise<void>; page?: string; file: string }[] = [
    { name: vmName, open: () => new PropertiesDialog(page, vmName).openFromTree(), page: 'Memory', file: 'vm' },
    { name: host.name, open: () => new PropertiesDialog(page, host.name).openFromTree(), page: 'Alerts', file: 'host' },
    {
      name: String(poolRecord.name_label),
      open: async () => {
        await tree.tree.getByRole('treeitem', { level: 1 }).first().locator('.tree-name').first().click({ button: 'right' });
        await page.getByRole('menu').getByRole('menuitem', { name: 'Properties' }).click();
      },
      page: 'Migration Network',
      file: 'pool',
    },
  ];
  for (const shot of shots) {
    const properties = new PropertiesDialog(page, shot.name);
    await shot.open();
    await expect(properties.dialog).toBeVisible();
    if (shot.page) await properties.showPage(shot.page);
    await saveScreenshot(page, `properties-${shot.file}-${suffix}`);
    await page.keyboard.press('Escape');
    await expect(properties.dialog).toBeHidden();
  }
  // SRs and networks are listed in the Objects view.
  await tree.view('Objects').click();
  const { tables } = await pool.simulator.database();
  const unique = (cls: string, keep: (record: Record<string, unknown>) => boolean) => {
    const records = Object.values(tables[cls] ?? {}).filter(keep);
    return String(records.find((record) => records.filter((other) => other.name_label === record.name_label).length === 1)!.name_label);
  };
  const srName = unique('SR', (sr) => sr.shared === true && sr.content_type !== 'iso');
  const networkName = unique('network', (network) => (network.PIFs as string[]).length > 0);
  for (const [name, file] of [
    [srName, 'sr'],
    [networkName, 'network'],
  ] as const) {
    const properties = new PropertiesDialog(page, name);
    await properties.openFromTree();
    await properties.showPage('Custom Fields');
    await saveScreenshot(page, `properties-${file}-${suffix}`);
    await page.keyboard.press('Escape');
    await expect(properties.dialog).toBeHidden();
  }
  await tree.view('Infrastructure').click();
}

test.describe('at 1366×820', () => {
  test.use({ viewport: { width: 1366, height: 820 } });
  test('each Properties dialog, light and dark', async ({ page }) => {
    await screenshotEachDialog(page, 'light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshotEachDialog(page, 'dark');
  });
});

test.describe('at 125 % (1093×656)', () => {
  test.use({ viewport: { width: 1093, height: 656 }, deviceScaleFactor: 1.25 });
  test('each Properties dialog, light and dark', async ({ page }) => {
    await screenshotEachDialog(page, 'light-125');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await screenshotEachDialog(page, 'dark-125');
  });
});
