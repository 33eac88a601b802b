import { expect, test, type Locator } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';
import { DetailsPane } from '../pages/details.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '4', '--seed', '2', '--time-scale', '0.05']);

type Tables = Record<string, Record<string, Record<string, unknown>>>;
const tables = async (): Promise<Tables> => (await pool.simulator.database()).tables;

/** Pool > New Network… with the pool selected. */
async function openWizard(dialogs: Dialogs): Promise<Locator> {
  const poolName = String(Object.values((await tables()).pool!)[0]!.name_label);
  await new DetailsPane(dialogs.page).selectPool(poolName);
  await dialogs.menuCommand('Pool', 'New Network…');
  const wizard = dialogs.dialog('New Network');
  await expect(wizard).toBeVisible();
  return wizard;
}

const next = (wizard: Locator) => wizard.getByRole('button', { name: 'Next', exact: true }).click();

test('the New Network wizard makes an external network: VLAN 42 on eth1 of every server', async ({ page }) => {
  const wizard = await openWizard(new Dialogs(page));
  await expect(wizard.getByRole('radio', { name: /^External Network/ })).toBeChecked();
  await next(wizard);
  await wizard.getByLabel('Name:').fill('Tenant 42');
  await next(wizard);
  await wizard.getByLabel('NIC:').selectOption({ label: 'eth1' });
  await wizard.getByLabel('VLAN:').fill('42');
  await wizard.getByRole('checkbox', { name: /Automatically add this network/ }).uncheck();
  await next(wizard);
  await expect(wizard.getByText('42 on eth1 of every server')).toBeVisible();
  await wizard.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard).toBeHidden();

  await expect.poll(async () => {
    const t = await tables();
    const [ref] = Object.entries(t.network!).find(([, network]) => network.name_label === 'Tenant 42') ?? [];
    return Object.values(t.PIF!).filter((pif) => pif.network === ref).map((pif) => pif.VLAN);
  }, { timeout: 20_000 }).toEqual([42, 42, 42]);
});

test('the wizard bonds eth0 and eth1 on every server; the management interface moves onto each bond', async ({ page }) => {
  const wizard = await openWizard(new Dialogs(page));
  await wizard.getByRole('radio', { name: /^Bonded Network/ }).check();
  await next(wizard);
  await next(wizard);
  await wizard.getByRole('checkbox', { name: /^eth0/ }).check();
  await expect(wizard.getByText('Choose at least two NICs')).toBeVisible();
  await wizard.getByRole('checkbox', { name: /^eth1/ }).check();
  await wizard.getByRole('radio', { name: /LACP/ }).check();
  await expect(wizard.getByText(/The management interface moves onto the bond on every server/)).toBeVisible();
  await saveScreenshot(page, 'new-network-bond');
  await next(wizard);
  await wizard.getByRole('button', { name: 'Create', exact: true }).click();
  await expect(wizard).toBeHidden();

  await expect.poll(async () => Object.keys((await tables()).Bond ?? {}).length, { timeout: 20_000 }).toBe(3);
  const t = await tables();
  for (const bond of Object.values(t.Bond!)) {
    expect(bond.mode).toBe('lacp');
    expect(t.PIF![String(bond.master)]).toMatchObject({ management: true, device: 'bond0' });
  }
  // The server's NICs tab shows the bond and its members.
  const details = new DetailsPane(page);
  await details.select(pool.simulator.master.name);
  await details.openTab('NICs');
  await expect(details.row(details.grid('NICs'), 'eth0 + eth1')).toContainText('bond0');
});
