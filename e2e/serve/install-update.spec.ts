import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { simulatorRpc } from '../fixtures/simulator-rpc.js';
import { DetailsPane } from '../pages/details.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.01']);

const update = { name: 'kernel', version: '4.19.19', release: '8.0.38.1.xcpng8.3', description: 'The Linux kernel' };

test('Install Update applies a published XCP-ng update with automatic reboots; the Updates tab shows it in the history', async ({ page }) => {
  test.setTimeout(180_000);
  const dialogs = new Dialogs(page);
  const details = new DetailsPane(page);
  // VMs that cannot leave their server (local storage, paused) are shut down, as the prechecks would ask.
  const rpc = await simulatorRpc(pool.simulator);
  for (const host of pool.simulator.hosts) {
    const preventing = (await rpc('host.get_vms_which_prevent_evacuation', host.ref)) as Record<string, string[]>;
    for (const vm of Object.keys(preventing)) await pool.simulator.control('POST', `/vms/${encodeURIComponent(vm)}/stop`, { hard: true });
  }
  await pool.simulator.control('POST', '/updates/xcp-ng/publish', update);
  const { tables } = await pool.simulator.database();
  const poolName = String(Object.values(tables.pool!)[0]!.name_label);

  await dialogs.menuCommand('Tools', 'Install Update…');
  const wizard = dialogs.dialog('Install Update');
  await expect(wizard).toBeVisible();
  const next = wizard.getByRole('button', { name: 'Next', exact: true });
  const step = wizard.getByRole('navigation', { name: 'Steps' }).locator('[aria-current="step"]');
  await expect(step).toHaveText('Before You Start');
  await expect(wizard.getByRole('combobox', { name: 'Pool' })).toHaveValue(/.+/);
  await next.click();

  await expect(step).toHaveText('Select Update');
  const kernel = wizard.getByRole('checkbox', { name: /^kernel 4\.19\.19-8\.0\.38\.1\.xcpng8\.3 · 3 server\(s\) · reboot/ });
  await expect(kernel).toBeChecked({ timeout: 30_000 });
  await saveScreenshot(page, 'install-update-select');
  await next.click();

  await expect(step).toHaveText('Select Servers');
  for (const host of pool.simulator.hosts) await expect(wizard.getByRole('checkbox', { name: host.name })).toBeChecked();
  await next.click();

  await expect(step).toHaveText('Upload');
  await expect(wizard.getByText('Nothing to upload: XCP-ng servers download their updates from their own repositories.')).toBeVisible();
  await next.click();

  await expect(step).toHaveText('Prechecks');
  const checks = wizard.getByRole('list', { name: 'Prechecks' });
  await expect(checks).toBeVisible({ timeout: 30_000 });
  await expect(checks.getByText('Failed')).toHaveCount(0);
  await expect(checks.getByText(`${pool.simulator.master.name}' can be evacuated`, { exact: false })).toBeVisible();
  await saveScreenshot(page, 'install-update-prechecks');
  await next.click();

  await expect(step).toHaveText('Update Mode');
  await expect(wizard.getByRole('radio', { name: /Allow Xenith to carry out the post-update tasks automatically/ })).toBeChecked();
  await next.click();

  await expect(step).toHaveText('Install');
  await wizard.getByRole('button', { name: 'Install Update', exact: true }).click();
  await expect(wizard).toBeHidden();

  // The rolling update runs in the task panel, with its step list.
  const tasks = page.getByRole('region', { name: 'Tasks' });
  const title = `Rolling pool update of '${poolName}'`;
  const row = tasks.getByRole('row', { name: new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });
  await row.getByRole('button', { name: `Details of ${title}` }).click();
  await expect(tasks.getByRole('list', { name: `Steps of ${title}` }).getByRole('listitem', { name: `Reboot '${pool.simulator.master.name}': Done` })).toBeVisible({ timeout: 120_000 });
  await expect(row.locator('.task-state-text')).toHaveText('Succeeded', { timeout: 120_000 });
  await expect(tasks.getByRole('list', { name: `Notes of ${title}` })).toContainText('3 of 3 server(s) updated.');
  await saveScreenshot(page, 'install-update-rolling-done');

  // Every server took the update and was rebooted by it: its history says so, in the pool's database.
  await details.selectPool(poolName);
  await details.openTab('Updates');
  const history = details.grid('Update history');
  for (const host of pool.simulator.hosts) await expect(details.row(history, host.name)).toContainText('kernel-4.19.19-8.0.38.1.xcpng8.3');
  const servers = details.grid('Servers');
  for (const host of pool.simulator.hosts) await expect(details.row(servers, host.name)).toContainText('Up to date');
  await saveScreenshot(page, 'updates-tab-history');
});
