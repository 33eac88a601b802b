import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import type { SimulatedHost } from '../fixtures/simulator.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.05']);

/** The user VMs resident on a host (running, paused), from the simulator's database. */
async function vmsOn(host: SimulatedHost): Promise<{ ref: string; name: string; powerState: string }[]> {
  const { tables } = await pool.simulator.database();
  return Object.entries(tables.VM ?? {})
    .filter(([, vm]) => vm.resident_on === host.ref && vm.is_control_domain !== true && vm.is_a_template !== true)
    .map(([ref, vm]) => ({ ref, name: String(vm.name_label), powerState: String(vm.power_state) }));
}

test("Enter Maintenance Mode's inline fixes shut down or suspend a VM that cannot move; Exit offers to put every VM back", async ({ page }) => {
  const dialogs = new Dialogs(page);
  const members = pool.simulator.hosts.filter((host) => !host.master);
  const counts = await Promise.all(members.map(async (host) => (await vmsOn(host)).filter((vm) => vm.powerState === 'Running').length));
  const host = members[counts.indexOf(Math.max(...counts))]!;
  const resident = await vmsOn(host);

  await dialogs.contextCommand(host.name, 'Enter Maintenance Mode…');
  const enter = dialogs.dialog('Enter Maintenance Mode');
  const blocking = enter.getByRole('region', { name: 'VMs that cannot be migrated' });
  const enterButton = enter.getByRole('button', { name: 'Enter Maintenance Mode', exact: true });
  // The plan arrives from the pool after the dialog opens: wait for its list before reading it.
  await expect(blocking.locator('.choice-name').first()).toBeVisible();
  const stuck = await blocking.locator('.choice-name').allTextContents();
  expect(stuck.length).toBeGreaterThan(0);
  const movers = resident.filter((vm) => !stuck.includes(vm.name));
  await saveScreenshot(page, 'host-maintenance-fixes');

  // Each blocking VM is fixed in place: the first one suspended when XAPI allows it, the others shut down.
  const fixedAs = new Map<string, string>();
  for (const [index, name] of stuck.entries()) {
    const suspend = blocking.getByRole('button', { name: `Suspend ${name}`, exact: true });
    const useSuspend = index === 0 && (await suspend.count()) > 0;
    const fix = useSuspend ? suspend : blocking.getByRole('button', { name: new RegExp(`^(Force )?Shut Down ${name}$`) });
    await fix.click();
    fixedAs.set(name, useSuspend ? 'Suspended' : 'Halted');
    await expect(blocking.getByText(name, { exact: true })).toHaveCount(0, { timeout: 30_000 });
  }
  await expect(blocking).toHaveCount(0);
  await expect(enterButton).toBeEnabled();
  await enterButton.click();
  await expect(enter).toBeHidden();
  const row = dialogs.window.treeItem(host.name);
  await expect(row).toHaveAccessibleDescription(/Maintenance mode/, { timeout: 30_000 });
  await expect.poll(async () => (await vmsOn(host)).length, { timeout: 30_000 }).toBe(0);
  for (const [name, state] of fixedAs) expect((await pool.simulator.database()).tables.VM![resident.find((vm) => vm.name === name)!.ref]!.power_state).toBe(state);

  // Exit: the VMs that left are listed with how each comes back, and put back.
  await dialogs.contextCommand(host.name, 'Exit Maintenance Mode');
  const exit = dialogs.dialog('Exit Maintenance Mode');
  await expect(exit.getByRole('checkbox', { name: `Put back the VMs that left ${host.name} for maintenance` })).toBeChecked();
  for (const vm of movers.filter((each) => each.powerState === 'Running')) await expect(exit.getByRole('listitem').filter({ hasText: vm.name })).toContainText('migrates back');
  for (const [name, state] of fixedAs) await expect(exit.getByRole('listitem').filter({ hasText: name })).toContainText(state === 'Suspended' ? 'resumes there' : 'starts there');
  await saveScreenshot(page, 'host-maintenance-exit');
  await exit.getByRole('button', { name: 'Exit Maintenance Mode', exact: true }).click();
  await expect(exit).toBeHidden();
  await expect(row).not.toHaveAccessibleDescription(/Maintenance mode/, { timeout: 30_000 });
  const back = async () => (await vmsOn(host)).filter((vm) => vm.powerState === 'Running').map((vm) => vm.name).sort();
  const expected = [...movers.filter((vm) => vm.powerState === 'Running').map((vm) => vm.name), ...fixedAs.keys()].sort();
  await expect.poll(back, { timeout: 30_000 }).toEqual(expected);
});
