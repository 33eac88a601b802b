import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { consoleCellShape, decodePng, textShape, withoutCursor } from '../fixtures/png-text.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { simulatorRpc } from '../fixtures/simulator-rpc.js';
import { Dialogs } from '../pages/dialogs.js';
import { simulatedVm, simulatedVmsIn } from '../pages/shell.js';
import { SnapshotsTab } from '../pages/snapshots.js';

const pool = useConnectedPool(['--hosts', '2', '--vms', '10', '--seed', '3', '--time-scale', '0.05']);

/** The VM's snapshots in the simulator's database, by name. */
async function snapshotsOf(vmRef: string): Promise<Map<string, { ref: string; record: Record<string, unknown> }>> {
  const { tables } = await pool.simulator.database();
  return new Map(
    Object.entries(tables.VM ?? {})
      .filter(([, vm]) => vm.is_a_snapshot === true && vm.snapshot_of === vmRef)
      .map(([ref, record]) => [String(record.name_label), { ref, record }]),
  );
}

/** What the VM's console shows, as the simulator itself renders it. */
async function consoleLines(vmRef: string): Promise<string[]> {
  return (await pool.simulator.control<{ lines: string[] }>('GET', `/consoles/${encodeURIComponent(vmRef)}/text`)).lines;
}

