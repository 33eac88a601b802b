import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { repoRoot, startServeProcess, type ServeProcess } from '../fixtures/serve-process.js';

const packageVersion = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string }).version;

let serve: ServeProcess;
test.beforeEach(async () => {
  serve = await startServeProcess();
});
test.afterEach(async () => {
  await serve.stop();
});

test('the app frame loads and shows the version the server reports', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page).toHaveURL(`${serve.origin}/`);
  await expect(page.getByRole('navigation', { name: 'Resources' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Details' })).toBeVisible();
  await expect(page.getByTestId('server-connection')).toHaveText('Connected to the Xenith server');
  await expect(page.getByTestId('server-version')).toContainText(`Xenith ${packageVersion} (serve mode`);
  await expect(page.getByTestId('server-health')).toContainText('Server ok');
  await saveScreenshot(page, 'app-frame');
});

test('the page is refused without the token', async ({ page }) => {
  const response = await page.goto(serve.origin);
  expect(response?.status()).toBe(401);
  await expect(page.getByText('needs its access token')).toBeVisible();
});

test('the theme switch repaints the frame and is remembered by the server', async ({ page }) => {
  await page.goto(serve.url);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);

  await page.getByRole('radio', { name: 'Light' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  const light = await background();

  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  const dark = await background();
  expect(dark).not.toBe(light);
  await saveScreenshot(page, 'app-frame-dark');

  // A fresh page gets the saved choice back from the server.
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const saved = JSON.parse(readFileSync(join(serve.dataDir, 'settings.json'), 'utf8')) as { theme: string };
  expect(saved.theme).toBe('dark');
});

test('"System" follows the operating system preference', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(serve.url);
  await page.getByRole('radio', { name: 'System' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
});

test('the View menu switches the theme too, and Alt moves into the menu bar', async ({ page }) => {
  await page.goto(serve.url);
  const menuBar = page.getByRole('menubar', { name: 'Main menu' });
  await expect(menuBar.getByRole('menuitem')).toHaveText(['File', 'View', 'Pool', 'Server', 'VM', 'Storage', 'Templates', 'Tools', 'Help']);
  await menuBar.getByRole('menuitem', { name: 'View', exact: true }).click();
  await page.getByRole('menu', { name: 'View' }).getByRole('menuitem', { name: 'Dark Theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('radio', { name: 'Dark' })).toHaveAttribute('aria-checked', 'true');
  // Alt alone moves into the menu bar, as in XenCenter.
  await page.keyboard.press('Alt');
  await expect(menuBar.getByRole('menuitem', { name: 'File', exact: true })).toBeFocused();
});
