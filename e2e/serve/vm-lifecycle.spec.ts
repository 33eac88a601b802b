import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Shell, simulatedVm, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '1', '--time-scale', '0.05']);

/** Waits until the simulator's own database has the VM in this power state. */
async function expectPoolSays(name: string, powerState: string): Promise<void> {
  await expect.poll(async () => (await simulatedVm(pool.simulator, name)).record.power_state, { timeout: 20_000 }).toBe(powerState);
}

test('a VM goes through its lifecycle from the toolbar: start, shut down, reboot, suspend, resume, force shut down', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  expect(name, 'the seeded pool has a halted VM').toBeDefined();
  await shell.select(name!);

  // Halted: only Start (and Force Shut Down for nothing) make sense.
  await expect(shell.button('Start')).toBeEnabled();
  await expect(shell.button('Shut Down')).toBeDisabled();
  await expect(shell.button('Reboot')).toBeDisabled();
  await expect(shell.button('Force Shut Down')).toBeDisabled();

  await shell.button('Start').click();
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Running');
  await expect(shell.task(`Starting VM '${name}'`)).toContainText('Succeeded');
  await expect(shell.button('Start')).toBeDisabled();
  await saveScreenshot(page, 'shell-main-light');

  // Reboot: still running, on a new domain.
  const domidBefore = (await simulatedVm(pool.simulator, name!)).record.domid;
  await shell.button('Reboot').click();
  // Clean shut down, reboot and suspend ask first, as XenCenter does by default.
  await shell.confirm('Reboot VM', 'Reboot');
  await expect(shell.task(`Rebooting VM '${name}'`)).toContainText('Succeeded', { timeout: 20_000 });
  expect((await simulatedVm(pool.simulator, name!)).record.domid).not.toBe(domidBefore);
  await expectPoolSays(name!, 'Running');

  // Suspend turns the button into Resume.
  await shell.button('Suspend').click();
  await shell.confirm('Suspend VM', 'Suspend');
  await expect(shell.window.vmPowerIcon(name!, 'Suspended')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Suspended');
  await expect(shell.button('Resume')).toBeEnabled();
  await shell.button('Resume').click();
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Running');

  await shell.button('Shut Down').click();
  await shell.confirm('Shut Down VM', 'Shut Down');
  await expect(shell.window.vmPowerIcon(name!, 'Halted')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Halted');

  // Ctrl+B starts the selected VM from the keyboard (the tree row has the focus).
  await shell.window.treeItem(name!).focus();
  await page.keyboard.press('ControlOrMeta+b');
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Running');

  // Force Shut Down asks first; Cancel leaves the VM running.
  await shell.button('Force Shut Down').click();
  await shell.confirm('Force Shut Down', 'Cancel');
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible();
  await shell.button('Force Shut Down').click();
  await expect(page.getByRole('dialog', { name: 'Force Shut Down' })).toContainText(`'${name}'`);
  await shell.confirm('Force Shut Down', 'Force Shut Down');
  await expect(shell.window.vmPowerIcon(name!, 'Halted')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Halted');
  await expect(shell.task(`Forcing shutdown of VM '${name}'`)).toContainText('Succeeded');

  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'shell-main-dark');

  // At 125 % zoom a 1280×800 screen gives the page 1024×640 CSS pixels: everything still fits and reads.
  await page.setViewportSize({ width: 1024, height: 640 });
  await expect(shell.button('Force Reboot')).toBeInViewport();
  await expect(page.getByTestId('alert-count')).toBeInViewport();
  await saveScreenshot(page, 'shell-main-125');
});

test('the menu bar and the context menu run the same commands, by mouse and by keyboard', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.select(name!);

  // VM > Start with the mouse; the menu greys what cannot run now.
  await shell.menuBar.getByRole('menuitem', { name: 'VM', exact: true }).click();
  const vmMenu = page.getByRole('menu', { name: 'VM' });
  await expect(vmMenu.getByRole('menuitem', { name: 'Shut Down', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await expect(vmMenu.getByRole('menuitem', { name: 'Start', exact: true })).toHaveAttribute('aria-keyshortcuts', /B$/);
  await saveScreenshot(page, 'shell-menu-vm');
  await vmMenu.getByRole('menuitem', { name: 'Start', exact: true }).click();
  await expect(vmMenu).toBeHidden();
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Running');

  // The context menu lists only what applies to a VM, and shuts it down.
  await shell.window.treeItem(name!).locator('.tree-name').first().click({ button: 'right' });
  await expect(shell.contextMenu).toBeVisible();
  await expect(shell.contextMenu.getByRole('menuitem', { name: 'Reboot Server…' })).toHaveCount(0);
  await expect(shell.contextMenu.getByRole('menuitem', { name: 'Start', exact: true })).toHaveAttribute('aria-disabled', 'true');
  await saveScreenshot(page, 'shell-context-menu');
  // Escape closes it and gives the focus back to the row.
  await page.keyboard.press('Escape');
  await expect(shell.contextMenu).toBeHidden();
  await shell.contextCommand(name!, 'Shut Down');
  await shell.confirm('Shut Down VM', 'Shut Down');
  await expect(shell.window.vmPowerIcon(name!, 'Halted')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Halted');

  // F10 enters the menu bar; arrows reach VM > Start; Enter runs it.
  await shell.window.treeItem(name!).focus();
  await page.keyboard.press('F10');
  await expect(shell.menuBar.getByRole('menuitem', { name: 'File', exact: true })).toBeFocused();
  for (let i = 0; i < 4; i++) await page.keyboard.press('ArrowRight');
  await expect(shell.menuBar.getByRole('menuitem', { name: 'VM', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(vmMenu.getByRole('menuitem', { name: 'New VM…' })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(vmMenu.getByRole('menuitem', { name: 'Start', exact: true })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(vmMenu).toBeHidden();
  await expect(shell.window.vmPowerIcon(name!, 'Running')).toBeVisible({ timeout: 20_000 });
  await expectPoolSays(name!, 'Running');

  // Escape from an open menu goes back to its title, and again to where the focus was.
  await page.keyboard.press('F10');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menu', { name: 'File' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu', { name: 'File' })).toBeHidden();
  await expect(shell.menuBar.getByRole('menuitem', { name: 'File', exact: true })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(shell.window.treeItem(name!)).toBeFocused();
});

test('two selected VMs start together from one click', async ({ page }) => {
  const shell = new Shell(page);
  const halted = await simulatedVmsIn(pool.simulator, 'Halted');
  expect(halted.length, 'the seeded pool has two halted VMs').toBeGreaterThanOrEqual(2);
  const [first, second] = halted;
  await shell.select(first!);
  await shell.select(second!, ['ControlOrMeta']);
  await expect(shell.window.treeItem(first!)).toHaveAttribute('aria-selected', 'true');
  await expect(shell.window.treeItem(second!)).toHaveAttribute('aria-selected', 'true');

  await shell.button('Start').click();
  for (const name of [first!, second!]) {
    await expect(shell.window.vmPowerIcon(name, 'Running')).toBeVisible({ timeout: 20_000 });
    await expectPoolSays(name, 'Running');
    await expect(shell.task(`Starting VM '${name}'`)).toContainText('Succeeded');
  }

  // Both running: Shut Down stops both (one question for the two).
  await shell.button('Shut Down').click();
  await expect(page.getByRole('dialog', { name: 'Shut Down VM' })).toContainText('2 VMs');
  await shell.confirm('Shut Down VM', 'Shut Down');
  for (const name of [first!, second!]) await expectPoolSays(name, 'Halted');
});
