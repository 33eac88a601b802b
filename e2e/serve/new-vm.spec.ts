import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { Dialogs } from '../pages/dialogs.js';

const pool = useConnectedPool(['--hosts', '3', '--vms', '10', '--templates', '21', '--seed', '1', '--time-scale', '0.05']);

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

type Row = Record<string, unknown>;

test('the New VM wizard walks XenCenter’s steps and creates a running VM with the chosen memory, vCPUs, disk, SR and network', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const home = pool.simulator.hosts[1]!;

  await page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'New VM' }).click();
  const wizard = dialogs.newVm;
  await expect(wizard).toBeVisible();
  await expect(dialogs.currentStep()).toHaveText('Template');
  await expect(dialogs.wizardButton('Next')).toBeDisabled();
  await expect(wizard.getByText('Choose a template')).toBeVisible();

  // Template: the pool's default templates, then its custom ones; search, then pick a default one.
  const templates = wizard.getByRole('radiogroup', { name: 'Templates' });
  await expect(templates.getByText('Default templates')).toBeVisible();
  await expect(templates.getByText('Custom templates')).toBeVisible();
  await expect(templates.getByRole('radio', { name: 'Debian Bookworm 12 (custom 1)' })).toBeVisible();
  await wizard.getByRole('searchbox', { name: 'Search templates' }).fill('debian');
  await expect(templates.getByRole('radio')).toHaveCount(3);
  await templates.getByRole('radio', { name: 'Debian Bookworm 12', exact: true }).check();
  await saveScreenshot(page, 'new-vm-1-template');
  await dialogs.wizardButton('Next').click();

  // Name: the template's name by default.
  await expect(dialogs.currentStep()).toHaveText('Name');
  const name = wizard.getByLabel('Name:');
  await expect(name).toHaveValue('Debian Bookworm 12');
  await expect(name).toBeFocused();
  await name.fill('');
  await expect(dialogs.wizardButton('Next')).toBeDisabled();
  // The problem is said beside the field (its accessible description) and as the reason Next is greyed.
  await expect(name).toHaveAccessibleDescription(/Enter a name for the new VM/);
  await expect(wizard.locator('.blocked-reason')).toHaveText('Enter a name for the new VM');
  await name.fill('wizard-web-01');
  await wizard.getByLabel('Description:').fill('Made by the New VM wizard');
  await saveScreenshot(page, 'new-vm-2-name');
  await dialogs.wizardButton('Next').click();

  // Installation media: an ISO image from the ISO library.
  await expect(dialogs.currentStep()).toHaveText('Installation Media');
  await wizard.getByRole('radio', { name: 'Install from an ISO image' }).check();
  await wizard.getByLabel('ISO image:').selectOption({ label: 'debian-12.iso' });
  await saveScreenshot(page, 'new-vm-3-media');
  await dialogs.wizardButton('Next').click();

  // Home server: the second server.
  await expect(dialogs.currentStep()).toHaveText('Home Server');
  await wizard.getByRole('radio', { name: home.name }).check();
  await saveScreenshot(page, 'new-vm-4-home-server');
  await dialogs.wizardButton('Next').click();

  // CPU & memory within the template's limits: out of range says why and blocks Next.
  await expect(dialogs.currentStep()).toHaveText('CPU & Memory');
  await wizard.getByLabel('vCPUs:').fill('64');
  await expect(wizard.getByLabel('vCPUs:')).toHaveAccessibleDescription(/Choose between 1 and 32 vCPUs/);
  await expect(wizard.locator('.blocked-reason')).toHaveText('Choose between 1 and 32 vCPUs');
  await expect(dialogs.wizardButton('Next')).toBeDisabled();
  await wizard.getByLabel('vCPUs:').fill('2');
  await wizard.getByLabel('Memory:').fill('3072');
  await expect(wizard.getByLabel('Dynamic minimum:')).toHaveValue('3072');
  await saveScreenshot(page, 'new-vm-5-cpu-memory');
  await dialogs.wizardButton('Next').click();

  // Storage: the template's 10 GiB system disk, resized and put on the iSCSI SR; one more disk added.
  await expect(dialogs.currentStep()).toHaveText('Storage');
  await expect(wizard.getByLabel('Size of disk 0:')).toHaveValue('10');
  await wizard.getByLabel('Size of disk 0:').fill('16');
  await wizard.getByLabel('SR of disk 0:').selectOption({ label: (await srOptionLabel(wizard, 'SR of disk 0:', /^iSCSI SAN 2/))! });
  await wizard.getByRole('button', { name: 'Add Disk' }).click();
  await wizard.getByLabel('Size of disk 1:').fill('2');
  await saveScreenshot(page, 'new-vm-6-storage');
  await dialogs.wizardButton('Next').click();

  // Networking: the template has no VIF, so one on the pool's first network; move it to the VLAN.
  await expect(dialogs.currentStep()).toHaveText('Networking');
  await wizard.getByLabel('Network of interface 0:').selectOption({ label: 'VLAN 100 (storage)' });
  await saveScreenshot(page, 'new-vm-7-networking');
  await dialogs.wizardButton('Next').click();

  // Finish: the summary of every choice; start automatically is on by default.
  await expect(dialogs.currentStep()).toHaveText('Finish');
  const summary = wizard.getByRole('definition');
  await expect(summary).toContainText(['Debian Bookworm 12', 'wizard-web-01', 'Made by the New VM wizard', 'debian-12.iso', home.name, '2', '3.0 GiB', '16.0 GiB on iSCSI SAN 2', '2.0 GiB on', 'VLAN 100 (storage)']);
  await expect(wizard.getByRole('checkbox', { name: 'Start the new VM automatically' })).toBeChecked();
  await saveScreenshot(page, 'new-vm-8-finish');
  // The theme follows the system by default: the wizard in a dark desktop.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'new-vm-8-finish-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await dialogs.wizardButton('Create Now').click();
  await expect(wizard).toBeHidden();

  // The new VM is selected once its job succeeds, and runs.
  const row = dialogs.window.treeItem('wizard-web-01');
  await expect(row).toHaveAttribute('aria-selected', 'true', { timeout: 30_000 });
  await expect(dialogs.window.vmPowerIcon('wizard-web-01', 'Running')).toBeVisible();

  // The pool has exactly what was chosen.
  const { tables } = await pool.simulator.database();
  const [vmRef, vm] = Object.entries(tables.VM!).find(([, record]) => record.name_label === 'wizard-web-01')!;
  expect(vm).toMatchObject({ power_state: 'Running', is_a_template: false, name_description: 'Made by the New VM wizard', VCPUs_at_startup: 2, memory_static_max: 3072 * MiB, memory_dynamic_max: 3072 * MiB, affinity: home.ref });
  const vbds = Object.values(tables.VBD!).filter((vbd) => vbd.VM === vmRef);
  const disk = (device: string) => {
    const vbd = vbds.find((each) => each.type === 'Disk' && each.userdevice === device);
    return vbd ? (tables.VDI![vbd.VDI as string] as Row) : undefined;
  };
  const iscsi = Object.entries(tables.SR!).find(([, sr]) => sr.name_label === 'iSCSI SAN 2')![0];
  expect(disk('0')).toMatchObject({ virtual_size: 16 * GiB, SR: iscsi });
  expect(disk('1')).toMatchObject({ virtual_size: 2 * GiB });
  const cd = vbds.find((vbd) => vbd.type === 'CD')!;
  expect((tables.VDI![cd.VDI as string] as Row).name_label).toBe('debian-12.iso');
  const vifs = Object.values(tables.VIF!).filter((vif) => vif.VM === vmRef);
  expect(vifs.map((vif) => (tables.network![vif.network as string] as Row).name_label)).toEqual(['VLAN 100 (storage)']);
});

/** The full label of an SR option (it ends with the free space, which the test does not pin). */
async function srOptionLabel(scope: import('@playwright/test').Locator, select: string, start: RegExp): Promise<string | undefined> {
  const labels = await scope.getByLabel(select).locator('option').allTextContents();
  return labels.find((label) => start.test(label));
}

test('Ctrl+N opens the New VM wizard from the tree, and Cancel closes it without creating anything', async ({ page }) => {
  const dialogs = new Dialogs(page);
  const before = Object.keys((await pool.simulator.database()).tables.VM!).length;
  await page.getByRole('tree', { name: 'Pools, hosts and VMs' }).getByRole('treeitem').first().click();
  await page.keyboard.press('Control+N');
  await expect(dialogs.newVm).toBeVisible();
  await expect(dialogs.currentStep()).toHaveText('Template');
  await dialogs.wizardButton('Cancel').click();
  await expect(dialogs.newVm).toBeHidden();
  expect(Object.keys((await pool.simulator.database()).tables.VM!).length).toBe(before);
});
