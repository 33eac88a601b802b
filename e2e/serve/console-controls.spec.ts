import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Shell, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '2', '--vms', '6', '--seed', '3', '--time-scale', '0.2']);

test('console full screen has a visible way out and a toolbar readable on black; an undocked console docks back', async ({ page, context }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Running');
  await shell.select(name!);
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  const consoleBar = page.getByRole('toolbar', { name: 'Console' });

  await consoleBar.getByRole('button', { name: 'Fullscreen', exact: true }).click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement?.className ?? null)).toBe('console-view');
  // What was seen: only Esc, which the person had to guess, left full screen.
  const exit = consoleBar.getByRole('button', { name: 'Exit Fullscreen' });
  await expect(exit).toBeVisible();
  await expect(consoleBar).toContainText('Esc also leaves full screen');
  // The toolbar keeps light text on a dark bar, whatever the page's theme.
  expect(await consoleBar.evaluate((bar) => getComputedStyle(bar).backgroundColor)).toBe('rgb(28, 32, 39)');
  expect(await consoleBar.evaluate((bar) => getComputedStyle(bar).color)).toBe('rgb(232, 235, 240)');
  await saveScreenshot(page, 'console-fullscreen');
  await exit.click();
  await expect.poll(() => page.evaluate(() => document.fullscreenElement)).toBeNull();
  await expect(consoleBar.getByRole('button', { name: 'Fullscreen', exact: true })).toBeVisible();

  // The undocked window has Dock: the console goes back to its tab.
  const [undocked] = await Promise.all([context.waitForEvent('page'), consoleBar.getByRole('button', { name: 'Undock' }).click()]);
  await expect(page.getByText(`The console of ${name} is open in its own window.`)).toBeVisible();
  await expect(undocked.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect(undocked.getByRole('toolbar', { name: 'Console' }).getByRole('button', { name: 'Undock' })).toHaveCount(0);
  await Promise.all([undocked.waitForEvent('close'), undocked.getByRole('toolbar', { name: 'Console' }).getByRole('button', { name: 'Dock', exact: true }).click()]);
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
});
