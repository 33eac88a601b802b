import { expect, test, type Locator } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { DetailsPane } from '../pages/details.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '6', '--seed', '1', '--time-scale', '0.05']);

type Row = Record<string, unknown>;

/** The device_config of the first PBD of the pool's SR of that type. */
async function configOf(type: string): Promise<Record<string, string>> {
  const { tables } = await pool.simulator.database();
  const [ref] = Object.entries(tables.SR!).find(([, sr]) => sr.type === type)!;
  return Object.values(tables.PBD!).find((pbd) => pbd.SR === ref)!.device_config as Record<string, string>;
}

/** The SR of that name in the pool's database, with its PBDs. */
async function srNamed(name: string): Promise<{ sr: Row; pbds: Row[] } | undefined> {
  const { tables } = await pool.simulator.database();
  const found = Object.entries(tables.SR!).find(([, sr]) => sr.name_label === name);
  if (!found) return undefined;
  return { sr: found[1], pbds: Object.values(tables.PBD!).filter((pbd) => pbd.SR === found[0]) };
}

/** Opens Storage > New SR… with the pool selected. */
async function openWizard(dialogs: Dialogs): Promise<Locator> {
  const poolName = String(Object.values((await pool.simulator.database()).tables.pool!)[0]!.name_label);
  await new DetailsPane(dialogs.page).selectPool(poolName);
  await dialogs.menuCommand('Storage', 'New SR…');
  const wizard = dialogs.dialog('New Storage Repository');
  await expect(wizard).toBeVisible();
  return wizard;
}

const next = (wizard: Locator) => wizard.getByRole('button', { name: 'Next', exact: true }).click();

test('the New Storage Repository wizard creates an NFS SR from a scanned export, next to the SR already there', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const { server } = await configOf('nfs');
  const wizard = await openWizard(dialogs);
  await expect(wizard.getByRole('radio', { name: /^NFS Virtual disks/ })).toBeChecked();
  await next(wizard);
  await wizard.getByLabel('Name:').fill('Team NFS');
  await next(wizard);

  await wizard.getByLabel('Server:').fill(server!);
  await expect(wizard.getByText('Enter or choose the path (it starts with /)')).toBeVisible();
  await wizard.getByRole('button', { name: 'Scan', exact: true }).click();
  await wizard.getByRole('radio', { name: '/export/vms' }).check();
  await expect(wizard.getByLabel('Path:')).toHaveValue('/export/vms');
  await wizard.getByLabel('NFS version:').selectOption('4.1');
  await next(wizard);

  // The export already holds the pool's NFS SR: Finish offers a new SR next to it, or that one (already here).
  await expect(wizard.getByRole('radio', { name: 'Create a new SR next to it' })).toBeChecked();
  await expect(wizard.getByRole('radio', { name: /Reattach/ })).toBeDisabled();
  await saveScreenshot(page, 'new-sr-nfs-finish');
  await wizard.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard).toBeHidden();

  await expect.poll(async () => (await srNamed('Team NFS'))?.pbds.map((pbd) => pbd.currently_attached), { timeout: 20_000 }).toEqual([true, true, true]);
  expect((await srNamed('Team NFS'))!.sr).toMatchObject({ type: 'nfs', shared: true });
  expect((await srNamed('Team NFS'))!.pbds[0]!.device_config).toMatchObject({ server, serverpath: '/export/vms', nfsversion: '4.1' });
});

test('the wizard creates an iSCSI SR through target and LUN discovery', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const { target, targetIQN, SCSIid } = await configOf('lvmoiscsi');
  const storage = await pool.simulator.control<{ targets: { iqn: string; luns: { scsiId: string }[] }[] }>('GET', '/storage');
  const free = storage.targets.find((each) => each.iqn === targetIQN)!.luns.find((lun) => lun.scsiId !== SCSIid)!.scsiId;

  const wizard = await openWizard(dialogs);
  await wizard.getByRole('radio', { name: /^iSCSI A LUN/ }).check();
  await next(wizard);
  await wizard.getByLabel('Name:').fill('SAN LUN 2');
  await next(wizard);
  await wizard.getByLabel('Target host:').fill(target!);
  await wizard.getByRole('button', { name: 'Scan Target Host' }).click();
  // One target on the portal: it is chosen, and its LUNs listed.
  await expect(wizard.getByLabel('Target IQN:')).toHaveValue(targetIQN!);
  const lun = wizard.getByLabel('Target LUN:');
  await expect(lun.locator('option')).toHaveCount(3);
  await lun.selectOption(free);
  await saveScreenshot(page, 'new-sr-iscsi-location');
  await next(wizard);
  await expect(wizard.getByText(`${target}:3260 ${targetIQN}`)).toBeVisible();
  await wizard.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard).toBeHidden();

  await expect.poll(async () => (await srNamed('SAN LUN 2'))?.pbds.filter((pbd) => pbd.currently_attached).length, { timeout: 20_000 }).toBe(3);
  expect((await srNamed('SAN LUN 2'))!.pbds[0]!.device_config).toMatchObject({ target, targetIQN, SCSIid: free });
  await expect(dialogs.window.treeItem('SAN LUN 2')).toBeVisible();
});

test('a scan of a portal that does not answer shows XAPI\'s code and a sentence, not its raw details', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const wizard = await openWizard(dialogs);
  await wizard.getByRole('radio', { name: /^iSCSI A LUN/ }).check();
  await next(wizard);
  await next(wizard);
  await wizard.getByLabel('Target host:').fill('10.255.0.9');
  await wizard.getByRole('button', { name: 'Scan Target Host' }).click();
  await expect(wizard.getByText('The iSCSI target does not answer on that address and port. Check them, and the storage network.')).toBeVisible();
  await expect(wizard.getByText('SR_BACKEND_FAILURE_141')).toBeVisible();
});
