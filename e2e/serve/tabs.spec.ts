import { expect, test, type Page } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import { startSimulator, type Simulator, type SimulatorDatabase } from '../fixtures/simulator.js';
import { bytesText, DetailsPane } from '../pages/details.js';

const env = useSimulatorAndServe(['--hosts', '2', '--vms', '12', '--seed', '1', '--time-scale', '0.05']);

type Row = Record<string, unknown>;
const tablesOf = async (): Promise<SimulatorDatabase['tables']> => (await env.simulator.database()).tables;
const isUserVm = (vm: Row) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true;

/** A running VM with a unique name, guest addresses, a disk and a VIF: everything the tabs show. */
async function richRunningVm(): Promise<{ ref: string; vm: Row; tables: SimulatorDatabase['tables'] }> {
  const tables = await tablesOf();
  const vms = Object.entries(tables.VM!).filter(([, vm]) => isUserVm(vm));
  const found = vms.find(([, vm]) => {
    const unique = vms.filter(([, other]) => other.name_label === vm.name_label).length === 1;
    const guest = tables.VM_guest_metrics![String(vm.guest_metrics)];
    return vm.power_state === 'Running' && unique && guest && (vm.VIFs as string[]).length > 0 && (vm.VBDs as string[]).some((vbd) => tables.VBD![vbd]!.type === 'Disk');
  });
  expect(found, 'the seeded pool has a running VM with tools, a disk and a VIF').toBeDefined();
  return { ref: found![0], vm: found![1], tables };
}

async function screenshotBothThemes(page: Page, name: string): Promise<void> {
  await page.getByRole('radio', { name: 'Light' }).click();
  await saveScreenshot(page, name);
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, `${name}-dark`);
  await page.getByRole('radio', { name: 'Light' }).click();
}

test('a VM shows its tabs in XenCenter order with the pool values: General, Memory, Storage, Networking', async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  const { vm, tables } = await richRunningVm();
  const name = String(vm.name_label);
  await details.select(name);
  expect(await details.tabNames()).toEqual(['General', 'Memory', 'Storage', 'Networking', 'Console', 'Performance', 'Snapshots', 'Search']);
  await expect(details.pane.getByRole('img', { name: 'Running', exact: true })).toBeVisible();

  // General: the simulator's vCPUs, memory and UUID, boot order in words.
  await details.openTab('General');
  await expect(details.property('General', 'UUID')).toHaveText(String(vm.uuid));
  await expect(details.property('General', 'Power state')).toHaveText('Running');
  await expect(details.property('CPUs', 'vCPUs at startup')).toHaveText(String(vm.VCPUs_at_startup));
  await expect(details.property('CPUs', 'Maximum vCPUs')).toHaveText(String(vm.VCPUs_max));
  await expect(details.property('Memory', 'Dynamic maximum')).toHaveText(bytesText(Number(vm.memory_dynamic_max)));
  await expect(details.property('Memory', 'Static maximum')).toHaveText(bytesText(Number(vm.memory_static_max)));
  const guest = tables.VM_guest_metrics![String(vm.guest_metrics)]!;
  await expect(details.property('General', 'Operating system')).toHaveText(String((guest.os_version as Row).name));
  await expect(details.property('General', 'Management agent')).toContainText('Installed');
  await expect(details.property('General', 'Home server')).toHaveText(String(tables.host![String(vm.affinity)]?.name_label ?? 'None'));
  await expect(details.property('General', 'Time since startup')).toContainText(/day|hour|minute/);
  const order = String((vm.HVM_boot_params as Row).order ?? '');
  if (order === 'cd') await expect(details.property('Boot Options', 'Boot order')).toHaveText('Hard Disk, DVD-Drive');
  await screenshotBothThemes(page, 'tabs-vm-general');

  // Memory: the four settings with their legal ranges.
  await details.openTab('Memory');
  const settings = details.panel.getByRole('table', { name: 'Memory settings' });
  await expect(settings.getByRole('row', { name: /Static maximum/ })).toContainText(bytesText(Number(vm.memory_static_max)));
  await expect(settings.getByRole('row', { name: /Dynamic minimum/ })).toContainText(
    `${bytesText(Number(vm.memory_static_min))} to ${bytesText(Number(vm.memory_dynamic_max))}`,
  );
  await expect(details.panel.getByRole('img', { name: new RegExp(`static maximum ${bytesText(Number(vm.memory_static_max))}`) })).toBeVisible();
  await screenshotBothThemes(page, 'tabs-vm-memory');

  // Storage: each disk with its size and SR.
  await details.openTab('Storage');
  const disks = details.grid('Virtual disks');
  for (const vbdRef of vm.VBDs as string[]) {
    const vbd = tables.VBD![vbdRef]!;
    if (vbd.type !== 'Disk') continue;
    const vdi = tables.VDI![String(vbd.VDI)]!;
    const row = details.row(disks, String(vdi.name_label));
    await expect(row).toContainText(bytesText(Number(vdi.virtual_size)));
    await expect(row).toContainText(String(tables.SR![String(vdi.SR)]!.name_label));
    await expect(row).toContainText(vbd.mode === 'RO' ? 'Yes' : 'No');
  }
  await screenshotBothThemes(page, 'tabs-vm-storage');

  // Networking: MAC, network and the guest's address on each VIF.
  await details.openTab('Networking');
  const vifs = details.grid('Virtual network interfaces');
  const networks = guest.networks as Record<string, string>;
  for (const vifRef of vm.VIFs as string[]) {
    const vif = tables.VIF![vifRef]!;
    const row = details.row(vifs, String(vif.MAC));
    await expect(row).toContainText(String(tables.network![String(vif.network)]!.name_label));
    const ip = networks[`${vif.device}/ipv4/0`] ?? networks[`${vif.device}/ip`];
    if (ip) await expect(row).toContainText(ip);
  }
  await screenshotBothThemes(page, 'tabs-vm-networking');

  // The tab strip works from the keyboard: Left goes back to Storage.
  await details.tab('Networking').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(details.tab('Storage')).toBeFocused();
  await expect(details.tab('Storage')).toHaveAttribute('aria-selected', 'true');

  await details.openTab('Search');
  await expect(details.grid('Search results').getByRole('row')).toHaveCount(2);
  await screenshotBothThemes(page, 'tabs-vm-search');

  // At 125% zoom a 1280×800 window is 1024×640 CSS pixels: every tab is still reachable and the title shows.
  await page.setViewportSize({ width: 1024, height: 640 });
  for (const tab of ['General', 'Memory', 'Storage', 'Networking', 'Search']) await expect(details.tab(tab)).toBeInViewport();
  await details.openTab('General');
  await expect(details.title).toBeInViewport();
  await saveScreenshot(page, 'tabs-vm-general-125');
  await details.openTab('Storage');
  await saveScreenshot(page, 'tabs-vm-storage-125');
});

