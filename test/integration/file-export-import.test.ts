/**
 * VMs to XVA files and back, through a real Xenith server and two simulated pools: exported (none, zstd, gzip)
 * to a file chosen as the desktop's Save dialog would (a handle), judged by GNU tar and xxhsum, then imported into
 * the other pool with identical disks. A file with one altered chunk fails to import naming the chunk and leaves
 * nothing; an export cancelled mid-stream leaves no file.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { ServerEvent } from '../../src/main/events/event-bus.js';
import { judgeXvaWithTools } from '../support/xva-judge.js';
import { diskDigestsOf, inventory, rowsOf, smallGuest, startTwoPoolRig, type RigPool, type TwoPoolRig } from './support/two-pool-rig.js';

const MiB = 1024 * 1024;
let rig: TwoPoolRig | undefined;
let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'xenith-files-'));
});
afterEach(async () => {
  await rig?.close();
  rig = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function defaultSr(pool: RigPool): Promise<string> {
  return String(rowsOf(await pool.db(), 'pool')[0]![1].default_SR);
}

function handleFor(path: string, mode: 'save' | 'open'): string {
  return rig!.xenith.server.issueFileHandle({ path, mode });
}

describe('export to an XVA file and import into another pool', () => {
  for (const compression of ['none', 'zstd', 'gzip'] as const) {
    it(`${compression}: the file passes tar and xxhsum, and the imported VM has identical disks`, async () => {
      rig = await startTwoPoolRig();
      const { vmRef, name } = await smallGuest(rig.source, compression === 'none' ? 'Running' : 'Halted');
      const digests = await diskDigestsOf(rig.source, vmRef);
      const sourceBefore = await inventory(rig.source);
      const file = join(dir, 'vm.xva');

      const exported = await rig.runJob('vm.exportFile', { vmId: vmRef, compression, target: { kind: 'handle', handle: handleFor(file, 'save') } });
      expect(exported.error).toBeNull();
      expect(exported.state).toBe('succeeded');
      expect(exported.transfer?.bytesDone).toBeGreaterThan(0);
      // Only the file, under its own name: no temporary file beside it, and the running VM's snapshot is gone.
      expect(await readdir(dir)).toEqual(['vm.xva']);
      expect(await inventory(rig.source)).toEqual(sourceBefore);
      if (compression === 'none') expect((await rig.source.db()).tables.VM![vmRef]!.power_state).toBe('Running');
      expect(await judgeXvaWithTools(file, compression)).toBeGreaterThan(0);

      const targetBefore = await inventory(rig.target);
      const imported = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: await defaultSr(rig.target), source: { kind: 'handle', handle: handleFor(file, 'open') } });
      expect(imported.error).toBeNull();
      expect(imported.state).toBe('succeeded');
      const vm = imported.resultObjectId!;
      const arrived = (await rig.target.db()).tables.VM![vm]!;
      expect(arrived.name_label).toBe(name);
      expect(arrived.blocked_operations).toEqual({});
      expect(arrived.is_a_template).toBe(false);
      expect(await diskDigestsOf(rig.target, vm)).toEqual(digests);
      const targetAfter = await inventory(rig.target);
      expect(targetAfter.marked).toEqual([]);
      expect(targetAfter.counts.VM).toBe(targetBefore.counts.VM! + 1);
    });
  }

  it('refuses a file with one altered chunk, naming the chunk, and leaves nothing on the pool', async () => {
    rig = await startTwoPoolRig();
    const { vmRef } = await smallGuest(rig.source, 'Halted');
    const file = join(dir, 'vm.xva');
    const exported = await rig.runJob('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'handle', handle: handleFor(file, 'save') } });
    expect(exported.state).toBe('succeeded');
    // GNU tar says where the second chunk's header is; its data starts one block later.
    const blocks = execFileSync('tar', ['-R', '-tf', file], { encoding: 'utf8' }).trim().split('\n');
    const line = blocks.filter((entry) => /Ref:\d+\/\d{8}$/.test(entry))[1]!;
    const chunk = line.split(' ').at(-1)!;
    const dataAt = (Number(/^block (\d+):/.exec(line)![1]) + 1) * 512;
    const bytes = await readFile(file);
    bytes[dataAt + 100] = bytes[dataAt + 100]! ^ 0x5a;
    await writeFile(file, bytes);

    const targetBefore = await inventory(rig.target);
    const imported = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: await defaultSr(rig.target), source: { kind: 'handle', handle: handleFor(file, 'open') } });
    expect(imported.state).toBe('failed');
    expect(imported.error?.code).toBe('FILE_DAMAGED');
    expect(imported.error?.params?.[0]).toBe(chunk);
    expect(imported.error?.message).toContain(chunk);
    expect(await inventory(rig.target)).toEqual(targetBefore);
  });

  it('exports a snapshot (Export Snapshot…) as it is, and it imports (not as a snapshot) with the same disks', async () => {
    rig = await startTwoPoolRig();
    const { vmRef } = await smallGuest(rig.source, 'Halted');
    const digests = await diskDigestsOf(rig.source, vmRef);
    const snapped = await rig.runJob('vm.snapshot', { vmId: vmRef, name: 'before export', memory: false });
    expect(snapped.state).toBe('succeeded');
    const snapshot = snapped.resultObjectId!;
    const sourceBefore = await inventory(rig.source);
    const file = join(dir, 'snapshot.xva');
    const exported = await rig.runJob('vm.exportFile', { vmId: snapshot, compression: 'none', target: { kind: 'handle', handle: handleFor(file, 'save') } });
    expect(exported.state).toBe('succeeded');
    expect(exported.title).toContain("snapshot 'before export'");
    // Nothing was snapshotted or cloned for it: a snapshot does not change.
    expect(await inventory(rig.source)).toEqual(sourceBefore);
    expect(await judgeXvaWithTools(file, 'none')).toBeGreaterThan(0);
    const imported = await rig.runJob('vm.importFile', { poolId: rig.target.poolId, srId: await defaultSr(rig.target), source: { kind: 'handle', handle: handleFor(file, 'open') } });
    expect(imported.state).toBe('succeeded');
    const arrived = (await rig.target.db()).tables.VM![imported.resultObjectId!]!;
    expect(arrived.is_a_snapshot).toBe(false);
    expect(await diskDigestsOf(rig.target, imported.resultObjectId!)).toEqual(digests);
  });

  it('refuses a path where a handle is expected, and a handle used twice', async () => {
    rig = await startTwoPoolRig();
    const { vmRef } = await smallGuest(rig.source, 'Halted');
    const byPath = await rig.xenith.client.dispatch('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'handle', handle: join(dir, 'vm.xva') } });
    expect(byPath.ok).toBe(false);
    const withPath = await rig.xenith.client.dispatch('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'path', path: join(dir, 'vm.xva') } });
    expect(withPath.ok).toBe(false);
    if (!withPath.ok) expect(withPath.error.code).toBe('VALIDATION');
    const handle = handleFor(join(dir, 'vm.xva'), 'save');
    expect((await rig.runJob('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'handle', handle } })).state).toBe('succeeded');
    const again = await rig.xenith.client.dispatch('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'handle', handle } });
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.error.code).toBe('FILE_HANDLE_INVALID');
    // A save handle does not open a file either.
    const wrongMode = await rig.xenith.client.dispatch('vm.importFile', { poolId: rig.target.poolId, srId: await defaultSr(rig.target), source: { kind: 'handle', handle: handleFor(join(dir, 'vm.xva'), 'save') } });
    expect(wrongMode.ok).toBe(false);
  });
});

/** A jobs.changed event of `jobId` that has moved more than `bytes`. */
function movedMoreThan(jobId: string, bytes: number): (event: ServerEvent) => boolean {
  return (event) => event.event === 'jobs.changed' && (event.payload as { job: Job }).job.jobId === jobId && ((event.payload as { job: Job }).job.transfer?.bytesDone ?? 0) > bytes;
}

describe('an export cancelled mid-stream', () => {
  it('leaves no file, partial or whole, and nothing on the pool', async () => {
    // The VM's pool sits behind a relay that slows what it sends: the export is still streaming when cancelled.
    rig = await startTwoPoolRig({ throttleTarget: true });
    const { vmRef } = await smallGuest(rig.target, 'Halted', 8 * MiB);
    const before = await inventory(rig.target);
    rig.proxy!.setDownRate(MiB);
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('vm.exportFile', { vmId: vmRef, compression: 'none', target: { kind: 'handle', handle: handleFor(join(dir, 'vm.xva'), 'save') } });
    await rig.xenith.waitForEvent(movedMoreThan(jobIds[0]!, MiB));
    expect((await readdir(dir)).length).toBe(1);
    await rig.xenith.call('jobs.cancel', { jobId: jobIds[0]! });
    const job = await rig.finished(jobIds[0]!);
    expect(job.state).toBe('cancelled');
    expect(await readdir(dir)).toEqual([]);
    rig.proxy!.setDownRate(null);
    expect((await inventory(rig.target)).marked).toEqual([]);
    expect((await inventory(rig.target)).counts).toEqual(before.counts);
  });
});
