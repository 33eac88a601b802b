import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '12', '--seed', '1', '--time-scale', '0.02']);

/** Guest VMs running on a host now, by ref, as the simulator has them. */
async function runningOn(hostRef: string): Promise<string[]> {
  const { tables } = await pool.simulator.database();
  return Object.entries(tables.VM!)
    .filter(([, vm]) => vm.resident_on === hostRef && vm.power_state === 'Running' && vm.is_control_domain !== true)
    .map(([ref]) => ref);
}

test('Reboot Server is offered while VMs run: they are migrated away first, as XenCenter offers', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  // A member whose VMs can all move (none on its local storage).
  const { tables } = await pool.simulator.database();
  const member = pool.simulator.hosts.filter((host) => !host.master).find((host) =>
    Object.values(tables.VM!).some((vm) => vm.resident_on === host.ref && vm.power_state === 'Running' && vm.is_control_domain !== true),
  )!;
  const plan = await runningOn(member.ref);
  for (const vmRef of plan) {
    const vbds = Object.values(tables.VBD!).filter((vbd) => vbd.VM === vmRef && vbd.type === 'Disk');
    const local = vbds.some((vbd) => tables.SR![String(tables.VDI![String(vbd.VDI)]?.SR)]?.shared !== true);
    if (local) await pool.simulator.control('POST', `/vms/${vmRef}/stop`, { hard: true });
  }
  const moving = await runningOn(member.ref);
  expect(moving.length).toBeGreaterThan(0);

  await shell.select(member.name);
  // What was seen: greyed while VMs run.
  await expect(shell.button('Reboot Server')).toBeEnabled();
  await shell.button('Reboot Server').click();
  const dialog = dialogs.dialog('Reboot Server');
  await expect(dialog.getByRole('group', { name: /VMs? running there/ })).toBeVisible();
  await expect(dialog.getByRole('radio', { name: 'Migrate them to other servers first' })).toBeChecked();
  await saveScreenshot(page, 'host-reboot-with-vms');
  await dialog.getByRole('button', { name: 'Reboot', exact: true }).click();
  await expect(shell.task(`Rebooting server '${member.name}'`)).toContainText('Succeeded', { timeout: 30_000 });
  const after = (await pool.simulator.database()).tables.VM!;
  for (const vmRef of moving) expect(after[vmRef]).toMatchObject({ power_state: 'Running', resident_on: expect.not.stringMatching(member.ref) });
});

test('the pool master says so, and another server takes over before it goes down', async ({ page }) => {
  const shell = new Shell(page);
  const dialogs = new Dialogs(page);
  const master = pool.simulator.master;
  await shell.select(master.name);
  await shell.menuCommand('Server', 'Enter Maintenance Mode…');
  const maintenance = dialogs.dialog('Enter Maintenance Mode');
  await expect(maintenance).toContainText(`'${master.name}' is the pool master.`);
  await expect(maintenance.getByRole('checkbox', { name: 'Make another server the master first:' })).toBeChecked();
  await maintenance.getByRole('button', { name: 'Cancel' }).click();

  await shell.menuCommand('Server', 'Reboot Server…');
  const dialog = dialogs.dialog('Reboot Server');
  await expect(dialog).toContainText(`'${master.name}' is the pool master.`);
  const next = await dialog.getByRole('combobox', { name: 'New pool master' }).locator('option:checked').textContent();
  await dialog.getByRole('radio', { name: 'Shut them down first' }).check();
  await saveScreenshot(page, 'host-reboot-master');
  await dialog.getByRole('button', { name: 'Reboot', exact: true }).click();
  await expect(shell.task(`Making '${next}' the pool master`)).toContainText('Succeeded', { timeout: 30_000 });
  await expect(shell.task(`Rebooting server '${master.name}'`)).toContainText('Succeeded', { timeout: 30_000 });
  const { tables } = await pool.simulator.database();
  const nextRef = pool.simulator.hosts.find((host) => host.name === next)!.ref;
  expect(Object.values(tables.pool!)[0]!.master).toBe(nextRef);
  await expect(shell.window.treeItem(next!)).toHaveAccessibleDescription(/Master/);
});
