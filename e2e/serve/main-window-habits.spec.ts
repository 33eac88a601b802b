import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Shell, simulatedVm, simulatedVmsIn } from '../pages/shell.js';
import { ResourceTreePane } from '../pages/tree.js';
import { DetailsPane } from '../pages/details.js';

/** What XenCenter users expect of the main window (issue 13's "Confusing" list). */
const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '1', '--time-scale', '0.05']);

test('the status bar counts alerts, not routine messages such as "VM started"', async ({ page }) => {
  const shell = new Shell(page);
  const count = page.getByTestId('alert-count');
  const before = Number((await count.textContent())!.match(/\d+/)![0]);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.select(name!);
  await shell.button('Start').click();
  await expect(shell.task(`Starting VM '${name}'`)).toContainText('Succeeded', { timeout: 20_000 });
  await expect.poll(async () => Object.values((await pool.simulator.database()).tables.message ?? {}).some((message) => message.name === 'VM_STARTED')).toBe(true);
  await expect(count).toHaveText(`⚠ ${before} alert${before === 1 ? '' : 's'}`);
  await pool.simulator.control('POST', '/alerts', { name: 'SR_NEARLY_FULL', priority: 2, body: 'nearly full' });
  await expect(count).toHaveText(`⚠ ${before + 1} alert${before + 1 === 1 ? '' : 's'}`);
});

test('a pool disconnected on purpose shows its state and Connect, connects on double-click, and does not make the server "degraded"', async ({ page }) => {
  const shell = new Shell(page);
  const poolRow = shell.window.tree.getByRole('treeitem', { level: 1 }).first();
  await poolRow.locator('.tree-name').click({ button: 'right' });
  await shell.contextMenu.getByRole('menuitem', { name: 'Disconnect', exact: true }).click();
  await expect(shell.window.poolSummary).toHaveText('1 pool: 1 disconnected');
  await poolRow.locator('.tree-name').click();
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByTestId('pool-connection-state')).toHaveText('Disconnected');
  await expect(details.getByRole('button', { name: 'Connect', exact: true })).toBeVisible();
  // The server's health, asked afresh (a reload asks at once): ok, not "degraded", for a pool disconnected on purpose.
  await page.reload();
  await expect(page.getByTestId('server-health')).toContainText('Server ok');
  await expect(shell.window.poolSummary).toHaveText('1 pool: 1 disconnected');

  await poolRow.locator('.tree-name').dblclick();
  await expect(shell.window.poolSummary).toHaveText('1 pool: 1 connected', { timeout: 20_000 });
  await expect(details.getByRole('tab', { name: 'General' })).toBeVisible();

  await poolRow.locator('.tree-name').click({ button: 'right' });
  await shell.contextMenu.getByRole('menuitem', { name: 'Disconnect', exact: true }).click();
  await expect(details.getByTestId('pool-connection-state')).toHaveText('Disconnected');
  await details.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(shell.window.poolSummary).toHaveText('1 pool: 1 connected', { timeout: 20_000 });
});

test('after Delete the parent is selected, not the Welcome page', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.contextCommand(name!, 'Delete VM…');
  const dialog = page.getByRole('dialog', { name: 'Delete VM' });
  await dialog.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(shell.window.treeItem(name!)).toHaveCount(0, { timeout: 20_000 });
  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { level: 1 })).toHaveText(poolName);
  await expect(shell.window.tree.getByRole('treeitem', { level: 1 }).first()).toHaveAttribute('aria-selected', 'true');
});

