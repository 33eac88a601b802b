import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { useConnectedPool } from '../fixtures/connected-pool.js';
import { Dialogs } from '../pages/dialogs.js';
import { Shell } from '../pages/shell.js';

const pool = useConnectedPool(['--hosts', '1', '--vms', '4', '--seed', '51', '--time-scale', '0.05']);
const MiB = 1024 * 1024;

/** A halted guest with a disk, renamed `name` and its disks made small (a few MiB travel, not gigabytes). */
async function prepareVm(name: string): Promise<void> {
  const { tables } = await pool.simulator.database();
  const vbds = Object.values(tables.VBD ?? {});
  const found = Object.entries(tables.VM ?? {}).find(
    ([ref, vm]) => vm.is_a_template !== true && vm.is_a_snapshot !== true && vm.is_control_domain !== true && vm.power_state === 'Halted' && vbds.some((vbd) => vbd.VM === ref && vbd.type === 'Disk'),
  );
  if (!found) throw new Error('the pool has no halted VM with a disk');
  await pool.simulator.control('POST', `/objects/VM/${encodeURIComponent(found[0])}`, { name_label: name });
  for (const vbd of vbds.filter((each) => each.VM === found[0] && each.type === 'Disk')) {
    await pool.simulator.control('POST', `/objects/VDI/${encodeURIComponent(String(vbd.VDI))}`, { virtual_size: 4 * MiB, physical_utilisation: 4 * MiB });
  }
}

/** The pool's VMs called `name`, as the simulator's database has them. */
async function vmsNamed(name: string): Promise<Record<string, unknown>[]> {
  const { tables } = await pool.simulator.database();
  return Object.values(tables.VM ?? {}).filter((vm) => vm.name_label === name && vm.is_a_snapshot !== true && vm.is_a_template !== true);
}

/** Bytes as the task panel shows them (formatBytes: one decimal, binary units). */
function shown(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

test('a VM exported from the VM menu downloads whole, and comes back through the Import wizard and starts', async ({ page }) => {
  const dir = await mkdtemp(join(tmpdir(), 'xenith-e2e-files-'));
  try {
    await prepareVm('files-e2e');
    const shell = new Shell(page);
    const dialogs = new Dialogs(page);
    await shell.select('files-e2e');
    await shell.menuCommand('VM', 'Export…');
    const exportDialog = dialogs.dialog('Export');
    await expect(exportDialog).toBeVisible();
    await expect(exportDialog.getByText('files-e2e.xva.zst — your browser downloads it')).toHaveCount(0);
    await exportDialog.getByLabel('Compression:').selectOption('zstd');
    await expect(exportDialog.getByText('files-e2e.xva.zst — your browser downloads it')).toBeVisible();
    const downloading = page.waitForEvent('download');
    await exportDialog.getByRole('button', { name: 'Export', exact: true }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe('files-e2e.xva.zst');
    const file = join(dir, 'files-e2e.xva.zst');
    await download.saveAs(file);
    expect(await download.failure()).toBeNull();
    const { size } = await stat(file);
    // The job's line counts the bytes it streamed: the file the browser saved has them all.
    const job = shell.task(/Exporting VM 'files-e2e'/);
    await expect(job).toContainText('Succeeded');
    await expect(job).toContainText(shown(size));
    expect(execFileSync('tar', ['--zstd', '-tf', file], { encoding: 'utf8' }).split('\n')[0]).toBe('ova.xml');

    await shell.menuCommand('File', 'Import…');
    const wizard = dialogs.dialog('Import');
    await expect(wizard).toBeVisible();
    await wizard.getByLabel('File:').setInputFiles(file);
    await expect(wizard.getByText("An XVA (zstd-compressed) of 'files-e2e'")).toBeVisible();
    await wizard.getByRole('button', { name: /Next/ }).click();
    await expect(wizard.getByRole('heading', { name: 'Home Server' })).toBeVisible();
    await wizard.getByRole('button', { name: /Next/ }).click();
    await expect(wizard.getByRole('heading', { name: 'Storage' })).toBeVisible();
    await wizard.getByRole('button', { name: /Next/ }).click();
    await expect(wizard.getByRole('heading', { name: 'Networking' })).toBeVisible();
    await wizard.getByRole('button', { name: /Next/ }).click();
    await expect(wizard.getByRole('heading', { name: 'Finish' })).toBeVisible();
    await wizard.getByLabel('Start the VM after import').check();
    // The wizard's own Finish button (the step list has a Finish entry too).
    await wizard.getByRole('button', { name: 'Finish', exact: true }).and(wizard.locator('[type="submit"]')).click();
    await expect(wizard).toBeHidden();
    await expect(shell.task(/Importing VM from files-e2e\.xva\.zst/)).toContainText('Succeeded', { timeout: 30_000 });
    await expect.poll(async () => (await vmsNamed('files-e2e')).map((vm) => vm.power_state).sort()).toEqual(['Halted', 'Running']);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
