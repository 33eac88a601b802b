import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell } from '../pages/shell.js';

useConnectedPool(['--hosts', '2', '--vms', '4', '--templates', '21', '--seed', '1', '--time-scale', '0.05']);

/** Opens the wizard on a default template and walks to CPU & Memory with the given name. */
async function toCpuMemory(dialogs: Dialogs, name: string): Promise<void> {
  await dialogs.page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'New VM' }).click();
  const wizard = dialogs.newVm;
  await wizard.getByRole('radiogroup', { name: 'Templates' }).getByRole('radio', { name: 'Debian Bookworm 12', exact: true }).check();
  await dialogs.wizardButton('Next').click();
  await wizard.getByLabel('Name:').fill(name);
  for (const step of ['Installation Media', 'Home Server', 'CPU & Memory']) {
    await dialogs.wizardButton('Next').click();
    await expect(dialogs.currentStep()).toHaveText(step);
  }
}

test('a VM too big for every server: the wizard warns, the start fails with XAPI’s reason, and Start stays available', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const shell = new Shell(page);
  await toCpuMemory(dialogs, 'too-big-vm');
  const wizard = dialogs.newVm;
  await wizard.getByLabel('Memory:').fill('1048576');
  await expect(wizard.getByRole('note')).toContainText('No server of this pool has 1.0 TiB free now');
  for (const step of ['Storage', 'Networking', 'Finish']) {
    await dialogs.wizardButton('Next').click();
    await expect(dialogs.currentStep()).toHaveText(step);
  }
  await expect(wizard.getByRole('note')).toContainText('it will not start until memory is freed');
  await dialogs.wizardButton('Create Now').click();
  await expect(wizard).toBeHidden();
  const create = shell.task(/^Creating VM 'too-big-vm'/);
  await expect(create).toContainText('Failed', { timeout: 30_000 });
  await expect(create.getByText('HOST_NOT_ENOUGH_FREE_MEMORY', { exact: true })).toBeVisible();

  // What was seen: Start greyed with "'too-big-vm' cannot start now. It is Halted." although the pool allows it.
  await shell.select('too-big-vm');
  await expect(shell.button('Start')).toBeEnabled();
  await shell.button('Start').click();
  const start = shell.task("Starting VM 'too-big-vm'");
  await expect(start).toContainText('Failed');
  await expect(start).toContainText('The server does not have enough free memory');
  await expect(start.getByText('HOST_NOT_ENOUGH_FREE_MEMORY', { exact: true })).toBeVisible();
  await expect(shell.button('Start')).toBeEnabled();
  // A command greyed by a definite fact says that fact.
  await expect(shell.button('Shut Down')).toHaveAttribute('title', "'too-big-vm' is halted.");
});

test('the wizard marks every invalid field at once, each with its message beside it', async ({ page }) => {
  const dialogs = new Dialogs(page);
  await toCpuMemory(dialogs, 'checked-vm');
  const wizard = dialogs.newVm;
  await wizard.getByLabel('vCPUs:').fill('64');
  await wizard.getByLabel('Memory:').fill('1');
  await wizard.getByLabel('Dynamic minimum:').fill('');
  await expect(wizard.getByLabel('vCPUs:')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByLabel('Memory:')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByLabel('Dynamic minimum:')).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByLabel('vCPUs:')).toHaveAccessibleDescription('Choose between 1 and 32 vCPUs');
  await expect(wizard.getByLabel('Memory:')).toHaveAccessibleDescription(/^Choose memory between/);
  await expect(wizard.getByLabel('Dynamic minimum:')).toHaveAccessibleDescription(/^The dynamic minimum must be between/);
  await expect(dialogs.wizardButton('Next')).toBeDisabled();
  await saveScreenshot(page, 'new-vm-invalid-fields');

  await wizard.getByLabel('vCPUs:').fill('2');
  await expect(wizard.getByLabel('vCPUs:')).not.toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.getByLabel('Memory:')).toHaveAttribute('aria-invalid', 'true');
});