test('keyboard: type-ahead takes several letters, Ctrl+A selects the tree’s rows, Alt+letter opens a menu, menus never start on a greyed item', async ({ page }) => {
  const shell = new Shell(page);
  const tree = new ResourceTreePane(page);
  const rows = await tree.outline();
  // A row whose first letter alone lands elsewhere first: typing three of its letters reaches it.
  const target = rows.find((row, i) => row.name.length >= 3 && rows.slice(0, i).some((other) => other.name[0] === row.name[0] && !other.name.startsWith(row.name.slice(0, 3))) && !rows.slice(0, i).some((other) => other.name.startsWith(row.name.slice(0, 3))))!;
  await shell.window.tree.getByRole('treeitem', { level: 1 }).first().focus();
  await page.keyboard.type(target.name.slice(0, 3).toLowerCase());
  await expect(shell.window.treeItem(target.name).first()).toBeFocused();

  await page.keyboard.press('ControlOrMeta+a');
  expect((await tree.selectedNames()).length).toBeGreaterThan(3);
  expect(await page.evaluate(() => window.getSelection()?.toString() ?? '')).toBe('');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+v');
  const view = page.getByRole('menu', { name: 'View' });
  await expect(view).toBeVisible();
  await expect(shell.menuBar.getByRole('menuitem', { name: 'View', exact: true }).locator('.access-key')).toHaveText('V');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');

  // A running VM's context menu starts on its first enabled item, not on the greyed Start.
  const [running] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(running!);
  await shell.window.treeItem(running!).locator('.tree-name').click({ button: 'right' });
  await expect(shell.contextMenu.getByRole('menuitem', { name: 'Start', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await expect(shell.contextMenu.locator('[role="menuitem"]:focus')).not.toHaveAttribute('aria-disabled', 'true');
  await page.keyboard.press('Escape');
});

test('Resume has its own icon, and Copy VM proposes a name no VM has', async ({ page }) => {
  const shell = new Shell(page);
  const [suspended] = await simulatedVmsIn(pool.simulator, 'Suspended');
  await shell.select(suspended!);
  await expect(shell.button('Resume').locator('.toolbar-glyph')).toHaveText('☀');
  const [running] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(running!);
  await expect(shell.button('Suspend').locator('.toolbar-glyph')).not.toHaveText('☀');

  const [halted] = await simulatedVmsIn(pool.simulator, 'Halted');
  const other = (await simulatedVmsIn(pool.simulator, 'Running')).at(-1);
  await pool.simulator.control('POST', `/objects/VM/${(await simulatedVm(pool.simulator, other!)).ref}`, { name_label: `Copy of ${halted}` });
  await expect(shell.window.treeItem(`Copy of ${halted}`)).toBeVisible();
  await shell.contextCommand(halted!, 'Copy VM…');
  await expect(page.getByRole('dialog', { name: 'Copy VM' }).getByLabel('Name:')).toHaveValue(`Copy of ${halted} (2)`);
});

test('clean shut down asks first, and "Don’t ask me again" is kept in the settings', async ({ page }) => {
  const shell = new Shell(page);
  const [first, second] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(first!);
  await shell.button('Shut Down').click();
  const question = page.getByRole('dialog', { name: 'Shut Down VM' });
  await expect(question).toContainText(`Shut down '${first}'?`);
  await question.getByRole('checkbox', { name: 'Don’t ask me again' }).check();
  await question.getByRole('button', { name: 'Shut Down', exact: true }).click();
  await expect(shell.window.vmPowerIcon(first!, 'Halted')).toBeVisible({ timeout: 20_000 });
  // Kept on the server: a reloaded window shuts down without asking; Reboot still asks.
  await page.reload();
  await shell.select(second!);
  await shell.button('Reboot').click();
  await expect(page.getByRole('dialog', { name: 'Reboot VM' })).toBeVisible();
  await page.getByRole('dialog', { name: 'Reboot VM' }).getByRole('button', { name: 'Cancel' }).click();
  await shell.button('Shut Down').click();
  await expect(page.getByRole('dialog', { name: 'Shut Down VM' })).toHaveCount(0);
  await expect(shell.window.vmPowerIcon(second!, 'Halted')).toBeVisible({ timeout: 20_000 });
});

test("the pool's Storage tab names the server of each local SR, and its NICs list has no VLAN interface again", async ({ page }) => {
  const details = new DetailsPane(page);
  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await details.selectPool(poolName);
  await details.openTab('Storage');
  const srs = details.grid('Storage repositories');
  const local = details.row(srs, 'Local storage');
  await expect(local).toHaveCount(3);
  const servers = await local.evaluateAll((rows) => rows.map((row) => row.querySelectorAll('[role="gridcell"]')[1]?.textContent ?? ''));
  expect(new Set(servers)).toEqual(new Set(pool.simulator.hosts.map((host) => host.name)));

  await details.openTab('Networking');
  const nics = details.grid('Server NICs');
  await expect(nics.getByRole('row').nth(1)).toBeVisible();
  const pairs = await nics.getByRole('row').evaluateAll((rows) => rows.slice(1).map((row) => Array.from(row.querySelectorAll('[role="gridcell"]')).slice(0, 2).map((cell) => cell.textContent).join(' ')));
  expect(pairs.length).toBeGreaterThan(0);
  expect(new Set(pairs).size).toBe(pairs.length);
});

test('a multi-selection shows what it holds, and the toolbar says it acts on all of them', async ({ page }) => {
  const shell = new Shell(page);
  const running = await simulatedVmsIn(pool.simulator, 'Running');
  const [first, second] = running;
  await shell.select(first!);
  await shell.select(second!, ['ControlOrMeta']);
  const details = page.getByRole('region', { name: 'Details' });
  await expect(details.getByRole('heading', { level: 1 })).toHaveText('2 items selected');
  await expect(details.getByRole('list', { name: 'Selected objects' })).toContainText('2 VMs: 2 running');
  await expect(page.getByTestId('toolbar-scope')).toHaveText('On 2 VMs');
  await expect(shell.button('Shut Down')).toHaveAttribute('title', /all 2 VMs$/);
  await shell.select(pool.simulator.master.name, ['ControlOrMeta']);
  await expect(details.getByRole('list', { name: 'Selected objects' })).toContainText('1 server');
  await expect(page.getByTestId('toolbar-scope')).toHaveText('On 3 selected items');
});

test('templates: View › Show Default Templates, a template’s own context menu, and tabs that say "template"', async ({ page }) => {
  const shell = new Shell(page);
  const { tables } = await pool.simulator.database();
  const defaultTemplate = String(Object.values(tables.VM!).find((vm) => vm.is_a_template === true && vm.is_default_template === true && (vm.VIFs as string[]).length === 0)!.name_label);
  await expect(shell.window.treeItem(defaultTemplate)).toHaveCount(0);
  await shell.menuCommand('View', 'Show Default Templates');
  await expect(shell.window.treeItem(defaultTemplate)).toBeVisible();
  await shell.menuBar.getByRole('menuitem', { name: 'View', exact: true }).click();
  await expect(page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Hide Default Templates' })).toBeVisible();
  await page.keyboard.press('Escape');

  await shell.window.treeItem(defaultTemplate).locator('.tree-name').click({ button: 'right' });
  const items = await shell.contextMenu.getByRole('menuitem').allTextContents();
  for (const item of ['New VM…', 'Copy Template…', 'Delete Template…', 'Properties']) expect(items.join('|')).toContain(item);
  expect(items.join('|')).not.toContain('Start');
  await page.keyboard.press('Escape');

  await shell.select(defaultTemplate);
  await page.getByRole('tab', { name: 'Networking' }).click();
  await expect(page.getByRole('region', { name: 'Details' })).toContainText('This template has no network interfaces.');
});
