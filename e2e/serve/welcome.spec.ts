import { expect, test } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { MainWindow } from '../pages/main-window.js';

const env = useSimulatorAndServe(['--hosts', '2', '--vms', '4', '--seed', '3']);

test('the Welcome page adds a server, offers New VM once a pool is connected, and connects a saved pool', async ({ page }) => {
  const window = new MainWindow(page);
  await window.open(env.serve.url);
  const welcome = page.getByRole('region', { name: 'Details' });
  await expect(welcome.getByRole('heading', { name: 'Welcome to Xenith', level: 1 })).toBeVisible();
  const newVm = welcome.getByRole('button', { name: /^New VM/ });
  await expect(newVm).toBeDisabled();
  await expect(newVm).toHaveAccessibleDescription('Connect a pool first.');
  await expect(welcome.getByText('No pools yet. Add a server to start.')).toBeVisible();

  await welcome.getByRole('button', { name: /^Add a Server/ }).click();
  await expect(window.addPoolDialog).toBeVisible();
  await window.addPoolDialog.getByLabel('Server:').fill(env.simulator.masterAddress);
  await window.addPoolDialog.getByLabel('User name:').fill(env.simulator.credentials.user);
  await window.addPoolDialog.getByLabel('Password:').fill(env.simulator.credentials.password);
  await window.addButton().click();
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(window.addPoolDialog).toBeHidden();
  await expect(window.treeItem(env.simulator.master.name)).toBeVisible();

  const pools = welcome.getByRole('region', { name: 'Your pools' });
  const row = pools.getByRole('listitem');
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Connected');
  await expect(row).toContainText(`${env.simulator.credentials.user}@${env.simulator.masterAddress}`);
  await expect(newVm).toBeEnabled();
  await saveScreenshot(page, 'welcome-connected');

  // Disconnected on purpose (the pool stays saved); the next time Xenith opens, the Welcome page offers Connect.
  await row.getByRole('button', { name: /^Show / }).click();
  await page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Pool', exact: true }).click();
  await page.getByRole('menu', { name: 'Pool' }).getByRole('menuitem', { name: 'Disconnect' }).click();
  await expect(window.treeItem(env.simulator.master.name)).toBeHidden();
  await page.reload();
  await expect(row).toContainText('Disconnected');
  await expect(newVm).toBeDisabled();
  await saveScreenshot(page, 'welcome-disconnected');
  await row.getByRole('button', { name: /^Connect / }).click();
  await expect(row).toContainText('Connected', { timeout: 20_000 });
  await expect(window.treeItem(env.simulator.master.name)).toBeVisible();
});
