import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';
import { simulatedVm } from '../pages/shell.js';
import { ResourceTreePane } from '../pages/tree.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.05']);


/** The name of a halted VM (unique name) with at least `count` disks, from the simulator's database. */
async function haltedVmWithDisks(count: number): Promise<string> {
  const { tables } = await pool.simulator.database();
  const vms = Object.values(tables.VM ?? {}).filter((vm) => vm.is_a_template !== true && vm.is_control_domain !== true);
  const found = vms.find(
    (vm) =>
      vm.power_state === 'Halted' &&
      vms.filter((other) => other.name_label === vm.name_label).length === 1 &&
      (vm.VBDs as string[]).filter((vbd) => tables.VBD![vbd]!.type === 'Disk').length >= count,
  );
  if (!found) throw new Error(`the seeded pool has no halted VM with ${count} disks`);
  return String(found.name_label);
}

/** Running VMs (unique names) whose disks are all on shared storage, so any server can take them. */
async function movableRunningVms(): Promise<{ ref: string; name: string; residentOn: string }[]> {
  const { tables } = await pool.simulator.database();
  const vms = Object.entries(tables.VM ?? {}).filter(([, vm]) => vm.is_a_template !== true && vm.is_control_domain !== true);
  const shared = (vm: Record<string, unknown>) =>
    (vm.VBDs as string[]).every((vbd) => {
      const vdi = String(tables.VBD![vbd]!.VDI);
      return vdi === 'OpaqueRef:NULL' || tables.SR![String(tables.VDI![vdi]!.SR)]!.shared === true;
    });
  return vms
    .filter(([, vm]) => vm.power_state === 'Running' && shared(vm) && vms.filter(([, other]) => other.name_label === vm.name_label).length === 1)
    .map(([ref, vm]) => ({ ref, name: String(vm.name_label), residentOn: String(vm.resident_on) }));
}

function hostByRef(ref: unknown) {
  return pool.simulator.hosts.find((host) => host.ref === ref)!;
}

test('Migrate VM moves a running VM to the chosen server: the tree shows it there and the pool agrees', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const tree = new ResourceTreePane(page);
  const { record: before } = await simulatedVm(pool.simulator, 'web-01');
  const from = hostByRef(before.resident_on);
  const to = pool.simulator.hosts.find((host) => host !== from && !host.master)!;

  await dialogs.contextCommand('web-01', 'Migrate to Server…');
  const migrate = dialogs.dialog('Migrate VM');
  await expect(migrate).toBeVisible();
  await expect(migrate).toHaveAccessibleDescription("Choose the server to migrate 'web-01' to.");
  // The server it runs on is listed, greyed, as the current one.
  await expect(migrate.getByRole('radio', { name: from.name })).toBeDisabled();
  await expect(migrate.getByRole('radio', { name: from.name })).toHaveAccessibleDescription(/Current server/);
  await migrate.getByRole('radio', { name: to.name }).check();
  await saveScreenshot(page, 'vm-dialogs-migrate');
  await migrate.getByRole('button', { name: 'Migrate', exact: true }).click();
  await expect(migrate).toBeHidden();

  await expect.poll(async () => tree.childrenOf(to.name), { timeout: 20_000 }).toContain('web-01');
  expect(await tree.childrenOf(from.name)).not.toContain('web-01');
  expect((await simulatedVm(pool.simulator, 'web-01')).record.resident_on).toBe(to.ref);
});

test('the migrate list greys a server that cannot take the VM and gives XAPI’s reason and code', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const { record } = await simulatedVm(pool.simulator, 'proxy-01');
  const from = hostByRef(record.resident_on);
  const [disabled, other] = pool.simulator.hosts.filter((host) => host !== from);
  // Another administrator disables a server behind Xenith's back.
  await pool.simulator.control('POST', `/objects/host/${encodeURIComponent(disabled!.ref)}`, { enabled: false });
  try {
    await dialogs.contextCommand('proxy-01', 'Migrate to Server…');
    const migrate = dialogs.dialog('Migrate VM');
    const refused = migrate.getByRole('radio', { name: disabled!.name });
    await expect(refused).toBeDisabled();
    await expect(refused).toHaveAccessibleDescription(/HOST_DISABLED/);
    await expect(migrate.getByText('(HOST_DISABLED)')).toBeVisible();
    await expect(migrate.getByRole('radio', { name: other!.name })).toBeEnabled();
    // The one server that can take it is chosen for the person.
    await expect(migrate.getByRole('radio', { name: other!.name })).toBeChecked();
    await saveScreenshot(page, 'vm-dialogs-migrate-reason');
    await page.keyboard.press('Escape');
    await expect(migrate).toBeHidden();
  } finally {
    await pool.simulator.control('POST', `/objects/host/${encodeURIComponent(disabled!.ref)}`, { enabled: true });
  }
});

