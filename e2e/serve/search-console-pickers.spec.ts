import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { DetailsPane } from '../pages/details.js';
import { Dialogs } from '../pages/dialogs.js';
import { PropertiesDialog } from '../pages/properties.js';
import { simulatedVm, simulatedVmsIn } from '../pages/shell.js';
import { ResourceTreePane } from '../pages/tree.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.05']);

test("a Search tab row has the tree's context menu for its object, and the tree keeps its selection", async ({ page }) => {
  const details = new DetailsPane(page);
  const tree = new ResourceTreePane(page);
  const [vmName] = await simulatedVmsIn(pool.simulator, 'Running');
  const poolRow = tree.tree.getByRole('treeitem', { level: 1 }).first();
  await poolRow.locator('.tree-name').first().click();
  const [poolName] = await tree.selectedNames();
  await details.openTab('Search');
  const grid = details.grid('Search results');
  const row = details.row(grid, vmName!);

  await row.click({ button: 'right' });
  const menu = page.getByRole('menu', { name: 'Context menu' });
  await expect(menu.getByRole('menuitem', { name: /^Shut Down/ })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Properties' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: /^Enter Maintenance Mode/ })).toHaveCount(0);
  await saveScreenshot(page, 'search-row-context-menu');
  await menu.getByRole('menuitem', { name: 'Properties' }).click();
  const properties = new PropertiesDialog(page, vmName!);
  await expect(properties.dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(properties.dialog).toBeHidden();
  expect(await tree.selectedNames()).toEqual([poolName]);

  // From the keyboard: the Menu key on the active row opens the same menu.
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Shift+F10');
  await expect(menu).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
});

test("Migrate to Server lists each server's free memory and CPUs", async ({ page }) => {
  const [vmName] = await simulatedVmsIn(pool.simulator, 'Running');
  await new Dialogs(page).contextCommand(vmName!, 'Migrate to Server…');
  const migrate = page.getByRole('dialog', { name: 'Migrate VM' });
  for (const host of pool.simulator.hosts) {
    await expect(migrate.getByRole('radio', { name: host.name, exact: true })).toHaveAccessibleDescription(/\d+\.\d GiB free of \d+\.\d GiB, \d+ CPUs?/);
  }
  await page.keyboard.press('Escape');
});

test("the Console tab's DVD drive puts an ISO in the VM's drive and ejects it", async ({ page }) => {
  const { tables } = await pool.simulator.database();
  const isoSrs = new Set(Object.entries(tables.SR ?? {}).filter(([, sr]) => sr.type === 'iso').map(([ref]) => ref));
  const [isoRef, iso] = Object.entries(tables.VDI ?? {}).find(([, vdi]) => isoSrs.has(String(vdi.SR)))!;
  const names = await simulatedVmsIn(pool.simulator, 'Running');
  const cdOf = (vmRef: string) => Object.values(tables.VBD ?? {}).find((vbd) => vbd.VM === vmRef && vbd.type === 'CD');
  let vmName = '';
  for (const name of names) if (cdOf((await simulatedVm(pool.simulator, name)).ref)) vmName = name;
  expect(vmName).not.toBe('');
  const { ref: vmRef } = await simulatedVm(pool.simulator, vmName);
  const drive = async () => Object.values((await pool.simulator.database()).tables.VBD ?? {}).find((vbd) => vbd.VM === vmRef && vbd.type === 'CD')!;

  const details = new DetailsPane(page);
  await details.select(vmName);
  await details.openTab('Console');
  const selector = details.panel.getByLabel('DVD Drive 1:');
  await selector.selectOption({ label: String(iso.name_label) });
  await expect.poll(async () => (await drive()).VDI, { timeout: 20_000 }).toBe(isoRef);
  await expect(selector).toBeEnabled();
  await expect(selector).toHaveValue(isoRef);
  await saveScreenshot(page, 'console-dvd-drive');

  await selector.selectOption({ label: '<empty>' });
  await expect.poll(async () => (await drive()).empty, { timeout: 20_000 }).toBe(true);
  await expect(selector).toHaveValue('');
});
