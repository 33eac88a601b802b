import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '2', '--vms', '4', '--seed', '2']);

test('Reconnect As shows a refused login inline with its code, then reconnects with the right password', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const { tables } = await pool.simulator.database();
  const poolName = String(Object.values(tables.pool!)[0]!.name_label);

  await dialogs.window.treeItem(poolName).locator('.tree-name').first().click();
  await dialogs.menuCommand('Pool', 'Reconnect As…');
  const reconnect = dialogs.dialog('Reconnect As');
  await expect(reconnect.getByLabel('User name:')).toHaveValue(pool.simulator.credentials.user);
  await expect(reconnect.getByLabel('User name:')).toBeFocused();
  await reconnect.getByLabel('Password:').fill('not-the-password');
  await reconnect.getByRole('button', { name: 'Reconnect', exact: true }).click();
  await expect(reconnect.getByRole('alert')).toContainText('(SESSION_AUTHENTICATION_FAILED)');
  await expect(reconnect.getByLabel('Password:')).toBeFocused();
  await saveScreenshot(page, 'pool-dialogs-reconnect-as-refused');

  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(pool.simulator.credentials.password);
  await page.keyboard.press('Enter');
  await expect(reconnect).toBeHidden();
  await expect(dialogs.window.poolSummary).toHaveText('1 pool: 1 connected');
  for (const host of pool.simulator.hosts) await expect(dialogs.window.treeItem(host.name)).toBeVisible();
});

test('Help → About Xenith names the version and closes with Escape', async ({ page }) => {
  const dialogs = new Dialogs(page);
  await dialogs.menuCommand('Help', 'About Xenith');
  const about = dialogs.dialog('About Xenith');
  await expect(about).toContainText(/Xenith \d+\.\d+\.\d+/);
  await expect(about.getByRole('button', { name: 'Close' })).toBeFocused();
  await saveScreenshot(page, 'pool-dialogs-about');
  await page.keyboard.press('Escape');
  await expect(about).toBeHidden();
});