test('Clone VM selects the clone; Delete VM deletes it with only the disks the person chose', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const tree = new ResourceTreePane(page);
  const original = await haltedVmWithDisks(2);

  await dialogs.contextCommand(original, 'Clone VM…');
  const clone = dialogs.dialog('Clone VM');
  const name = clone.getByLabel('Name:');
  await expect(name).toHaveValue(`Copy of ${original}`);
  await expect(name).toBeFocused();
  await name.fill('clone for delete');
  await saveScreenshot(page, 'vm-dialogs-clone');
  await clone.getByRole('button', { name: 'Clone', exact: true }).click();
  await expect(clone).toBeHidden();
  // The clone is selected as soon as its job has made it.
  await expect.poll(() => tree.selectedNames(), { timeout: 20_000 }).toEqual(['clone for delete']);

  const { ref: cloneRef, record: cloneRecord } = await simulatedVm(pool.simulator, 'clone for delete');
  const { tables } = await pool.simulator.database();
  const cloneDisks = (cloneRecord.VBDs as string[])
    .map((vbd) => tables.VBD![vbd]!)
    .filter((vbd) => vbd.type === 'Disk')
    .map((vbd) => ({ ref: vbd.VDI as string, name: String(tables.VDI![vbd.VDI as string]!.name_label) }));
  expect(cloneDisks.length).toBeGreaterThanOrEqual(2);
  const kept = cloneDisks[0];

  await dialogs.contextCommand('clone for delete', 'Delete VM…');
  const remove = dialogs.dialog('Delete VM');
  await expect(remove).toHaveAccessibleDescription(/Delete 'clone for delete'\?/);
  // Destructive: Cancel has the focus, so Enter does not delete.
  await expect(remove.getByRole('button', { name: 'Cancel' })).toBeFocused();
  const disks = remove.getByRole('group', { name: 'Disks to delete' }).getByRole('checkbox');
  await expect(disks).toHaveCount(cloneDisks.length);
  for (const disk of cloneDisks) await expect(remove.getByRole('checkbox', { name: new RegExp(escapeRegExp(disk.name)) }).first()).toBeChecked();
  await disks.first().uncheck();
  await saveScreenshot(page, 'vm-dialogs-delete');
  await remove.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(remove).toBeHidden();

  await expect(dialogs.window.treeItem('clone for delete')).toHaveCount(0, { timeout: 20_000 });
  // The job destroys the VM, then each chosen disk.
  const remainingDisks = async () => {
    const { tables } = await pool.simulator.database();
    return cloneDisks.filter((disk) => tables.VDI![disk.ref] !== undefined).map((disk) => disk.ref);
  };
  await expect.poll(remainingDisks, { timeout: 20_000 }).toEqual([kept!.ref]);
  expect((await pool.simulator.database()).tables.VM![cloneRef]).toBeUndefined();
});

test('Copy VM puts a full copy on the chosen SR with its description and selects it; Rename (F2) shows a failure inline, then renames', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const tree = new ResourceTreePane(page);
  const original = await haltedVmWithDisks(1);

  // The VM menu acts on the selection: select the VM first, as a person would.
  await dialogs.window.treeItem(original).locator('.tree-name').first().click();
  await dialogs.menuCommand('VM', 'Copy VM…');
  const copy = dialogs.dialog('Copy VM');
  await expect(copy.getByLabel('Name:')).toHaveValue(`Copy of ${original}`);
  await copy.getByLabel('Description:').fill('Full copy for the e2e test');
  const storage = copy.getByLabel('Storage:');
  const labels = await storage.locator('option').allTextContents();
  expect(labels).toContain('Each disk on its current SR');
  expect(labels.some((label) => /^ISO library|^DVD drives/.test(label)), 'ISO and DVD SRs cannot hold disks').toBe(false);
  await storage.selectOption({ label: labels.find((label) => label.startsWith('iSCSI SAN 2'))! });
  await saveScreenshot(page, 'vm-dialogs-copy');
  await copy.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(copy).toBeHidden();
  const copyName = `Copy of ${original}`;
  await expect.poll(() => tree.selectedNames(), { timeout: 30_000 }).toEqual([copyName]);

  const { tables } = await pool.simulator.database();
  const [copyRef, copyRecord] = Object.entries(tables.VM!).find(([, vm]) => vm.name_label === copyName)!;
  const iscsi = Object.entries(tables.SR!).find(([, sr]) => sr.name_label === 'iSCSI SAN 2')![0];
  const copyDisks = (copyRecord.VBDs as string[]).map((vbd) => tables.VBD![vbd]!).filter((vbd) => vbd.type === 'Disk');
  expect(copyDisks.length).toBeGreaterThan(0);
  for (const vbd of copyDisks) expect(tables.VDI![vbd.VDI as string]!.SR).toBe(iscsi);
  await expect.poll(async () => (await pool.simulator.database()).tables.VM![copyRef]!.name_description, { timeout: 20_000 }).toBe('Full copy for the e2e test');

  // F2 on the selected VM: the first try fails on the pool, and the dialog says why, with the code.
  await pool.simulator.control('POST', '/faults/fail-next', { method: 'VM.set_name_label', code: 'OPERATION_NOT_ALLOWED', params: ['renames are frozen'] });
  await dialogs.window.treeItem(copyName).locator('.tree-name').first().click();
  await page.keyboard.press('F2');
  const rename = dialogs.dialog('Rename');
  const field = rename.getByLabel('Name:');
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(copyName);
  await field.fill('renamed copy');
  await field.press('Enter');
  const failure = rename.getByRole('alert');
  await expect(failure).toContainText('(OPERATION_NOT_ALLOWED)');
  await expect(field).toBeFocused();
  await saveScreenshot(page, 'vm-dialogs-rename-failed');
  await page.keyboard.press('Enter');
  await expect(rename).toBeHidden();
  await expect(dialogs.window.treeItem('renamed copy')).toBeVisible();
  expect((await pool.simulator.database()).tables.VM![copyRef]!.name_label).toBe('renamed copy');
});

