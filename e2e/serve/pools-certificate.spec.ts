import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { startServeProcess, type ServeProcess } from '../fixtures/serve-process.js';
import { startSimulator, type Simulator } from '../fixtures/simulator.js';
import { MainWindow } from '../pages/main-window.js';

let serve: ServeProcess;
let simulator: Simulator | undefined;
let stateDir: string;

test.beforeEach(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'xenith-e2e-sim-'));
  serve = await startServeProcess();
});
test.afterEach(async () => {
  await simulator?.stop();
  await serve?.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

/** The simulator keeps each host's certificate in its state directory, named after the host ref. */
function removeCertificate(hostRef: string): void {
  const base = join(stateDir, `host-${hostRef.replace(/^OpaqueRef:/, '').replace(/[^\w.-]/g, '_')}`);
  rmSync(`${base}.key.pem`);
  rmSync(`${base}.cert.pem`);
}

test('a pool whose master comes back with another certificate waits for the "Security Certificate Changed" warning', async ({ page }) => {
  test.setTimeout(120_000);
  const args = ['--hosts', '2', '--vms', '4', '--seed', '7', '--state-dir', stateDir];
  simulator = await startSimulator(args);
  const { master, masterAddress, credentials } = simulator;
  const window = new MainWindow(page);
  await window.open(serve.url);
  await window.fillAddPool(masterAddress, credentials.user, credentials.password);
  await window.addButton().click();
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(window.poolSummary).toHaveText('1 pool: 1 connected');

  // The pool goes away: the tree says Xenith is trying again, and when.
  await simulator.stop();
  simulator = undefined;
  const poolRow = window.tree.getByRole('treeitem', { level: 1 });
  await expect(poolRow).toHaveAccessibleDescription(/^Reconnecting/);
  await expect(window.poolSummary).toHaveText('1 pool: 1 reconnecting');
  await saveScreenshot(page, 'pools-reconnecting');

  // It comes back on the same address with a new certificate on the master.
  removeCertificate(master.ref);
  simulator = await startSimulator([...args, '--port', new URL(master.url).port]);
  const newFingerprint = simulator.master.fingerprint;
  expect(newFingerprint).not.toBe(master.fingerprint);

  await expect(window.trustDialog).toHaveAccessibleName('Security Certificate Changed');
  await expect(window.trustDialog.getByRole('alert')).toContainText(`The certificate of ${masterAddress} has changed`);
  await expect(window.trustDialog.getByTestId('previous-fingerprint')).toHaveText(master.fingerprint);
  await expect(window.trustDialog.getByTestId('certificate-fingerprint')).toHaveText(newFingerprint);
  // Nothing to click by habit: Cancel has the focus, and there is no plain "Accept".
  await expect(window.trustDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(window.trustDialog.getByRole('button', { name: 'Accept', exact: true })).toHaveCount(0);
  await expect(window.poolSummary).not.toHaveText('1 pool: 1 connected');
  await saveScreenshot(page, 'pools-certificate-changed');

  await window.trustDialog.getByRole('button', { name: 'Trust the new certificate' }).click();
  await expect(window.trustDialog).toBeHidden();
  await expect(window.poolSummary).toHaveText('1 pool: 1 connected');
  await expect(window.treeItem(simulator.master.name)).toBeVisible();
});
