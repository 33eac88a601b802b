/**
 * VMs streamed between two simulated pools through a real Xenith server: the source's /export piped into the
 * destination's /import over real sockets. The copy arrives with the same disk contents, as a plain halted VM
 * with its start allowed again; the pools keep nothing else (no snapshot, clone, task or placeholder).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import { diskDigestsOf, inventory, rowsOf, smallGuest, startTwoPoolRig, type TwoPoolRig } from './support/two-pool-rig.js';

let rig: TwoPoolRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** The destination SR a copy goes to: the pool's default SR. */
async function defaultSr(rigPool: TwoPoolRig['target']): Promise<string> {
  const [, pool] = rowsOf(await rigPool.db(), 'pool')[0]!;
  return String(pool.default_SR);
}

/** Refuses storage motion on the destination, as a pool without the feature would: Xenith must stream. */
async function refuseStorageMotion(target: TwoPoolRig['target']): Promise<void> {
  await target.control('/faults/error', { method: 'host.migrate_receive', code: 'LICENCE_RESTRICTION', params: ['Storage_motion'] });
}

function newVmOf(job: Job): string {
  expect(job.resultObjectId).toBeTruthy();
  return job.resultObjectId!;
}

describe('a VM streamed to another pool', () => {
  it('arrives halted with identical disks, renamed and startable, and the pools keep nothing else', async () => {
    rig = await startTwoPoolRig();
    const { vmRef, name } = await smallGuest(rig.source, 'Halted');
    await refuseStorageMotion(rig.target);
    const sourceBefore = await inventory(rig.source);
    const targetBefore = await inventory(rig.target);
    const sourceDigests = await diskDigestsOf(rig.source, vmRef);
    expect(Object.keys(sourceDigests).length).toBeGreaterThan(0);

    const job = await rig.runJob('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target), name: `${name} (copy)` });
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(job.transfer?.path).toBe('streaming');
    expect(job.transfer?.bytesDone).toBeGreaterThan(0);
    expect(job.title).toContain('streamed');
    const copy = newVmOf(job);

    const targetDump = await rig.target.db();
    const arrived = targetDump.tables.VM![copy]!;
    expect(arrived.name_label).toBe(`${name} (copy)`);
    expect(arrived.power_state).toBe('Halted');
    expect(arrived.is_a_template).toBe(false);
    expect(arrived.blocked_operations).toEqual({});
    expect(await diskDigestsOf(rig.target, copy)).toEqual(sourceDigests);

    // The source is untouched; the destination gained exactly one VM with its disks and nothing marked.
    expect(await inventory(rig.source)).toEqual(sourceBefore);
    const targetAfter = await inventory(rig.target);
    expect(targetAfter.marked).toEqual([]);
    expect(targetAfter.counts.VM).toBe(targetBefore.counts.VM! + 1);
    expect(targetAfter.counts.VDI).toBe(targetBefore.counts.VDI! + Object.keys(sourceDigests).length);
  });

  it('copies a running VM from a snapshot, which it removes; the VM keeps running', async () => {
    rig = await startTwoPoolRig();
    const { vmRef } = await smallGuest(rig.source, 'Running');
    const sourceBefore = await inventory(rig.source);
    const sourceDigests = await diskDigestsOf(rig.source, vmRef);

    const job = await rig.runJob('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target) });
    expect(job.error).toBeNull();
    expect(job.transfer?.path).toBe('streaming');
    const copy = newVmOf(job);

    const sourceDump = await rig.source.db();
    expect(sourceDump.tables.VM![vmRef]!.power_state).toBe('Running');
    const targetDump = await rig.target.db();
    expect(targetDump.tables.VM![copy]!.is_a_template).toBe(false);
    expect(targetDump.tables.VM![copy]!.is_a_snapshot).toBe(false);
    expect(await diskDigestsOf(rig.target, copy)).toEqual(sourceDigests);
    expect(await inventory(rig.source)).toEqual(sourceBefore);
    expect((await inventory(rig.target)).marked).toEqual([]);
  });
});

describe('a stream cut mid-way', () => {
  for (const end of ['/export', '/import'] as const) {
    it(`at the ${end === '/export' ? 'source' : 'destination'} fails the copy with the pool's reason and leaves nothing`, async () => {
      rig = await startTwoPoolRig();
      const { vmRef } = await smallGuest(rig.source, 'Halted', 6 * 1024 * 1024);
      await refuseStorageMotion(rig.target);
      const sourceBefore = await inventory(rig.source);
      const targetBefore = await inventory(rig.target);
      // A reset after 2 MiB: a close-delimited /export then reads as ended, only its task says it failed.
      await (end === '/export' ? rig.source : rig.target).control('/faults/cut-transfer', { afterBytes: 2 * 1024 * 1024, path: end });
      const job = await rig.runJob('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target) });
      expect(job.state).toBe('failed');
      expect(job.error?.code).toBe(end === '/export' ? 'CLIENT_ERROR' : 'IMPORT_ERROR_PREMATURE_EOF');
      // The error names the pool that failed.
      expect(job.error?.poolId).toBe(end === '/export' ? rig.source.poolId : rig.target.poolId);
      expect(await inventory(rig.source)).toEqual(sourceBefore);
      expect(await inventory(rig.target)).toEqual(targetBefore);
    });
  }
});

describe('a halted VM moved to another pool that refuses storage motion', () => {
  it('is streamed, verified, and only then deleted from its pool with its disks', async () => {
    rig = await startTwoPoolRig();
    const { vmRef, name, vdis } = await smallGuest(rig.source, 'Halted');
    await refuseStorageMotion(rig.target);
    const digests = await diskDigestsOf(rig.source, vmRef);
    const targetDump = await rig.target.db();
    const hostId = String(rowsOf(targetDump, 'pool')[0]![1].master);
    const sr = await defaultSr(rig.target);
    const sourceDump = await rig.source.db();
    const storageMap = Object.fromEntries(vdis.map((vdi) => [vdi, sr]));
    const networkId = String(rowsOf(targetDump, 'network').find(([, network]) => String(network.name_label).includes('eth0'))?.[0] ?? rowsOf(targetDump, 'network')[0]![0]);
    const networkMap = Object.fromEntries(rowsOf(sourceDump, 'VIF').filter(([, vif]) => vif.VM === vmRef).map(([ref]) => [ref, networkId]));

    const job = await rig.runJob('vm.migrateToPool', { vmId: vmRef, targetHostId: hostId, storageMap, networkMap });
    expect(job.error).toBeNull();
    expect(job.transfer?.path).toBe('streaming');
    const moved = job.resultObjectId!;
    expect((await rig.target.db()).tables.VM![moved]).toMatchObject({ name_label: name, power_state: 'Halted', affinity: hostId });
    expect(await diskDigestsOf(rig.target, moved)).toEqual(digests);
    const after = await rig.source.db();
    expect(after.tables.VM![vmRef]).toBeUndefined();
    for (const vdi of vdis) expect(after.tables.VDI![vdi]).toBeUndefined();
    expect((await inventory(rig.source)).marked).toEqual([]);
    expect((await inventory(rig.target)).marked).toEqual([]);
  });
});
