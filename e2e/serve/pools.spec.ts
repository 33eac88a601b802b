import { expect, test } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { MainWindow } from '../pages/main-window.js';

const env = useSimulatorAndServe(['--hosts', '3', '--vms', '20', '--seed', '1']);

/** VMs a person sees in the tree (no templates, snapshots or control domains), from the simulator's own dump. */
async function userVms(): Promise<{ ref: string; name: string; powerState: string }[]> {
  const { tables } = await env.simulator.database();
  return Object.entries(tables.VM ?? {})
    .filter(([, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true)
    .map(([ref, vm]) => ({ ref, name: String(vm.name_label), powerState: String(vm.power_state) }));
}

test('a new user adds the simulated pool, trusts its certificate, sees the tree fill and follow a VM start', async ({ page }) => {
  const window = new MainWindow(page);
  await window.open(env.serve.url);
  await expect(window.tree).toHaveCount(0);
  await expect(window.poolSummary).toHaveText('No pools');

  await window.fillAddPool(env.simulator.masterAddress, env.simulator.credentials.user, env.simulator.credentials.password);
  await expect(window.addPoolDialog.getByLabel('Remember this server')).toBeChecked();
  await saveScreenshot(page, 'pools-add-dialog');
  await window.addButton().click();

  // The master's certificate is new: the dialog shows the fingerprint the simulator printed.
  await expect(window.trustDialog).toHaveAccessibleName('New Security Certificate');
  await expect(window.trustDialog.getByTestId('certificate-fingerprint')).toHaveText(env.simulator.master.fingerprint);
  await expect(window.trustDialog).toContainText(env.simulator.masterAddress);
  await expect(window.addPoolDialog.getByRole('button', { name: 'Connecting…' })).toBeDisabled();
  await saveScreenshot(page, 'pools-trust-dialog');
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();

  // Connected: the dialog closes and the tree holds every host and the pool's VMs.
  await expect(window.addPoolDialog).toBeHidden();
  await expect(window.trustDialog).toBeHidden();
  await expect(window.poolSummary).toHaveText('1 pool: 1 connected');
  for (const host of env.simulator.hosts) await expect(window.treeItem(host.name)).toBeVisible();
  await expect(window.treeItem(env.simulator.master.name)).toHaveAccessibleDescription('Master');
  const vms = await userVms();
  expect(vms.length).toBeGreaterThan(0);
  for (const vm of vms) await expect(window.vmPowerIcon(vm.name, vm.powerState)).toBeVisible();
  await saveScreenshot(page, 'pools-tree');

  // The tree works from the keyboard: arrows move, left folds a branch, right opens it again.
  const poolRow = window.tree.getByRole('treeitem', { level: 1 });
  await poolRow.locator('.tree-name').first().click();
  await expect(poolRow).toHaveAttribute('aria-selected', 'true');
  await expect(poolRow).toBeFocused();
  await page.keyboard.press('ArrowDown');
  const masterRow = window.treeItem(env.simulator.master.name);
  await expect(masterRow).toBeFocused();
  // The rows are one flat list (the tree is virtualised): folding the master hides the rows of its VMs.
  const { tables } = await env.simulator.database();
  const onMaster = vms.find((vm) => tables.VM?.[vm.ref]?.resident_on === env.simulator.master.ref && vms.filter((other) => other.name === vm.name).length === 1);
  expect(onMaster, 'the seeded master runs a VM with a unique name').toBeDefined();
  await page.keyboard.press('ArrowLeft');
  await expect(masterRow).toHaveAttribute('aria-expanded', 'false');
  await expect(window.treeItem(onMaster!.name)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(masterRow).toHaveAttribute('aria-expanded', 'true');
  await expect(window.treeItem(onMaster!.name)).toBeVisible();

  // Start a halted VM behind Xenith's back: its icon turns to Running.
  const halted = vms.find((vm) => vm.powerState === 'Halted' && vms.filter((other) => other.name === vm.name).length === 1);
  expect(halted, 'the seeded pool has a halted VM with a unique name').toBeDefined();
  await expect(window.vmPowerIcon(halted!.name, 'Halted')).toBeVisible();
  await env.simulator.control('POST', `/vms/${encodeURIComponent(halted!.ref)}/start`);
  await expect(window.vmPowerIcon(halted!.name, 'Running')).toBeVisible();
  await expect(window.treeItem(halted!.name)).toHaveAccessibleDescription('Running');
  await saveScreenshot(page, 'pools-vm-started');

  // The server box remembers the address for next time.
  await page.getByRole('button', { name: 'Add Pool' }).click();
  await expect(window.addPoolDialog.locator(`datalist option[value="${env.simulator.masterAddress}"]`)).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(window.addPoolDialog).toBeHidden();

  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'pools-tree-dark');
});

test('a wrong password shows the sentence and the code inline, keeps what was typed and adds nothing', async ({ page }) => {
  const window = new MainWindow(page);
  await window.open(env.serve.url);
  await window.fillAddPool(env.simulator.masterAddress, 'root', 'not-the-password');
  // Focus stays inside the dialog: Tab from the last button wraps to the first field, and back.
  await window.addPoolDialog.getByRole('button', { name: 'Cancel' }).focus();
  await page.keyboard.press('Tab');
  await expect(window.addPoolDialog.getByLabel('Server:')).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(window.addPoolDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();

  const userName = window.addPoolDialog.getByLabel('User name:');
  await userName.fill('');
  await expect(window.addButton()).toBeDisabled();
  await userName.fill('root');
  await expect(window.addButton()).toBeEnabled();
  await window.addPoolDialog.getByLabel('Password:').press('Enter');

  // This Xenith has not seen the host yet: trust comes before the login.
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();

  const error = window.addPoolDialog.getByRole('alert');
  await expect(error).toContainText('Incorrect user name or password');
  await expect(error).toContainText('(SESSION_AUTHENTICATION_FAILED)');
  await expect(window.addPoolDialog.getByLabel('Server:')).toHaveValue(env.simulator.masterAddress);
  await expect(window.addPoolDialog.getByLabel('User name:')).toHaveValue('root');
  await expect(window.addPoolDialog.getByLabel('Password:')).toHaveValue('not-the-password');
  await expect(window.addPoolDialog.getByLabel('Password:')).toBeFocused();
  await expect(window.addButton()).toBeEnabled();
  await expect(window.tree).toHaveCount(0);
  await expect(window.poolSummary).toHaveText('No pools');
  await saveScreenshot(page, 'pools-wrong-password');

  await page.keyboard.press('Escape');
  await expect(window.addPoolDialog).toBeHidden();
});