test('renaming a VM from its General tab renames it on the pool; a refused edit shows the sentence and the code', async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  const { ref, vm } = await richRunningVm();
  const name = String(vm.name_label);
  await details.select(name);

  // XAPI refuses the first attempt: the form stays open with the reason and the code.
  await env.simulator.control('POST', '/faults/fail-next', { method: 'VM.set_name_label', code: 'RBAC_PERMISSION_DENIED', params: ['VM.set_name_label'] });
  await details.panel.getByRole('button', { name: 'Edit', exact: true }).click();
  const form = details.panel.getByRole('form', { name: 'Edit properties' });
  await form.getByLabel('Name', { exact: true }).fill(`${name}-renamed`);
  await form.getByLabel('Description', { exact: true }).fill('Renamed from the General tab');
  await form.getByLabel('Tags', { exact: true }).fill('e2e, web');
  await form.getByRole('button', { name: 'Save' }).click();
  const error = form.getByRole('alert');
  await expect(error).toContainText('Your account is not allowed to do this');
  await expect(error).toContainText('RBAC_PERMISSION_DENIED');
  await saveScreenshot(page, 'tabs-edit-error');

  // Second attempt goes through: the pool has the new name, description and tags, and so does the pane.
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form).toBeHidden();
  await expect.poll(async () => (await tablesOf()).VM![ref]!.name_label).toBe(`${name}-renamed`);
  const after = (await tablesOf()).VM![ref]!;
  expect(after.name_description).toBe('Renamed from the General tab');
  expect(after.tags).toEqual(['e2e', 'web']);
  await expect(details.title).toHaveText(`${name}-renamed`);
  await expect(details.property('General', 'Tags')).toHaveText('e2e, web');
  await expect(details.window.treeItem(`${name}-renamed`)).toBeVisible();

  // Cancel leaves everything as it is.
  await details.panel.getByRole('button', { name: 'Edit', exact: true }).click();
  await form.getByLabel('Name', { exact: true }).fill('not saved');
  await form.getByRole('button', { name: 'Cancel' }).click();
  await expect(details.title).toHaveText(`${name}-renamed`);
  // …and so does Escape.
  await details.panel.getByRole('button', { name: 'Edit', exact: true }).click();
  await form.getByLabel('Name', { exact: true }).fill('not saved either');
  await page.keyboard.press('Escape');
  await expect(form).toBeHidden();
  await expect(details.title).toHaveText(`${name}-renamed`);
  await env.simulator.control('POST', `/objects/VM/${encodeURIComponent(ref)}`, { name_label: name, name_description: String(vm.name_description), tags: [] });
  await expect(details.title).toHaveText(name);
});

