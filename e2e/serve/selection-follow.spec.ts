import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '1', '--time-scale', '0.05']);

/** Starts a copy of a halted VM that takes a few seconds, from its context menu, and returns its name and the copy's. */
async function startSlowCopy(shell: Shell, dialogs: Dialogs): Promise<{ original: string; copy: string }> {
  const [original] = await simulatedVmsIn(pool.simulator, 'Halted');
  await pool.simulator.control('POST', '/faults/duration', { method: 'VM.copy', ms: 4000 });
  await shell.select(original!);
  await dialogs.contextCommand(original!, 'Copy VM…');
  const dialog = dialogs.dialog('Copy VM');
  const copy = await dialog.getByLabel('Name:').inputValue();
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(shell.task(`Copying VM '${original}' to '${copy}'`)).toContainText('Running');
  return { original: original!, copy };
}

test('a copy that finishes while the person types into another VM’s console leaves the selection and the Type text dialog alone', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const { original, copy } = await startSlowCopy(shell, dialogs);

  const [other] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(other!);
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Type text…' }).click();
  const typeText = dialogs.dialog('Type text into the console');
  await typeText.getByLabel('Text to type').fill('half a sentence');

  await expect(shell.task(`Copying VM '${original}' to '${copy}'`)).toContainText('Succeeded', { timeout: 20_000 });
  await expect(shell.window.treeItem(copy)).toBeVisible();
  // What was seen: the tree jumped to the copy and the dialog vanished with its text. Now both stay.
  await expect(typeText).toBeVisible();
  await expect(typeText.getByLabel('Text to type')).toHaveValue('half a sentence');
  await expect(shell.window.treeItem(other!)).toHaveAttribute('aria-selected', 'true');
  await expect(shell.window.treeItem(copy)).toHaveAttribute('aria-selected', 'false');
  await typeText.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(other!);
});

test('a copy that finishes behind an open Enter Maintenance Mode dialog keeps the server selected and its buttons', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const { original, copy } = await startSlowCopy(shell, dialogs);

  const host = pool.simulator.hosts.find((each) => !each.master)!;
  await dialogs.contextCommand(host.name, 'Enter Maintenance Mode…');
  const maintenance = dialogs.dialog('Enter Maintenance Mode');
  await expect(maintenance).toBeVisible();
  await expect(shell.task(`Copying VM '${original}' to '${copy}'`)).toContainText('Succeeded', { timeout: 20_000 });
  await expect(shell.window.treeItem(copy)).toBeVisible();
  await expect(maintenance).toBeVisible();
  await expect(shell.window.treeItem(host.name)).toHaveAttribute('aria-selected', 'true');
  // The toolbar still shows the server's buttons, not a VM's.
  await expect(shell.button('Reboot Server')).toBeVisible();
  await expect(shell.button('Start')).toHaveCount(0);
});

test('a copy that finishes while the person is still on the original selects the copy', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const { original, copy } = await startSlowCopy(shell, dialogs);
  await expect(shell.task(`Copying VM '${original}' to '${copy}'`)).toContainText('Succeeded', { timeout: 20_000 });
  await expect(shell.window.treeItem(copy)).toHaveAttribute('aria-selected', 'true');
});
