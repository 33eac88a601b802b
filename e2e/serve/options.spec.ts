import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { WebSocket } from 'ws';
import { startServeProcess, type ServeProcess } from '../fixtures/serve-process.js';
import { MainWindow } from '../pages/main-window.js';

/** Serve mode opens its local API socket here when the Options switch is on (XENITH_SOCKET, read at start). */
const socketPath = join(mkdtempSync(join(tmpdir(), 'xenith-e2e-sock-')), 'api.sock');
let serve: ServeProcess;
test.beforeEach(async () => {
  process.env.XENITH_SOCKET = socketPath;
  serve = await startServeProcess();
});
test.afterEach(async () => {
  await serve?.stop();
});

/** The HTTP status of an API socket opened with `Authorization: Bearer <secret>` (101: it opened). */
function bearerStatus(origin: string, secret: string): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/api`, { headers: { authorization: `Bearer ${secret}` } });
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.once('error', () => resolve(-1));
  });
}

test('Tools → Options makes an API token that opens the API, shows its secret once, and revokes it', async ({ page }) => {
  const window = new MainWindow(page);
  await window.open(serve.url);
  const menuBar = page.getByRole('menubar', { name: 'Main menu' });
  await menuBar.getByRole('menuitem', { name: 'Tools', exact: true }).click();
  await page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem', { name: 'Options…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Options' });
  await expect(dialog.getByText('No tokens yet.')).toBeVisible();

  await dialog.getByLabel('New token name').fill('backup script');
  await dialog.getByRole('button', { name: 'Create Token' }).click();
  const secret = await dialog.getByLabel('Secret of backup script').inputValue();
  expect(secret).toMatch(/^xnt_[\w-]{43}$/);
  const row = dialog.getByRole('row', { name: /backup script/ });
  await expect(row.getByRole('cell').nth(2)).toHaveText('never');
  expect(await bearerStatus(serve.origin, secret)).toBe(101);
  // The list follows tokens.changed: the use just made shows without reopening the dialog.
  await expect(row.getByRole('cell').nth(2)).not.toHaveText('never');

  await row.getByRole('button', { name: 'Revoke backup script' }).click();
  await expect(dialog.getByText('No tokens yet.')).toBeVisible();
  expect(await bearerStatus(serve.origin, secret)).toBe(401);
});

test('the Local socket switch opens and closes the API socket for xenith-cli', async ({ page }) => {
  const window = new MainWindow(page);
  await window.open(serve.url);
  await page.getByRole('menubar', { name: 'Main menu' }).getByRole('menuitem', { name: 'Tools', exact: true }).click();
  await page.getByRole('menu', { name: 'Tools' }).getByRole('menuitem', { name: 'Options…' }).click();
  const toggle = page.getByRole('dialog', { name: 'Options' }).getByRole('checkbox', { name: /local socket/ });
  await expect(toggle).not.toBeChecked();
  expect(existsSync(socketPath)).toBe(false);
  await toggle.check();
  await expect.poll(() => existsSync(socketPath)).toBe(true);
  await toggle.uncheck();
  await expect.poll(() => existsSync(socketPath)).toBe(false);
});
