import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import type { SimulatedHost } from '../fixtures/simulator.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--seed', '1', '--time-scale', '0.05']);

type Row = Record<string, unknown>;

/** The user VMs resident on a host (running or paused), by name, from the simulator's database. */
async function vmsOn(host: SimulatedHost): Promise<{ ref: string; name: string; powerState: string }[]> {
  const { tables } = await pool.simulator.database();
  return Object.entries(tables.VM ?? {})
    .filter(([, vm]: [string, Row]) => vm.resident_on === host.ref && vm.is_control_domain !== true && vm.is_a_template !== true)
    .map(([ref, vm]) => ({ ref, name: String(vm.name_label), powerState: String(vm.power_state) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

test('Enter Maintenance Mode refuses while VMs cannot move, then evacuates the server; Exit brings it back', async ({ page }) => {
  const dialogs = new Dialogs(page);
  // The member (not the master) running the most VMs.
  const members = pool.simulator.hosts.filter((host) => !host.master);
  const counts = await Promise.all(members.map(async (host) => (await vmsOn(host)).filter((vm) => vm.powerState === 'Running').length));
  const host = members[counts.indexOf(Math.max(...counts))]!;
  const resident = await vmsOn(host);
  expect(resident.filter((vm) => vm.powerState === 'Running').length).toBeGreaterThan(1);

  await dialogs.contextCommand(host.name, 'Enter Maintenance Mode…');
  const enter = dialogs.dialog('Enter Maintenance Mode');
  await expect(enter).toBeVisible();
  const moving = enter.getByRole('region', { name: 'VMs that will be migrated' });
  const blocking = enter.getByRole('region', { name: 'VMs that cannot be migrated' });
  const enterButton = enter.getByRole('button', { name: 'Enter Maintenance Mode', exact: true });
  await expect(moving).toBeVisible();
  // Every VM on the server is listed once: moving, or not with XAPI's reason and code. XenCenter's rule: while
  // one cannot move, the server is not put in maintenance mode.
  const listed = [...(await moving.locator('.choice-name').allTextContents()), ...(await blocking.locator('.choice-name').allTextContents())];
  expect(listed.sort()).toEqual(resident.map((vm) => vm.name));
  // On this seeded pool the busiest member has VMs on its local storage or paused, which cannot move.
  const stuck = await blocking.locator('.choice-name').allTextContents();
  expect(stuck.length).toBeGreaterThan(0);
  await expect(blocking.getByText(/\((VM_REQUIRES_SR|VM_BAD_POWER_STATE)\)/).first()).toBeVisible();
  await expect(enterButton).toBeDisabled();
  await expect(enter.getByText('Shut down, suspend or move the VMs that cannot be migrated first')).toBeVisible();
  await saveScreenshot(page, 'host-maintenance-blocked');
  // Another administrator shuts those VMs down; Check Again sees it.
  for (const name of stuck) await pool.simulator.control('POST', `/vms/${encodeURIComponent(resident.find((vm) => vm.name === name)!.ref)}/stop`, { hard: true });
  await enter.getByRole('button', { name: 'Check Again' }).click();
  await expect(blocking).toHaveCount(0);
  await expect(enterButton).toBeEnabled();
  const movers = resident.filter((vm) => !stuck.includes(vm.name));
  expect(movers.length).toBeGreaterThan(0);
  for (const vm of movers) await expect(moving.getByText(vm.name, { exact: true })).toBeVisible();
  await saveScreenshot(page, 'host-maintenance-enter');
  await enterButton.click();
  await expect(enter).toBeHidden();

  // The server shows maintenance mode, and its VMs now run on the other servers.
  const row = dialogs.window.treeItem(host.name);
  await expect(row).toHaveAccessibleDescription(/Maintenance mode/, { timeout: 30_000 });
  await expect.poll(async () => (await vmsOn(host)).length, { timeout: 30_000 }).toBe(0);
  const { tables } = await pool.simulator.database();
  const others = pool.simulator.hosts.filter((each) => each !== host).map((each) => each.ref);
  for (const vm of movers) {
    const record = tables.VM![vm.ref]!;
    expect(record.power_state, `${vm.name} keeps its power state`).toBe(vm.powerState);
    expect(others, `${vm.name} runs on another server`).toContain(record.resident_on);
  }
  expect(tables.host![host.ref]!.enabled).toBe(false);
  await saveScreenshot(page, 'host-maintenance-entered');

  // Exit: the server is enabled again (the VMs that left are offered to go back: see host-maintenance-fixes.spec.ts).
  await dialogs.contextCommand(host.name, 'Exit Maintenance Mode');
  const exit = dialogs.dialog('Exit Maintenance Mode');
  await exit.getByRole('button', { name: 'Exit Maintenance Mode', exact: true }).click();
  await expect(exit).toBeHidden();
  await expect(row).not.toHaveAccessibleDescription(/Maintenance mode/, { timeout: 30_000 });
  await expect.poll(async () => (await pool.simulator.database()).tables.host![host.ref]!.enabled, { timeout: 30_000 }).toBe(true);
});
