import { request } from 'node:https';
import type { TLSSocket } from 'node:tls';
import { expect, test } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Shell, simulatedVm, simulatedVmsIn } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '2', '--time-scale', '0.05']);

/**
 * Another XAPI client (a script, XenCenter, xe): one JSON-RPC call to the pool master, over TLS pinned to the
 * fingerprint the simulator printed.
 */
function otherClientCall(method: string, params: unknown[]): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return new Promise((resolve, reject) => {
    const call = request(
      new URL('/jsonrpc', pool.simulator.masterUrl),
      { method: 'POST', headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, rejectUnauthorized: false },
      (response) => {
        const fingerprint = (response.socket as TLSSocket).getPeerCertificate().fingerprint256;
        if (fingerprint !== pool.simulator.master.fingerprint) return reject(new Error(`unexpected certificate ${fingerprint}`));
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          const reply = JSON.parse(text) as { result?: unknown; error?: unknown };
          if (reply.error) reject(new Error(JSON.stringify(reply.error)));
          else resolve(reply.result);
        });
      },
    );
    call.on('error', reject);
    call.end(body);
  });
}

async function poolTask(ref: string): Promise<Record<string, unknown> | undefined> {
  return (await pool.simulator.database()).tables.task?.[ref];
}

test('a start the pool refuses shows the sentence and the code in the task panel', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await shell.select(name!);
  await pool.simulator.control('POST', '/faults/fail-next', { method: 'VM.start', code: 'HOST_NOT_ENOUGH_FREE_MEMORY', params: ['1073741824', '536870912'] });

  await shell.button('Start').click();
  const line = shell.task(`Starting VM '${name}'`);
  await expect(line).toContainText('Failed');
  await expect(line).toContainText('The server does not have enough free memory (needs 1.0 GiB, has 512 MiB). Free memory or choose another server.');
  await expect(line.getByText('HOST_NOT_ENOUGH_FREE_MEMORY', { exact: true })).toBeVisible();
  expect((await simulatedVm(pool.simulator, name!)).record.power_state).toBe('Halted');
  await expect(shell.window.vmPowerIcon(name!, 'Halted')).toBeVisible();
  await saveScreenshot(page, 'shell-task-panel');

  // Clear Finished empties the list of what is over.
  await shell.taskPanel.getByRole('button', { name: 'Clear Finished' }).click();
  await expect(line).toHaveCount(0);
  await expect(shell.taskPanel).toContainText('No tasks');

  // The panel folds away and comes back (a saved preference).
  const toggle = shell.taskPanel.getByRole('button', { name: 'Tasks' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(shell.taskPanel.getByText('No tasks')).toBeHidden();
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
});

test('a long start is cancelled from the task panel and the pool stops it', async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await pool.simulator.control('POST', '/faults/duration', { method: 'VM.start', ms: 60_000 });
  await shell.select(name!);
  await shell.button('Start').click();

  const line = shell.task(`Starting VM '${name}'`);
  await expect(line).toContainText('Running');
  // The pool is working on it: the VM lists the start among its current operations.
  await expect.poll(async () => Object.values((await simulatedVm(pool.simulator, name!)).record.current_operations as object)).toContain('start');
  await line.getByRole('button', { name: `Cancel Starting VM '${name}'` }).click();

  await expect(line).toContainText('Cancelled', { timeout: 20_000 });
  await expect(line.getByRole('button', { name: /^Cancel/ })).toHaveCount(0);
  // The start, which had a minute to go, is over on the pool and the VM never came up.
  const { record } = await simulatedVm(pool.simulator, name!);
  expect(Object.keys(record.current_operations as object)).toEqual([]);
  expect(record.power_state).toBe('Halted');
  await expect(shell.window.vmPowerIcon(name!, 'Halted')).toBeVisible();
});

test("another client's task shows with its VM: Go To selects it, Cancel stops it on the pool", async ({ page }) => {
  const shell = new Shell(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Running');
  const { ref } = await simulatedVm(pool.simulator, name!);
  await pool.simulator.control('POST', '/faults/duration', { method: 'VM.clean_shutdown', ms: 60_000 });
  const session = await otherClientCall('session.login_with_password', [pool.simulator.credentials.user, pool.simulator.credentials.password, '1.0', 'e2e-other-client']);
  const taskRef = String(await otherClientCall('Async.VM.clean_shutdown', [session, ref]));

  const line = shell.task('VM.clean_shutdown');
  await expect(line).toContainText('Running');
  await expect(line).toContainText(name!);

  // Go To selects the VM in the tree (the primary selection the details pane shows).
  await shell.select(pool.simulator.master.name);
  await line.getByRole('button', { name: `Go to ${name}` }).click();
  await expect(shell.window.treeItem(name!)).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Details' }).getByRole('heading', { level: 1 })).toHaveText(name!);

  await line.getByRole('button', { name: 'Cancel VM.clean_shutdown' }).click();
  await expect(line).toContainText('Cancelled', { timeout: 20_000 });
  expect((await poolTask(taskRef))?.status).toBe('cancelled');
  expect((await simulatedVm(pool.simulator, name!)).record.power_state).toBe('Running');
});