/** Takes a snapshot through the Take Snapshot dialog. */
async function takeSnapshot(page: import('@playwright/test').Page, tab: SnapshotsTab, name: string, withMemory = false): Promise<void> {
  await tab.button('Take Snapshot…').click();
  const dialog = new Dialogs(page).dialog('Take Snapshot');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name:' }).fill(name);
  if (withMemory) await dialog.getByRole('radio', { name: "Snapshot the virtual machine's disks and memory" }).check();
  await dialog.getByRole('button', { name: 'Take Snapshot', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(tab.node(name)).toBeVisible({ timeout: 20_000 });
}

test('Take Snapshot… of a halted VM and of a running one with its memory: the tree shows them and Now, the thumbnail shows the console', async ({ page }) => {
  const tab = new SnapshotsTab(page);
  const [haltedName] = await simulatedVmsIn(pool.simulator, 'Halted');
  const halted = await simulatedVm(pool.simulator, haltedName!);
  await tab.open(haltedName!);
  await expect(tab.node('Now')).toBeVisible();
  await takeSnapshot(page, tab, 'before patch');
  expect(await tab.nodeNames()).toEqual(['before patch', 'Now']);
  expect((await snapshotsOf(halted.ref)).get('before patch')?.record).toMatchObject({ power_state: 'Halted', snapshot_of: halted.ref });

  // A running VM whose console someone has open: its snapshot keeps the screen.
  const [runningName] = await simulatedVmsIn(pool.simulator, 'Running');
  const running = await simulatedVm(pool.simulator, runningName!);
  await tab.details.select(runningName!);
  await tab.details.openTab('Console');
  await expect.poll(async () => (await consoleLines(running.ref)).join('\n'), { timeout: 20_000 }).toContain('login:');
  await tab.details.openTab('Snapshots');
  await takeSnapshot(page, tab, 'with memory', true);
  await expect(tab.node('with memory')).toContainText('with memory');
  expect(await tab.nodeNames()).toEqual(['with memory', 'Now']);
  expect((await snapshotsOf(running.ref)).get('with memory')?.record).toMatchObject({ power_state: 'Suspended', blobs: { 'XenCenter.VNCSnapshot': expect.stringMatching(/^OpaqueRef:/) } });

  // The thumbnail is the console as it was: every line of text the simulator drew, where it drew it.
  await tab.node('with memory').click();
  const screenshot = tab.side.getByRole('img', { name: /^Console of with memory/ });
  await expect(screenshot).toBeVisible();
  const src = (await screenshot.getAttribute('src'))!;
  expect(src).toMatch(/^data:image\/png;base64,/);
  const png = Buffer.from(src.replace(/^data:image\/png;base64,/, ''), 'base64');
  expect(decodePng(png)).toMatchObject({ width: 720, height: 400 });
  const shape = textShape(await consoleLines(running.ref));
  expect(shape.filter((line) => line !== '').length).toBeGreaterThan(5);
  expect(withoutCursor(consoleCellShape(png))).toEqual(shape);
  await expect(tab.node('with memory').getByRole('img')).toBeVisible(); // the row's thumbnail too
  await saveScreenshot(page, 'snapshots-tree-with-memory');
});

test('Revert To… with the safety snapshot keeps the current state as a new snapshot next to the VM', async ({ page }) => {
  const tab = new SnapshotsTab(page);
  const [, name] = await simulatedVmsIn(pool.simulator, 'Halted');
  const vm = await simulatedVm(pool.simulator, name!);
  await tab.open(name!);
  await takeSnapshot(page, tab, 'clean');
  await tab.node('clean').click();
  await tab.button('Revert To…').click();
  const dialog = new Dialogs(page).dialog('Revert to Snapshot');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('checkbox', { name: 'Take a snapshot of the current state before reverting' })).toBeChecked();
  await saveScreenshot(page, 'snapshots-revert-dialog');
  await dialog.getByRole('button', { name: 'Revert', exact: true }).click();
  await expect(dialog).toBeHidden();

  await expect(tab.node("Before reverting to 'clean'")).toBeVisible({ timeout: 20_000 });
  // clean has two branches now: the safety snapshot (indented) and Now, the line the VM is on.
  await expect.poll(() => tab.nodeNames()).toEqual(['clean', "Before reverting to 'clean'", 'Now']);
  await expect(tab.node("Before reverting to 'clean'")).toHaveAttribute('aria-level', '2');
  const snapshots = await snapshotsOf(vm.ref);
  expect(snapshots.get("Before reverting to 'clean'")?.record.parent).toBe(snapshots.get('clean')!.ref);
  expect((await simulatedVm(pool.simulator, name!)).record.parent).toBe(snapshots.get('clean')!.ref);
  await saveScreenshot(page, 'snapshots-after-revert');
});

test('New VM from Snapshot… creates a VM from the snapshot and selects it', async ({ page }) => {
  const tab = new SnapshotsTab(page);
  const [, , name] = await simulatedVmsIn(pool.simulator, 'Halted');
  await tab.open(name!);
  await takeSnapshot(page, tab, 'golden');
  await tab.node('golden').click();
  await tab.action('New VM from Snapshot…');
  const dialog = new Dialogs(page).dialog('New VM from Snapshot');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('textbox', { name: 'Name:' }).fill('from golden');
  await dialog.getByRole('button', { name: 'Create VM', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(tab.details.title).toHaveText('from golden', { timeout: 20_000 });
  const made = await simulatedVm(pool.simulator, 'from golden');
  expect(made.record).toMatchObject({ is_a_template: false, is_a_snapshot: false, power_state: 'Halted' });
});

test('a VM with 200 snapshots: the tree keeps only the rows in view in the DOM, and scrolls to the oldest', async ({ page }) => {
  const [, , , name] = await simulatedVmsIn(pool.simulator, 'Halted');
  const vm = await simulatedVm(pool.simulator, name!);
  const xapi = await simulatorRpc(pool.simulator);
  await pool.simulator.control('POST', '/time-scale', { value: 0.001 });
  try {
    for (let i = 0; i < 200; i++) await xapi('VM.snapshot', vm.ref, `bulk ${String(i).padStart(3, '0')}`);
  } finally {
    await pool.simulator.control('POST', '/time-scale', { value: 0.05 });
  }

  const tab = new SnapshotsTab(page);
  await tab.open(name!);
  await expect(tab.node('Now')).toBeVisible({ timeout: 20_000 });
  await expect(tab.node('bulk 199')).toBeVisible();
  const mounted = await tab.tree.getByRole('treeitem').count();
  expect(mounted).toBeLessThan(40);
  await tab.tree.evaluate((tree) => (tree.scrollTop = 0));
  await expect(tab.node('bulk 000')).toBeVisible();
  expect(await tab.tree.getByRole('treeitem').count()).toBeLessThan(40);
  await saveScreenshot(page, 'snapshots-200');
});

test('snapshot schedules: create one for a VM, run it, disable and enable it, edit it, delete it; the tab shows what covers the VM', async ({ page }) => {
  const tab = new SnapshotsTab(page);
  const dialogs = new Dialogs(page);
  const [name] = await simulatedVmsIn(pool.simulator, 'Running');
  const vm = await simulatedVm(pool.simulator, name!);
  await tab.open(name!);
  await expect(tab.scheduleLine).toContainText('This VM is not on a snapshot schedule.');
  await tab.scheduleLine.getByRole('button', { name: 'Snapshot Schedules…' }).click();
  const list = dialogs.dialog('VM Snapshot Schedules');
  await list.getByRole('button', { name: 'New…' }).click();

  const editor = dialogs.dialog('New Snapshot Schedule');
  await editor.getByRole('textbox', { name: 'Name:' }).fill('nightly');
  await editor.getByRole('combobox', { name: 'Frequency:' }).selectOption('daily');
  await editor.getByRole('combobox', { name: 'Hour' }).selectOption('2');
  await editor.getByRole('spinbutton', { name: 'Snapshots to keep:' }).fill('3');
  await editor.getByRole('checkbox', { name: name!, exact: true }).check();
  await saveScreenshot(page, 'snapshots-schedule-editor');
  await editor.getByRole('button', { name: 'Create', exact: true }).click();

  await expect(list).toBeVisible();
  const row = list.getByRole('radio', { name: /nightly/ });
  await expect(list.getByText(/Enabled · Every day at 02:00 · Disks only · keeps 3 · 1 VM/)).toBeVisible();
  const vmss = async () => Object.entries((await pool.simulator.database()).tables.VMSS ?? {}).find(([, record]) => record.name_label === 'nightly');
  expect((await vmss())![1]).toMatchObject({ enabled: true, frequency: 'daily', schedule: { hour: '2', min: '0' }, retained_snapshots: 3, VMs: [vm.ref] });

  await row.check();
  await list.getByRole('button', { name: 'Run Now' }).click();
  await expect(list.getByText(/Last run .* ago: succeeded/)).toBeVisible({ timeout: 20_000 });
  await list.getByRole('button', { name: 'Disable' }).click();
  await expect(list.getByText(/Disabled · Every day/)).toBeVisible();
  expect((await vmss())![1].enabled).toBe(false);
  await list.getByRole('button', { name: 'Enable' }).click();
  await expect(list.getByText(/Enabled · Every day/)).toBeVisible();
  await saveScreenshot(page, 'snapshots-schedules');
  await list.getByRole('button', { name: 'Close' }).click();

  await expect(tab.scheduleLine).toContainText('Scheduled snapshots: nightly — Every day at 02:00, disks only, keeps 3.');
  await expect(tab.scheduleLine).toContainText(/Last run .* ago, succeeded\./);
  await expect(tab.tree.getByRole('treeitem').filter({ hasText: 'scheduled' })).toHaveCount(1);

  await tab.scheduleLine.getByRole('button', { name: 'Snapshot Schedules…' }).click();
  await list.getByRole('radio', { name: /nightly/ }).check();
  await list.getByRole('button', { name: 'Edit…' }).click();
  const edit = dialogs.dialog('Edit Snapshot Schedule');
  await edit.getByRole('combobox', { name: 'Frequency:' }).selectOption('weekly');
  await edit.getByRole('checkbox', { name: 'Fri' }).check();
  await edit.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(list.getByText(/Every Friday at 02:00/)).toBeVisible();
  expect((await vmss())![1]).toMatchObject({ frequency: 'weekly', schedule: { hour: '2', min: '0', days: 'Friday' } });

  await list.getByRole('radio', { name: /nightly/ }).check();
  await list.getByRole('button', { name: 'Delete' }).click();
  await new Dialogs(page).dialog('Delete Snapshot Schedule').getByRole('button', { name: 'Delete', exact: true }).click();
  await expect.poll(async () => (await vmss()) === undefined).toBe(true);
  expect((await simulatedVm(pool.simulator, name!)).record.snapshot_schedule).toBe('OpaqueRef:NULL');
  await expect(tab.scheduleLine).toContainText('This VM is not on a snapshot schedule.');
});
