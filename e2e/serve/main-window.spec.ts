import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '1', '--time-scale', '0.05']);

/** The pool row: the first row at the top level. */
const poolRow = (shell: Shell) => shell.window.tree.getByRole('treeitem', { level: 1 }).first();

test('the pool has one name: F2 on the pool renames it in the tree, the details and the task panel', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await expect(poolRow(shell)).toHaveAccessibleName(poolName);
  await poolRow(shell).locator('.tree-name').click();
  await page.keyboard.press('F2');
  const rename = dialogs.dialog('Rename');
  await rename.getByLabel('Name:').fill('Lab West');
  await rename.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(rename).toBeHidden();

  // What was seen: the details said "Lab West" while the tree and the task panel kept the old name.
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { level: 1 })).toHaveText('Lab West');
  await expect(poolRow(shell)).toHaveAccessibleName('Lab West');
  const [vm] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.select(vm!);
  await shell.button('Start').click();
  await expect(shell.task(`Starting VM '${vm}'`).locator('.task-pool')).toHaveText('Lab West');
  expect(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label).toBe('Lab West');
});

test('progress never lies: a job with no progress yet is indeterminate, a cancelled copy never shows full', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await pool.simulator.control('POST', '/faults/duration', { method: 'VM.copy', ms: 60_000 });
  await pool.simulator.control('POST', '/faults/latency', { method: 'Async.VM.copy', ms: 3000 });
  await shell.select(name!);
  await dialogs.contextCommand(name!, 'Copy VM…');
  const dialog = dialogs.dialog('Copy VM');
  const copy = await dialog.getByLabel('Name:').inputValue();
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();

  const line = shell.task(`Copying VM '${name}' to '${copy}'`);
  const bar = line.getByRole('progressbar');
  // Before the pool says anything, the bar is indeterminate (no value), not a 0 % that looks stuck.
  await expect(line).toContainText('Running');
  await expect(bar).not.toHaveAttribute('value');
  await expect(line.locator('.task-percent')).toHaveText('');
  // Then it moves with the task.
  await expect(bar).toHaveAttribute('value', /^0\.\d+/, { timeout: 20_000 });
  await line.getByRole('button', { name: /^Cancel Copying/ }).click();
  await expect(line).toContainText('Cancelled', { timeout: 20_000 });
  // What was seen: a full 100 % bar on a cancelled copy.
  await expect(line.locator('.task-percent')).not.toHaveText('100%');
  expect(await bar.evaluateAll((bars) => bars.map((each) => (each as HTMLProgressElement).position))).not.toContain(1);
});

test("a menu's commands act on their own kind of object: Storage › Rename… never renames the selected VM", async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const [vm] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.select(vm!);
  for (const menu of ['Storage', 'Templates']) {
    await shell.menuBar.getByRole('menuitem', { name: menu, exact: true }).click();
    const rename = page.getByRole('menu', { name: menu }).getByRole('menuitem', { name: 'Rename…' });
    // What was seen: the item was enabled and renamed the VM.
    await expect(rename).toHaveAttribute('aria-disabled', 'true');
    await expect(rename).toHaveAttribute('title', menu === 'Storage' ? 'Select one storage repository to rename it.' : 'Select one template to rename it.');
    await rename.dispatchEvent('click');
    await expect(dialogs.dialog('Rename')).toHaveCount(0);
    await page.keyboard.press('Escape');
  }
  // The VM menu's Rename… renames the VM; the Storage menu's renames an SR.
  await shell.menuCommand('VM', 'Rename…');
  await expect(dialogs.dialog('Rename')).toContainText(`'${vm}'`);
  await dialogs.dialog('Rename').getByRole('button', { name: 'Cancel' }).click();
  await shell.select('NFS storage 1');
  await shell.menuCommand('Storage', 'Rename…');
  const rename = dialogs.dialog('Rename');
  await rename.getByLabel('Name:').fill('NFS archive');
  await rename.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(shell.window.treeItem('NFS archive')).toBeVisible();
  expect(Object.values((await pool.simulator.database()).tables.SR!).some((sr) => sr.name_label === 'NFS archive')).toBe(true);
  expect(Object.values((await pool.simulator.database()).tables.VM!).some((each) => each.name_label === vm)).toBe(true);
});
