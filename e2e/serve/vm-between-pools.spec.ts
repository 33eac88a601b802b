import { expect, test, type Page } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { startSimulator, type Simulator } from '../fixtures/simulator.js';
import { Dialogs } from '../pages/dialogs.js';
import { ResourceTreePane } from '../pages/tree.js';
import { Shell } from '../pages/shell.js';

/** Two simulated pools: VMs go from the first to the second. */
const source = useSimulatorAndServe(['--hosts', '2', '--vms', '6', '--seed', '41', '--time-scale', '0.05']);
let target: Simulator;
/** The destination's server, renamed so no row of the tree shares its name (both simulators name hosts alike). */
const targetHost = 'xfer-dest-01';
test.beforeAll(async () => {
  target = await startSimulator(['--hosts', '1', '--vms', '2', '--seed', '42', '--time-scale', '0.05', '--base-address', '127.0.1.1']);
  await target.control('POST', `/objects/host/${encodeURIComponent(target.master.ref)}`, { name_label: targetHost });
});
test.afterAll(async () => {
  await target?.stop();
});
test.afterEach(async () => {
  await target?.control('POST', '/faults/clear');
});

const MiB = 1024 * 1024;

/** A guest of the source pool in `powerState`, renamed `name` (unique in both pools) and its disks made small. */
async function prepareVm(powerState: 'Halted' | 'Running', name: string): Promise<string> {
  const { tables } = await source.simulator.database();
  const vbds = Object.values(tables.VBD ?? {});
  const found = Object.entries(tables.VM ?? {}).find(
    ([ref, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true && vm.power_state === powerState
      && vbds.some((vbd) => vbd.VM === ref && vbd.type === 'Disk') && !String(vm.name_label).startsWith('xfer-'),
  );
  if (!found) throw new Error(`the source pool has no ${powerState} VM with a disk`);
  const [ref] = found;
  await source.simulator.control('POST', `/objects/VM/${encodeURIComponent(ref)}`, { name_label: name });
  for (const vbd of vbds.filter((each) => each.VM === ref && each.type === 'Disk')) {
    await source.simulator.control('POST', `/objects/VDI/${encodeURIComponent(String(vbd.VDI))}`, { virtual_size: 4 * MiB, physical_utilisation: 4 * MiB });
  }
  return ref;
}

/** The target pool's VMs called `name`, as its own database has them. */
async function targetVms(name: string): Promise<Record<string, unknown>[]> {
  const { tables } = await target.database();
  return Object.values(tables.VM ?? {}).filter((vm) => vm.name_label === name && vm.is_a_snapshot !== true);
}

/** Opens Xenith and adds both pools as a person does (Add Pool, accept each certificate). */
async function connectBoth(page: Page): Promise<Dialogs> {
  const dialogs = new Dialogs(page);
  await dialogs.connect(source.serve.url, source.simulator);
  await dialogs.window.fillAddPool(target.masterAddress, target.credentials.user, target.credentials.password);
  await dialogs.window.addButton().click();
  await dialogs.window.trustDialog.getByRole('button', { name: 'Accept', exact: true }).click();
  await expect(dialogs.window.addPoolDialog).toBeHidden();
  await expect(dialogs.window.treeItem(targetHost)).toBeVisible();
  return dialogs;
}

test('VM > Copy VM… copies a halted VM to the other pool', async ({ page }) => {
  await prepareVm('Halted', 'xfer-halted');
  const dialogs = await connectBoth(page);
  const shell = new Shell(page);
  await shell.select('xfer-halted');
  await shell.menuCommand('VM', 'Copy VM…');
  const copy = dialogs.dialog('Copy VM');
  await expect(copy).toBeVisible();
  // The destination list holds both pools; the other pool's entry names its server.
  const destination = copy.getByLabel('Destination:');
  const other = destination.locator('option', { hasText: targetHost });
  await expect(destination.locator('option')).toHaveCount(2);
  await destination.selectOption(await other.getAttribute('value'));
  await expect(copy.getByLabel('Storage:')).not.toContainText('Each disk on its current SR');
  await copy.getByLabel('Name:').fill('xfer-halted copy');
  await saveScreenshot(page, 'copy-vm-to-other-pool');
  await copy.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(copy).toBeHidden();

  const line = shell.task(/Copying VM 'xfer-halted' to pool/);
  await expect(line).toContainText('Succeeded', { timeout: 30_000 });
  await expect(line).toContainText(/Storage motion|Streamed through Xenith/);
  await expect(dialogs.window.treeItem('xfer-halted copy')).toBeVisible();
  expect(await targetVms('xfer-halted copy')).toEqual([expect.objectContaining({ power_state: 'Halted' })]);
  // The original stays where it was.
  await expect(dialogs.window.treeItem('xfer-halted')).toBeVisible();
});

test('dragging a running VM onto the other pool\'s server migrates it there through the wizard, still running', async ({ page }) => {
  await prepareVm('Running', 'xfer-live');
  const dialogs = await connectBoth(page);
  const pane = new ResourceTreePane(page);
  const hostRow = pane.row(targetHost);
  await hostRow.evaluate((row) => row.scrollIntoView({ block: 'end' }));

  await pane.row('xfer-live').hover();
  await page.mouse.down();
  const from = (await pane.row('xfer-live').boundingBox())!;
  await page.mouse.move(from.x + 30, from.y + 30, { steps: 3 });
  const to = (await hostRow.boundingBox())!;
  await page.mouse.move(to.x + 40, to.y + 8, { steps: 5 });
  await page.mouse.move(to.x + 60, to.y + 10, { steps: 2 });
  await expect(hostRow).toHaveClass(/drop-target/);
  await page.mouse.up();

  const wizard = dialogs.dialog("Migrate 'xfer-live'");
  await expect(wizard).toBeVisible();
  const next = wizard.getByRole('button', { name: 'Next', exact: true });
  // Destination: the server it was dropped on is chosen.
  await expect(wizard.getByRole('radio', { name: targetHost })).toBeChecked();
  await next.click();
  await expect(wizard.getByRole('heading', { name: 'Storage' })).toBeVisible();
  await next.click();
  await expect(wizard.getByRole('heading', { name: 'Networking' })).toBeVisible();
  await next.click();
  await expect(wizard.getByRole('heading', { name: 'Transfer network' })).toBeVisible();
  await next.click();
  await expect(wizard.getByRole('heading', { name: 'Precheck' })).toBeVisible();
  await expect(wizard.getByText('The pools accept the migration')).toBeVisible();
  await saveScreenshot(page, 'migrate-wizard-precheck');
  await next.click();
  await expect(wizard.getByRole('heading', { name: 'Finish' })).toBeVisible();
  await expect(wizard.getByRole('definition').filter({ hasText: 'the VM keeps running' })).toBeVisible();
  // The wizard's own Finish button (the step list has a Finish entry too).
  await wizard.getByRole('button', { name: 'Finish', exact: true }).and(wizard.locator('[type="submit"]')).click();
  await expect(wizard).toBeHidden();

  await expect.poll(async () => (await targetVms('xfer-live')).map((vm) => vm.power_state), { timeout: 30_000 }).toEqual(['Running']);
  await expect.poll(() => pane.childrenOf(targetHost)).toContain('xfer-live');
  const { tables } = await source.simulator.database();
  expect(Object.values(tables.VM ?? {}).some((vm) => vm.name_label === 'xfer-live')).toBe(false);
});

test('Cancel in the task panel stops a slow copy and leaves nothing on the other pool', async ({ page }) => {
  await prepareVm('Halted', 'xfer-slow');
  const dialogs = await connectBoth(page);
  const shell = new Shell(page);
  const before = Object.keys((await target.database()).tables.VM ?? {}).length;
  // A copy that takes a while: host to host, twenty seconds whatever the size.
  await source.simulator.control('POST', '/faults/duration', { method: 'VM.migrate_send', ms: 20_000 });
  await shell.select('xfer-slow');
  await shell.menuCommand('VM', 'Copy VM…');
  const copy = dialogs.dialog('Copy VM');
  const destination = copy.getByLabel('Destination:');
  await destination.selectOption(await destination.locator('option', { hasText: targetHost }).getAttribute('value'));
  await copy.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(copy).toBeHidden();

  const line = shell.task(/Copying VM 'xfer-slow' to pool/);
  await expect(line).toContainText('Storage motion');
  await expect(line).toContainText('Running');
  await saveScreenshot(page, 'copy-between-pools-running');
  await line.getByRole('button', { name: /^Cancel / }).click();
  await expect(line).toContainText('Cancelled', { timeout: 20_000 });
  expect(await targetVms('Copy of xfer-slow')).toEqual([]);
  expect(Object.keys((await target.database()).tables.VM ?? {}).length).toBe(before);
});