test('the General tab follows the pool live: a VM started behind Xenith\'s back shows Running and its uptime', async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  const tables = await tablesOf();
  const vms = Object.entries(tables.VM!).filter(([, vm]) => isUserVm(vm));
  const [ref, vm] = vms.find(([, vm]) => vm.power_state === 'Halted' && vms.filter(([, other]) => other.name_label === vm.name_label).length === 1)!;
  await details.select(String(vm.name_label));
  await expect(details.property('General', 'Power state')).toHaveText('Halted');
  await expect(details.property('General', 'Time since startup')).toHaveCount(0);

  await env.simulator.control('POST', `/vms/${encodeURIComponent(ref)}/start`);
  await expect(details.property('General', 'Power state')).toHaveText('Running');
  await expect(details.pane.getByRole('img', { name: 'Running', exact: true })).toBeVisible();
  await expect(details.property('General', 'Time since startup')).toHaveText(/minute/);
  await expect(details.property('General', 'Current server')).toHaveText(String(tables.host![String((await tablesOf()).VM![ref]!.resident_on)]!.name_label));

  await env.simulator.control('POST', `/vms/${encodeURIComponent(ref)}/stop`, { hard: true });
  await expect(details.property('General', 'Power state')).toHaveText('Halted');
});

test('a host shows its address, CPUs, memory with the VMs using it, its SRs and its networks', async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  const tables = await tablesOf();
  const host = tables.host![env.simulator.master.ref]!;
  await details.select(env.simulator.master.name);
  expect(await details.tabNames()).toEqual(['General', 'Memory', 'Storage', 'Networking', 'NICs', 'Console', 'Performance', 'Updates', 'Search']);

  await expect(details.property('General', 'Address')).toHaveText(String(host.address));
  await expect(details.property('General', 'Pool master')).toHaveText('Yes');
  await expect(details.property('General', 'UUID')).toHaveText(String(host.uuid));
  await expect(details.property('General', 'Enabled')).toHaveText('Yes');
  const cpuInfo = host.cpu_info as Record<string, string>;
  await expect(details.property('CPUs', 'Model')).toHaveText(cpuInfo.modelname!);
  await expect(details.property('CPUs', 'Count')).toContainText(cpuInfo.cpu_count!);
  const metrics = tables.host_metrics![String(host.metrics)]!;
  await expect(details.property('Memory', 'Total')).toHaveText(bytesText(Number(metrics.memory_total)));
  await expect(details.property('Version', 'Product')).toContainText(String((host.software_version as Row).product_brand));
  await screenshotBothThemes(page, 'tabs-host-general');

  await details.openTab('Memory');
  const resident = Object.values(tables.VM!).filter((vm) => isUserVm(vm) && vm.resident_on === env.simulator.master.ref && ['Running', 'Paused'].includes(String(vm.power_state)));
  const using = details.grid("VMs using this server's memory");
  await expect(using).toHaveAttribute('aria-rowcount', String(resident.length + 1));
  for (const vm of resident) await expect(details.row(using, String(vm.name_label)).first()).toBeVisible();
  await screenshotBothThemes(page, 'tabs-host-memory');

  await details.openTab('Storage');
  const srs = details.grid('Storage repositories');
  // Every SR the host has a PBD for, except the tools ISO SR XenCenter hides.
  const seen = Object.values(tables.PBD!)
    .filter((pbd) => pbd.host === env.simulator.master.ref)
    .map((pbd) => tables.SR![String(pbd.SR)]!)
    .filter((sr) => sr.is_tools_sr !== true);
  await expect(srs).toHaveAttribute('aria-rowcount', String(seen.length + 1));
  const shared = seen.find((sr) => sr.shared === true && Number(sr.physical_size) > 0)!;
  await expect(details.row(srs, String(shared.name_label))).toContainText(bytesText(Number(shared.physical_size)));
  await screenshotBothThemes(page, 'tabs-host-storage');

  await details.openTab('Networking');
  const management = Object.values(tables.PIF!).find((pif) => pif.host === env.simulator.master.ref && pif.management === true)!;
  const nics = details.grid('NICs and IP addresses');
  const nic = details.row(nics, String(management.MAC));
  await expect(nic).toContainText(String(management.device));
  await expect(nic).toContainText(String(management.IP));
  await expect(nic).toContainText('Connected');
  await expect(details.row(details.grid('Networks'), String(tables.network![String(management.network)]!.name_label))).toContainText(String(management.device));
  await screenshotBothThemes(page, 'tabs-host-networking');
});

