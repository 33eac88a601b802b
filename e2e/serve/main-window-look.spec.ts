import { expect, test, type Page } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--templates', '21', '--seed', '1', '--time-scale', '0.2']);

/** 1366×820, and the same screen at 125 % zoom (what the page gets in CSS pixels). */
const sizes = [
  { name: '1366', width: 1366, height: 820 },
  { name: '125', width: 1093, height: 656 },
] as const;
const themes = ['Light', 'Dark'] as const;

async function theme(page: Page, name: (typeof themes)[number]): Promise<void> {
  await page.getByRole('radio', { name, exact: true }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', name.toLowerCase());
}

/** The element's height in CSS px. */
const heightOf = (page: Page, testId: string) => page.getByTestId(testId).evaluate((element) => element.getBoundingClientRect().height);

test('the main window with a VM console, at 1366×820 and at 125 %, light and dark: the console gets the room', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(name!);
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    // Nothing runs: the task panel is a header and a line, not a third of the window.
    expect(await shell.taskPanel.evaluate((element) => element.getBoundingClientRect().height)).toBeLessThan(90);
    // What was seen at 1366×820: a console 384 px tall.
    if (size.name === '1366') expect(await heightOf(page, 'console-screen')).toBeGreaterThan(480);
    for (const each of themes) {
      await theme(page, each);
      await saveScreenshot(page, `main-console-${size.name}-${each.toLowerCase()}`);
    }
  }
});

test('the New VM wizard at 1366×820 and at 125 %, light and dark', async ({ page }) => {
  const dialogs = new Dialogs(page);
  for (const size of sizes) {
    await page.setViewportSize({ width: size.width, height: size.height });
    await page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'New VM' }).click();
    const wizard = dialogs.newVm;
    await wizard.getByRole('radiogroup', { name: 'Templates' }).getByRole('radio', { name: 'Debian Bookworm 12', exact: true }).check();
    for (const step of ['Name', 'Installation Media', 'Home Server', 'CPU & Memory']) {
      await dialogs.wizardButton('Next').click();
      await expect(dialogs.currentStep()).toHaveText(step);
    }
    await expect(dialogs.wizardButton('Next')).toBeInViewport();
    // The theme follows the system (the default): the page behind the wizard is inert, so the system switches it.
    for (const each of themes) {
      await page.emulateMedia({ colorScheme: each === 'Light' ? 'light' : 'dark' });
      await expect(page.locator('html')).toHaveAttribute('data-theme', each.toLowerCase());
      await saveScreenshot(page, `new-vm-cpu-memory-${size.name}-${each.toLowerCase()}`);
    }
    await dialogs.wizardButton('Cancel').click();
  }
});

test('the task panel keeps the height the person drags it to, across a reload', async ({ page }) => {
  const shell = new Shell(page);
  await page.setViewportSize({ width: 1366, height: 820 });
  const splitter = page.getByRole('separator', { name: 'Task panel height' });
  const box = (await splitter.boundingBox())!;
  await page.mouse.move(box.x + 200, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 200, box.y - 200, { steps: 5 });
  await page.mouse.up();
  const dragged = await shell.taskPanel.evaluate((element) => element.getBoundingClientRect().height);
  expect(dragged).toBeGreaterThan(200);
  await expect(splitter).toHaveAttribute('aria-valuenow', String(Math.round(dragged)));
  await page.reload();
  await expect(shell.taskPanel).toBeVisible();
  await expect.poll(() => shell.taskPanel.evaluate((element) => Math.round(element.getBoundingClientRect().height))).toBe(Math.round(dragged));
  // From the keyboard: Up grows it; Home lets it size itself again.
  await splitter.focus();
  await page.keyboard.press('ArrowUp');
  await expect(splitter).toHaveAttribute('aria-valuenow', String(Math.round(dragged) + 16));
  await page.keyboard.press('Home');
  await expect(splitter).not.toHaveAttribute('aria-valuenow');
  expect(await shell.taskPanel.evaluate((element) => element.getBoundingClientRect().height)).toBeLessThan(90);
});

test('at 125 % badges never squeeze a server’s name, and the Columns list is not clipped', async ({ page }) => {
  const shell = new Shell(page);
  await page.setViewportSize({ width: 1093, height: 656 });
  // The master in maintenance mode wears both badges.
  await pool.simulator.control('POST', `/objects/host/${pool.simulator.master.ref}`, { enabled: false, other_config: { MAINTENANCE_MODE: 'true' } });
  const row = shell.window.treeItem(pool.simulator.master.name);
  await expect(row).toHaveAccessibleDescription(/Master.*Maintenance mode/);
  const name = row.locator('.tree-name');
  expect(await name.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
  await saveScreenshot(page, 'tree-badges-125');

  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await shell.window.tree.getByRole('treeitem', { level: 1 }).first().getByText(poolName, { exact: true }).click();
  await page.getByRole('tab', { name: 'Search' }).click();
  await page.getByRole('button', { name: 'Columns' }).click();
  const list = page.locator('.columns-popup');
  const box = (await list.boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(656);
  expect(box.x).toBeGreaterThanOrEqual(0);
  const last = list.getByRole('checkbox').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
  await saveScreenshot(page, 'search-columns-125');
});
