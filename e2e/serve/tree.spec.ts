import { expect, test, type Page } from '@playwright/test';
import { useSimulatorAndServe } from '../fixtures/connected-pool.js';
import { saveScreenshot } from '../fixtures/screenshots.js';
import type { SimulatorDatabase } from '../fixtures/simulator.js';
import { MainWindow } from '../pages/main-window.js';
import { ResourceTreePane } from '../pages/tree.js';

const env = useSimulatorAndServe(['--hosts', '3', '--vms', '20', '--seed', '1', '--time-scale', '0.05']);

const byName = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' }).compare;
const sorted = (names: string[]) => [...names].sort(byName);

interface Vm {
  ref: string;
  name: string;
  uuid: string;
  powerState: string;
  residentOn: string;
  tags: string[];
}

/** The VMs a person sees (no templates, snapshots or dom0), read from the simulator itself. */
function userVms(db: SimulatorDatabase): Vm[] {
  return Object.entries(db.tables.VM ?? {})
    .filter(([, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true)
    .map(([ref, vm]) => ({
      ref,
      name: String(vm.name_label),
      uuid: String(vm.uuid),
      powerState: String(vm.power_state),
      residentOn: String(vm.resident_on),
      tags: vm.tags as string[],
    }));
}

const onlyOne = (vms: Vm[], vm: Vm) => vms.filter((other) => other.name === vm.name).length === 1;

/** Opens Xenith, adds the simulated pool through the dialog as a person does, and waits for the tree. */
async function openWithPool(page: Page): Promise<ResourceTreePane> {
  // Connecting takes longer when the machine is busy: allow for it here, not in every later step.
  await new MainWindow(page).connectPool(env.serve.url, env.simulator, 30_000);
  return new ResourceTreePane(page);
}

test('the three views group the pool as XenCenter does', async ({ page }) => {
  const pane = await openWithPool(page);
  const db = await env.simulator.database();
  const vms = userVms(db);
  const srs = Object.values(db.tables.SR ?? {});
  const poolName = String(Object.values(db.tables.pool!)[0]!.name_label);
  const others = env.simulator.hosts.filter((host) => !host.master);

  // Infrastructure: the master first, then the other hosts; running VMs and local SRs under their host;
  // halted and suspended VMs and the shared SRs (not the tools ISOs) under the pool.
  await expect(pane.view('Infrastructure')).toBeChecked();
  const onHost = (ref: string) => sorted(vms.filter((vm) => vm.residentOn === ref && ['Running', 'Paused'].includes(vm.powerState)).map((vm) => vm.name));
  await expect.poll(() => pane.childrenOf(poolName)).toEqual([
    env.simulator.master.name,
    ...sorted(others.map((host) => host.name)),
    ...sorted(vms.filter((vm) => vm.powerState === 'Halted' || vm.powerState === 'Suspended').map((vm) => vm.name)),
    ...sorted(srs.filter((sr) => sr.shared === true && sr.is_tools_sr !== true).map((sr) => String(sr.name_label))),
  ]);
  for (const host of env.simulator.hosts) expect(await pane.childrenOf(host.name)).toEqual([...onHost(host.ref), 'DVD drives', 'Local storage']);
  await expect(pane.row(env.simulator.master.name)).toHaveAccessibleDescription('Master');
  await expect(pane.tree.getByRole('treeitem', { level: 1 })).toHaveAccessibleDescription('Connected');
  await expect(pane.row('XCP-ng Tools')).toHaveCount(0);
  await saveScreenshot(page, 'tree-infrastructure');

  // Objects: one group per kind; templates only when asked (the pool has no custom ones).
  await pane.view('Objects').click();
  await expect(pane.view('Objects')).toBeChecked();
  const groups = async () => (await pane.outline()).filter((row) => row.level === 1).map((row) => row.name);
  await expect.poll(groups).toEqual(['Pools', 'Servers', 'VMs', 'Storage', 'Networks']);
  expect(await pane.childrenOf('Pools')).toEqual([poolName]);
  expect(await pane.childrenOf('Servers')).toEqual(sorted(env.simulator.hosts.map((host) => host.name)));
  expect(await pane.childrenOf('VMs')).toEqual(sorted(vms.map((vm) => vm.name)));
  await saveScreenshot(page, 'tree-objects');
  await page.getByRole('checkbox', { name: 'Show default templates' }).check();
  await expect.poll(groups).toEqual(['Pools', 'Servers', 'VMs', 'Templates', 'Storage', 'Networks']);
  expect(await pane.childrenOf('Templates')).toContain('Debian Bookworm 12');
  await page.getByRole('checkbox', { name: 'Show default templates' }).uncheck();

  // Tags: a group per tag with its objects, then the untagged ones.
  await pane.view('Tags').click();
  const tags = sorted([...new Set(vms.flatMap((vm) => vm.tags))]);
  expect(tags.length).toBeGreaterThan(0);
  await expect.poll(groups).toEqual([...tags, 'Untagged']);
  for (const tag of tags) expect(await pane.childrenOf(tag)).toEqual(sorted(vms.filter((vm) => vm.tags.includes(tag)).map((vm) => vm.name)));
  expect(await pane.childrenOf('Untagged')).toContain(env.simulator.master.name);
  await saveScreenshot(page, 'tree-tags');
  await page.getByRole('radio', { name: 'Dark' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await saveScreenshot(page, 'tree-tags-dark');
});

test('the search box filters as one types, by name, tag or UUID, keeps the ancestors, and Esc clears it', async ({ page }) => {
  const pane = await openWithPool(page);
  const vms = userVms(await env.simulator.database());
  const hostNames = new Set(env.simulator.hosts.map((host) => host.name));

  await pane.search.pressSequentially('WEB');
  const webVms = vms.filter((vm) => vm.name.toLowerCase().includes('web'));
  expect(webVms.length).toBeGreaterThan(0);
  for (const vm of webVms) await expect(pane.row(vm.name).first()).toBeVisible();
  const rows = await pane.outline();
  expect(rows[0]!.level).toBe(1);
  // Every row left is a match or a host or pool above one.
  for (const row of rows.slice(1)) expect(row.name.toLowerCase().includes('web') || hostNames.has(row.name), row.name).toBe(true);
  for (const [i, row] of rows.entries()) if (row.level === 3) expect(hostNames.has(rows[i - 1]!.name) || rows[i - 1]!.level === 3).toBe(true);
  await saveScreenshot(page, 'tree-search');

  const tagged = vms.find((vm) => vm.tags.length > 0 && onlyOne(vms, vm))!;
  await pane.search.fill(tagged.tags[0]!);
  await expect(pane.row(tagged.name)).toBeVisible();
  await pane.search.fill(tagged.uuid.toUpperCase());
  await expect.poll(async () => (await pane.outline()).at(-1)?.name).toBe(tagged.name);

  await pane.search.fill('no-such-object');
  await expect(page.getByRole('status').filter({ hasText: 'Nothing matches' })).toBeVisible();
  await expect(pane.tree.getByRole('treeitem')).toHaveCount(0);

  await pane.search.press('Escape');
  await expect(pane.search).toHaveValue('');
  for (const vm of vms.slice(0, 5)) await expect(pane.row(vm.name).first()).toBeVisible();
});

test('the keyboard moves through the tree, folds and unfolds, and the selection follows', async ({ page }) => {
  const pane = await openWithPool(page);
  const db = await env.simulator.database();
  const vms = userVms(db);
  const poolRow = pane.tree.getByRole('treeitem', { level: 1 });
  const focused = pane.tree.locator('[role="treeitem"]:focus');
  const firstOnMaster = sorted(vms.filter((vm) => vm.residentOn === env.simulator.master.ref && vm.powerState !== 'Halted').map((vm) => vm.name))[0]!;

  await poolRow.locator('.tree-name').click();
  await expect(poolRow).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(pane.row(env.simulator.master.name)).toBeFocused();
  await expect(pane.row(env.simulator.master.name)).toHaveAttribute('aria-selected', 'true');
  await expect(poolRow).toHaveAttribute('aria-selected', 'false');
  await page.keyboard.press('ArrowDown');
  await expect(pane.row(firstOnMaster)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(pane.row(env.simulator.master.name)).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(pane.row(env.simulator.master.name)).toHaveAttribute('aria-expanded', 'false');
  await expect(pane.row(firstOnMaster)).toHaveCount(0);
  await page.keyboard.press('ArrowRight');
  await expect(pane.row(firstOnMaster)).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(pane.row(firstOnMaster)).toBeFocused();

  // End reaches the last row (scrolled into view), PageUp goes back a page, Home returns to the top.
  await page.keyboard.press('End');
  await expect(focused).toHaveAttribute('aria-level', '2');
  await expect(focused).toBeInViewport();
  const last = await focused.getAttribute('aria-posinset');
  expect(last).toBe(await focused.getAttribute('aria-setsize'));
  await page.keyboard.press('PageUp');
  await expect(focused).toBeInViewport();
  await expect(focused).not.toHaveAttribute('aria-posinset', last!);
  await page.keyboard.press('Home');
  await expect(poolRow).toBeFocused();

  // A letter jumps to the next row starting with it.
  await page.keyboard.press('k');
  await expect(focused).toHaveAccessibleName(/^k/i);
  await expect(focused).toHaveAttribute('aria-selected', 'true');
});

test('Ctrl-click and Shift-click select several rows; right click selects the row and opens the menu', async ({ page }) => {
  const pane = await openWithPool(page);
  const db = await env.simulator.database();
  const vms = userVms(db);
  // Three VMs next to each other under the pool (halted and suspended VMs sit there by name).
  const off = new Set(vms.filter((vm) => vm.powerState === 'Halted' || vm.powerState === 'Suspended').map((vm) => vm.name));
  const [a, b, c] = (await pane.childrenOf(String(Object.values(db.tables.pool!)[0]!.name_label))).filter((name) => off.has(name)) as [string, string, string];
  expect(c).toBeDefined();
  const selectedNames = () => pane.selectedNames();

  await pane.row(a).click();
  await pane.row(c).click({ modifiers: ['ControlOrMeta'] });
  await expect(pane.row(a)).toHaveAttribute('aria-selected', 'true');
  await expect(pane.row(c)).toHaveAttribute('aria-selected', 'true');
  await expect(pane.row(b)).toHaveAttribute('aria-selected', 'false');
  await pane.row(a).click({ modifiers: ['ControlOrMeta'] });
  await expect(pane.row(a)).toHaveAttribute('aria-selected', 'false');

  // Shift-click: the range from the last clicked row along the visible order (the halted VMs sit together).
  await pane.row(a).click();
  await pane.row(c).click({ modifiers: ['Shift'] });
  await expect.poll(selectedNames).toEqual([a, b, c]);

  // Right click inside the selection keeps it; outside, it selects that row alone. Then the menu opens.
  await pane.row(b).click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await expect.poll(selectedNames).toEqual([a, b, c]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toBeHidden();
  await pane.row(env.simulator.master.name).click({ button: 'right' });
  await expect(page.getByRole('menu')).toBeVisible();
  await expect.poll(selectedNames).toEqual([env.simulator.master.name]);
  await saveScreenshot(page, 'tree-context-menu');
  await page.keyboard.press('Escape');
});

test('dragging a VM onto another host asks to migrate it there, and the VM moves', async ({ page }) => {
  const pane = await openWithPool(page);
  const db = await env.simulator.database();
  const vms = userVms(db);
  // A VM that can move: running, with every disk on shared storage.
  const onSharedStorage = (vm: Vm) =>
    (db.tables.VM![vm.ref]!.VBDs as string[]).every((vbd) => {
      const vdi = String(db.tables.VBD![vbd]!.VDI);
      return vdi === 'OpaqueRef:NULL' || db.tables.SR![String(db.tables.VDI![vdi]!.SR)]!.shared === true;
    });
  const vm = vms.find((candidate) => candidate.powerState === 'Running' && onSharedStorage(candidate) && onlyOne(vms, candidate))!;
  expect(vm, 'the pool runs a VM on shared storage with a unique name').toBeDefined();
  // To the host next to the VM's in the tree, so a person sees both; the upper of the two is scrolled to the top.
  const hosts = [env.simulator.master, ...env.simulator.hosts.filter((host) => !host.master).sort((a, b) => byName(a.name, b.name))];
  const at = hosts.findIndex((host) => host.ref === vm.residentOn);
  const source = hosts[at]!;
  const target = hosts[at - 1] ?? hosts[at + 1]!;
  await pane.row(at > 0 ? target.name : source.name).evaluate((row) => row.scrollIntoView({ block: 'start' }));

  await pane.row(vm.name).hover();
  await page.mouse.down();
  // The drag starts and selects the VM (the toolbar may change and move the tree); then over to the host.
  const from = (await pane.row(vm.name).boundingBox())!;
  await page.mouse.move(from.x + 30, from.y + 30, { steps: 3 });
  const to = (await pane.row(target.name).boundingBox())!;
  await page.mouse.move(to.x + 40, to.y + 8, { steps: 5 });
  await page.mouse.move(to.x + 60, to.y + 10, { steps: 2 });
  await expect(pane.row(target.name)).toHaveClass(/drop-target/);
  await saveScreenshot(page, 'tree-drag-to-host');
  await page.mouse.up();

  const dialog = page.getByRole('dialog', { name: 'Migrate VM' });
  await expect(dialog).toContainText(`Migrate '${vm.name}' to ${target.name}?`);
  await expect(pane.row(target.name)).not.toHaveClass(/drop-target/);
  await dialog.getByRole('button', { name: 'Migrate', exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect.poll(async () => (await env.simulator.database()).tables.VM![vm.ref]!.resident_on, { timeout: 20_000 }).toBe(target.ref);
  await expect.poll(() => pane.childrenOf(target.name)).toContain(vm.name);
  expect(await pane.childrenOf(source.name)).not.toContain(vm.name);
});