test("a pool's Search tab lists its VMs, sorts by name, filters, and lets the user choose columns and go to a row", async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  const tables = await tablesOf();
  const poolName = String(Object.values(tables.pool!)[0]!.name_label);
  await details.selectPool(poolName);
  await details.openTab('Search');
  expect((await details.tabNames()).at(-1)).toBe('Search');

  // Every server, VM, SR and network of the pool (not the tools SR nor the internal management network).
  const grid = details.grid('Search results');
  const vms = Object.values(tables.VM!).filter(isUserVm);
  const hosts = Object.values(tables.host!);
  const srs = Object.values(tables.SR!).filter((sr) => sr.is_tools_sr !== true);
  const networks = Object.values(tables.network!).filter((network) => (network.other_config as Row).is_host_internal_management_network !== 'true');
  const listed = vms.length + hosts.length + srs.length + networks.length;
  await expect(details.panel.getByRole('status')).toHaveText(`${listed} objects`);
  await expect(grid).toHaveAttribute('aria-rowcount', String(listed + 1));
  for (const vm of vms.slice(0, 6)) await expect(details.row(grid, String(vm.name_label)).first()).toBeVisible();
  await saveScreenshot(page, 'tabs-pool-search');

  // Sort by name: ascending first (natural order), a click flips it.
  const nameHeader = grid.getByRole('columnheader', { name: 'Name' });
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'descending');
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const names = [...vms, ...hosts, ...srs, ...networks].map((object) => String(object.name_label)).sort(collator.compare);
  const firstRow = grid.locator('[role="row"][aria-rowindex="2"]');
  await expect(firstRow).toContainText(names.at(-1)!);
  await nameHeader.getByRole('button').click();
  await expect(nameHeader).toHaveAttribute('aria-sort', 'ascending');
  await expect(firstRow).toContainText(names[0]!);

  // Filter: a server by its name (its row is far down the list, out of the DOM until then), then a VM.
  const filter = details.panel.getByRole('searchbox', { name: 'Filter objects' });
  await filter.fill(env.simulator.master.name);
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(details.row(grid, env.simulator.master.name)).toContainText(String(tables.host![env.simulator.master.ref]!.address));
  await expect(details.panel.getByRole('status')).toHaveText(`1 of ${listed} objects`);
  const target = vms.find((vm) => vms.filter((other) => String(other.name_label).includes(String(vm.name_label))).length === 1)!;
  await filter.fill(String(target.name_label));
  await expect(grid).toHaveAttribute('aria-rowcount', '2');
  await expect(details.row(grid, String(target.name_label))).toBeVisible();
  await screenshotBothThemes(page, 'tabs-pool-search-filtered');

  // Choose columns: Description appears, Uptime goes.
  await expect(grid.getByRole('columnheader', { name: 'Description' })).toHaveCount(0);
  await details.panel.getByRole('button', { name: 'Columns' }).click();
  await details.panel.getByRole('checkbox', { name: 'Description' }).check();
  await details.panel.getByRole('checkbox', { name: 'Type' }).check();
  await details.panel.getByRole('checkbox', { name: 'Uptime' }).uncheck();
  await page.keyboard.press('Escape');
  await expect(grid.getByRole('columnheader', { name: 'Description' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Uptime' })).toHaveCount(0);
  await expect(details.row(grid, String(target.name_label))).toContainText('VM');
  if (target.name_description) await expect(details.row(grid, String(target.name_label))).toContainText(String(target.name_description));

  // Go to the row: double-click selects that VM in the tree and the pane follows.
  await details.row(grid, String(target.name_label)).dblclick();
  await expect(details.title).toHaveText(String(target.name_label));

  // Back to the pool: Enter on a row from the keyboard does the same.
  await details.selectPool(poolName);
  await details.openTab('Search');
  await details.panel.getByRole('searchbox', { name: 'Filter objects' }).fill('');
  await grid.focus();
  await page.keyboard.press('Home');
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '2');
  await page.keyboard.press('ArrowDown');
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toHaveAttribute('aria-rowindex', '3');
  await expect(grid.locator('[role="row"][aria-selected="true"]')).toContainText(names[1]!);
  await page.keyboard.press('Enter');
  await expect(details.title).toHaveText(names[1]!);
  await screenshotBothThemes(page, 'tabs-after-go-to');

  // The chosen columns are a saved preference: they survive reloading the window.
  await page.reload();
  await details.selectPool(poolName);
  await details.openTab('Search');
  await expect(grid.getByRole('columnheader', { name: 'Description' })).toBeVisible();
  await expect(grid.getByRole('columnheader', { name: 'Uptime' })).toHaveCount(0);
});