test('Start on Server starts a halted VM on the server chosen', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const name = await haltedVmWithDisks(1);

  await dialogs.contextCommand(name, 'Start on Server…');
  const startOn = dialogs.dialog('Start on Server');
  await expect(startOn).toHaveAccessibleDescription(`Choose the server to start '${name}' on.`);
  const choices = startOn.getByRole('radio');
  await expect(choices).toHaveCount(pool.simulator.hosts.length);
  // The first server that can start it is preselected; take the last one that can instead.
  const usable: typeof pool.simulator.hosts = [];
  for (const each of pool.simulator.hosts) if (await startOn.getByRole('radio', { name: each.name }).isEnabled()) usable.push(each);
  expect(usable.length).toBeGreaterThan(0);
  await expect(startOn.getByRole('radio', { name: usable[0]!.name })).toBeChecked();
  const host = usable.at(-1)!;
  await startOn.getByRole('radio', { name: host.name }).check();
  await saveScreenshot(page, 'vm-dialogs-start-on');
  await startOn.getByRole('button', { name: 'Start', exact: true }).click();
  await expect(startOn).toBeHidden();

  await expect.poll(async () => (await simulatedVm(pool.simulator, name)).record.power_state, { timeout: 20_000 }).toBe('Running');
  expect((await simulatedVm(pool.simulator, name)).record.resident_on).toBe(host.ref);
  await expect(dialogs.window.vmPowerIcon(name, 'Running')).toBeVisible();
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

test('a force operation asks first, with the danger button and Cancel focused: Enter cancels', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const { ref, record } = await simulatedVm(pool.simulator, 'k8s-node-1');
  expect(record.power_state).toBe('Running');
  await dialogs.contextCommand('k8s-node-1', 'Force Reboot');
  const confirm = dialogs.dialog('Force Reboot');
  await expect(confirm).toHaveAccessibleDescription(/k8s-node-1/);
  await expect(confirm.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expect(confirm.getByRole('button', { name: 'Force Reboot' })).toHaveClass(/danger/);
  await saveScreenshot(page, 'vm-dialogs-confirm');
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  expect((await pool.simulator.database()).tables.VM![ref]!.domid, 'the VM was not rebooted').toBe(record.domid);
});

test('Migrate VM with several VMs selected migrates each to the chosen server', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const movable = await movableRunningVms();
  // Two VMs, and a server neither runs on.
  const target = pool.simulator.hosts.find((host) => movable.filter((vm) => vm.residentOn !== host.ref).length >= 2)!;
  const [first, second] = movable.filter((vm) => vm.residentOn !== target.ref);
  expect(second, 'the pool runs two movable VMs off one server').toBeDefined();

  await dialogs.window.treeItem(first!.name).locator('.tree-name').first().click();
  await dialogs.window.treeItem(second!.name).locator('.tree-name').first().click({ modifiers: ['ControlOrMeta'] });
  await dialogs.contextCommand(second!.name, 'Migrate to Server…');
  const migrate = dialogs.dialog('Migrate VM');
  await expect(migrate).toHaveAccessibleDescription('Choose the server to migrate 2 VMs to.');
  await migrate.getByRole('radio', { name: target.name }).check();
  await saveScreenshot(page, 'vm-dialogs-migrate-several');
  await migrate.getByRole('button', { name: 'Migrate', exact: true }).click();
  await expect(migrate).toBeHidden();

  for (const vm of [first!, second!]) {
    await expect.poll(async () => (await pool.simulator.database()).tables.VM![vm.ref]!.resident_on, { timeout: 20_000 }).toBe(target.ref);
  }
});
