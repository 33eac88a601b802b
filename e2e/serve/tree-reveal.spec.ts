import { expect, test } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { DetailsPane } from '../pages/details.js';
import { Shell, simulatedVmsIn } from '../pages/shell.js';
import { ResourceTreePane } from '../pages/tree.js';

// Enough VMs that the tree scrolls, on a short window.
const pool = useSimulatorAndServe(['--hosts', '3', '--vms', '120', '--seed', '4', '--time-scale', '0.05']);
test.use({ viewport: { width: 1280, height: 640 } });

test('the selected row stays in view when it moves to pool level, after Go To, and after New VM', async ({ page }) => {
  const shell = new Shell(page);
  const details = new DetailsPane(page);
  await shell.window.connectPool(pool.serve.url, pool.simulator);

  // A running VM near the top (under the first server) is suspended: its row moves to pool level, far below.
  const running = await simulatedVmsIn(pool.simulator, 'Running');
  const tree = shell.window.tree;
  await tree.evaluate((element) => (element.scrollTop = 0));
  const name = (await new ResourceTreePane(page).outline()).find((row) => row.level === 3 && running.includes(row.name))!.name;
  await shell.select(name);
  await shell.button('Suspend').click();
  await shell.confirm('Suspend VM', 'Suspend');
  await expect(shell.window.vmPowerIcon(name, 'Suspended')).toBeVisible({ timeout: 20_000 });
  await expect(shell.window.treeItem(name)).toHaveAttribute('aria-level', '2');
  // What was seen: the selected row was off-screen after it moved.
  await expect(shell.window.treeItem(name)).toBeInViewport();

  // Go To from the pool's Search tab, to a VM far down the tree.
  await tree.evaluate((element) => (element.scrollTop = 0));
  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await details.selectPool(poolName);
  await details.openTab('Search');
  const halted = (await simulatedVmsIn(pool.simulator, 'Halted')).at(-1)!;
  await details.panel.getByRole('searchbox', { name: 'Filter objects' }).fill(halted);
  await details.row(details.grid('Search results'), halted).dblclick();
  await expect(details.title).toHaveText(halted);
  await expect(shell.window.treeItem(halted)).toBeInViewport();

  // New VM: the new VM is selected and shown once its job is done.
  await tree.evaluate((element) => (element.scrollTop = 0));
  await page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'New VM' }).click();
  const wizard = page.getByRole('dialog', { name: 'New VM' });
  await wizard.getByRole('radiogroup', { name: 'Templates' }).getByRole('radio').first().check();
  await wizard.getByRole('button', { name: 'Next', exact: true }).click();
  await wizard.getByLabel('Name:').fill('zz-new-at-the-bottom');
  await wizard.getByRole('navigation', { name: 'Steps' }).getByRole('button', { name: 'Finish' }).click();
  await wizard.getByRole('checkbox', { name: 'Start the new VM automatically' }).uncheck();
  await wizard.getByRole('button', { name: 'Create Now', exact: true }).click();
  await expect(shell.window.treeItem('zz-new-at-the-bottom')).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(shell.window.treeItem('zz-new-at-the-bottom')).toBeInViewport();
});