test('a grouping row of the Objects view has only the Search tab, listing its members', async ({ page }) => {
  const details = new DetailsPane(page);
  await details.window.connectPool(env.serve.url, env.simulator);
  await page.getByRole('radiogroup', { name: 'View' }).getByRole('radio', { name: 'Objects' }).click();
  await details.select('Servers');
  expect(await details.tabNames()).toEqual(['Search']);
  await expect(details.panel).toHaveAccessibleName('Search');
  const grid = details.grid('Search results');
  await expect(grid).toHaveAttribute('aria-rowcount', String(env.simulator.hosts.length + 1));
  for (const host of env.simulator.hosts) await expect(details.row(grid, host.name)).toBeVisible();
  await screenshotBothThemes(page, 'tabs-group-search');
});

test.describe('a 10,000-VM pool', () => {
  let big: Simulator;
  test.beforeAll(async () => {
    big = await startSimulator(['--hosts', '3', '--vms', '10000', '--seed', '2']);
  });
  test.afterAll(async () => {
    await big?.stop();
  });

  test('its Search tab keeps only the rows in view in the DOM while scrolling, sorts and filters', async ({ page }) => {
    test.setTimeout(180_000);
    const details = new DetailsPane(page);
    await details.window.connectPool(env.serve.url, big, 90_000);
    const tables = (await big.database()).tables;
    const poolName = String(Object.values(tables.pool!)[0]!.name_label);
    const vms = Object.values(tables.VM!).filter(isUserVm);
    expect(vms.length).toBe(10_000);
    await details.selectPool(poolName);
    await details.openTab('Search');
    const grid = details.grid('Search results');
    const status = details.panel.getByRole('status');
    await expect(status).toHaveText(/^\d+ objects$/, { timeout: 30_000 });
    const listed = Number((await status.innerText()).split(' ')[0]);
    expect(listed).toBeGreaterThan(10_000);
    await expect(grid).toHaveAttribute('aria-rowcount', String(listed + 1));
    expect(await grid.getByRole('row').count()).toBeLessThan(80);

    // Scrolling far keeps only the rows in view mounted, and mounts the rows that come into view.
    // (Frame times are measured by bench/ui.bench.ts, not asserted here.)
    const firstRowBefore = await grid.locator('[role="row"][aria-rowindex]').nth(1).getAttribute('aria-rowindex');
    await grid.evaluate((element) => {
      element.scrollTop += element.clientHeight * 60;
    });
    await expect(grid.locator('[role="row"][aria-rowindex]').nth(1)).not.toHaveAttribute('aria-rowindex', firstRowBefore ?? '');
    expect(await grid.getByRole('row').count()).toBeLessThan(80);

    // End from the keyboard reaches the last row; sorting by memory puts the largest running VM first.
    await grid.focus();
    await page.keyboard.press('End');
    await expect(grid.locator(`[role="row"][aria-rowindex="${listed + 1}"]`)).toBeInViewport();
    await grid.getByRole('columnheader', { name: 'Memory' }).getByRole('button').click();
    await grid.getByRole('columnheader', { name: 'Memory' }).getByRole('button').click();
    await expect(grid.getByRole('columnheader', { name: 'Memory' })).toHaveAttribute('aria-sort', 'descending');

    // Filtering 10,000 rows by one VM's name leaves that VM.
    const target = String(vms[4321]!.name_label);
    const filter = details.panel.getByRole('searchbox', { name: 'Filter objects' });
    const started = Date.now();
    await filter.fill(target);
    await expect(details.row(grid, target).first()).toBeVisible();
    console.log(`Search tab filter over ${listed} rows answered in ${Date.now() - started} ms (including Playwright's round trips)`);
    await saveScreenshot(page, 'tabs-search-10k');
  });
});
