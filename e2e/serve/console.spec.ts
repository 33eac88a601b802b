import { expect, test, type Page } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { startServeProcess, type ServeProcess } from '../fixtures/serve-process.js';
import { startSimulator, type Simulator } from '../fixtures/simulator.js';
import { MainWindow } from '../pages/main-window.js';

let sim: Simulator;
let serve: ServeProcess;
test.beforeEach(async () => {
  sim = await startSimulator(['--hosts', '2', '--vms', '6', '--seed', '3', '--time-scale', '0.2']);
  serve = await startServeProcess();
});
test.afterEach(async () => {
  await serve.stop();
  await sim.stop();
});

/** Adds the simulated pool through the dialog (accepting its certificates) and waits for the tree. */
async function addPool(page: Page): Promise<MainWindow> {
  const window = new MainWindow(page);
  await window.open(serve.url);
  await window.fillAddPool(sim.masterAddress, sim.credentials.user, sim.credentials.password);
  await window.addButton().click();
  await window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(page.getByTestId('pool-summary')).toHaveText('1 pool: 1 connected');
  return window;
}

/** The simulator's own reading of the VM's screen. */
async function screenText(vmRef: string): Promise<string> {
  const { lines } = await sim.control<{ lines: string[] }>('GET', `/consoles/${vmRef}/text`);
  return lines.join('\n');
}

test('console: boot text, typing, Ctrl+Alt+Del reboots the VM, undocked console keeps working', async ({ page, context }) => {
  const window = await addPool(page);
  const db = await sim.database();
  const [vmRef, vm] = Object.entries(db.tables.VM!).find(([, r]) => r.power_state === 'Running' && !r.is_control_domain && !r.is_a_template)! as [string, Record<string, unknown>];
  const name = String(vm.name_label);

  await window.treeItem(name).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Connected');
  await expect.poll(() => screenText(vmRef), { timeout: 20_000 }).toContain(name);
  const canvas = page.getByTestId('console-screen').locator('canvas');
  await expect(canvas).toBeVisible();
  await saveScreenshot(page, 'console-boot');

  // Typing goes to the VM and comes back on its screen.
  await canvas.click();
  await page.keyboard.type('xenith');
  await expect.poll(() => screenText(vmRef)).toContain('xenith');
  await saveScreenshot(page, 'console-typed');

  // Send Ctrl+Alt+Del: the VM reboots (its tree icon goes through a reboot) and the console reconnects by itself.
  const domidBefore = vm.domid;
  await page.getByRole('button', { name: 'Send Ctrl+Alt+Del' }).click();
  await expect.poll(async () => (await sim.database()).tables.VM![vmRef]!.domid, { timeout: 20_000 }).not.toBe(domidBefore);
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  await expect.poll(() => screenText(vmRef), { timeout: 20_000 }).toContain(name);
  await expect(window.treeItem(name).getByRole('img', { name: 'Running' }).first()).toBeVisible();

  // Undock into a new tab and keep typing there; the main window shows the placeholder.
  const [undocked] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Undock' }).click()]);
  await expect(page.getByText(`The console of ${name} is open in its own window.`)).toBeVisible();
  await expect(undocked.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
  await undocked.getByTestId('console-screen').locator('canvas').click();
  await undocked.keyboard.type('again');
  await expect.poll(() => screenText(vmRef)).toContain('again');
  await saveScreenshot(undocked, 'console-undocked');

  // Closing the console window docks it back.
  await undocked.close();
  await expect(page.getByTestId('console-state')).toHaveText('Connected', { timeout: 20_000 });
});

test('console: a halted VM says so instead of showing a black screen', async ({ page }) => {
  const window = await addPool(page);
  const db = await sim.database();
  const [, vm] = Object.entries(db.tables.VM!).find(([, r]) => r.power_state === 'Halted' && !r.is_control_domain && !r.is_a_template && !r.is_a_snapshot)!;
  await window.treeItem(String(vm.name_label)).click();
  await page.getByRole('tab', { name: 'Console' }).click();
  await expect(page.getByTestId('console-state')).toHaveText('Not running');
  await expect(page.getByRole('alert').filter({ hasText: 'not running' })).toBeVisible();
});

test('console: a host whose console is vt100 text shows it as text and takes typing', async ({ page }) => {
  const window = await addPool(page);
  const db = await sim.database();
  const [dom0Ref] = Object.entries(db.tables.VM!).find(([, r]) => r.is_control_domain && r.resident_on === sim.master.ref)!;
  const [consoleRef] = Object.entries(db.tables.console!).find(([, c]) => c.VM === dom0Ref)!;
  // A host that offers only its text console.
  await sim.control('POST', `/objects/console/${consoleRef}`, { protocol: 'vt100' });

  await window.treeItem(sim.master.name).getByText(sim.master.name, { exact: true }).first().click();
  await expect(page.getByRole('heading', { name: sim.master.name })).toBeVisible();
  await page.getByRole('tab', { name: 'Console' }).click();
  const text = page.getByTestId('console-text');
  await expect(page.getByTestId('console-state')).toHaveText('Connected');
  await expect(text).toContainText('login:', { timeout: 20_000 });
  await text.click();
  await page.keyboard.type('root');
  await expect.poll(() => screenText(dom0Ref)).toContain('login: root');
  await expect(text).toContainText('login: root');
  await saveScreenshot(page, 'console-host-text');
});
