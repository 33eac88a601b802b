import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { DetailsPane } from '../pages/details.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '2', '--vms', '6', '--seed', '3', '--time-scale', '0.05']);

type Row = Record<string, unknown>;

/** A running VM with a unique name, and the pool's shared SRs for disks (name by ref). */
async function runningVmAndSrs(): Promise<{ name: string; ref: string; srs: Map<string, string> }> {
  const { tables } = await pool.simulator.database();
  const vms = Object.entries(tables.VM!).filter(([, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true);
  const [ref, vm] = vms.find(([, each]) => each.power_state === 'Running' && vms.filter(([, other]) => other.name_label === each.name_label).length === 1)!;
  const srs = new Map(Object.entries(tables.SR!).filter(([, sr]) => sr.shared === true && sr.content_type === 'user').map(([id, sr]) => [id, String(sr.name_label)]));
  return { name: String(vm.name_label), ref, srs };
}

async function rowsOf(cls: string, match: (row: Row) => boolean): Promise<[string, Row][]> {
  const { tables } = await pool.simulator.database();
  return Object.entries(tables[cls] ?? {}).filter(([, row]) => match(row));
}

test('a disk added to a running VM, grown online and moved live to another SR, from its Storage tab', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const details = new DetailsPane(page);
  const { name, ref, srs } = await runningVmAndSrs();
  const [first, second] = [...srs];
  await details.select(name);
  await details.openTab('Storage');
  const grid = details.grid('Virtual disks');

  await details.panel.getByRole('button', { name: 'Add…', exact: true }).click();
  const add = dialogs.dialog('Add Virtual Disk');
  await add.getByLabel('Name:').fill('scratch');
  await add.getByLabel('Size:').fill('2');
  await add.getByLabel('Location:').selectOption(first![0]);
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();
  const row = details.row(grid, 'scratch');
  await expect(row).toContainText('2.0 GiB');
  await expect(row).toContainText(first![1]);
  await expect.poll(async () => (await rowsOf('VBD', (vbd) => vbd.VM === ref && vbd.currently_attached === true)).length).toBeGreaterThan(1);

  await row.click();
  await details.panel.getByRole('button', { name: 'Properties', exact: true }).click();
  const properties = dialogs.dialog("'scratch' Properties");
  await properties.getByLabel('Size:').fill('3');
  await properties.getByRole('button', { name: 'OK', exact: true }).click();
  await expect(properties).toBeHidden();
  await expect(row).toContainText('3.0 GiB');

  await row.click();
  await details.panel.getByRole('button', { name: 'Move…', exact: true }).click();
  const move = dialogs.dialog('Move Virtual Disk');
  await move.getByLabel('Storage:').selectOption(second![0]);
  await saveScreenshot(page, 'vm-devices-move-disk');
  await move.getByRole('button', { name: 'Move', exact: true }).click();
  await expect(move).toBeHidden();
  await expect(details.row(grid, 'scratch')).toContainText(second![1], { timeout: 20_000 });
  const [moved] = await rowsOf('VDI', (each) => each.name_label === 'scratch');
  expect(moved?.[1]).toMatchObject({ SR: second![0], virtual_size: 3 * 1024 ** 3 });
  expect((await rowsOf('VM', (vm) => vm.name_label === name))[0]![1].power_state).toBe('Running');
});

test('an interface added to a running VM is plugged at once, from its Networking tab', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const details = new DetailsPane(page);
  const { name, ref } = await runningVmAndSrs();
  const before = (await rowsOf('VIF', (vif) => vif.VM === ref)).length;
  const { tables } = await pool.simulator.database();
  const network = Object.values(tables.network!).find((each) => String(each.name_label).startsWith('VLAN'))!;
  await details.select(name);
  await details.openTab('Networking');

  await details.panel.getByRole('button', { name: 'Add Interface…', exact: true }).click();
  const add = dialogs.dialog('Add Interface');
  await add.getByLabel('Network:').selectOption({ label: String(network.name_label) });
  await add.getByRole('checkbox', { name: 'Enable QoS limit' }).check();
  await add.getByLabel('Limit:').fill('2048');
  await add.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(add).toBeHidden();

  const grid = details.grid('Virtual network interfaces');
  const row = details.row(grid, '2048 kbps');
  await expect(row).toContainText(String(network.name_label));
  await expect(row).toContainText('Yes');
  const vifs = await rowsOf('VIF', (vif) => vif.VM === ref);
  expect(vifs.length).toBe(before + 1);
  expect(vifs.find(([, vif]) => (vif.qos_algorithm_params as Record<string, string>).kbps === '2048')![1]).toMatchObject({ currently_attached: true, qos_algorithm_type: 'ratelimit' });
});
