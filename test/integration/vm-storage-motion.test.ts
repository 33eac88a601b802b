/**
 * VMs between two simulated pools by storage motion (host.migrate_receive + VM.migrate_send; the simulator moves
 * the disks host to host over its own HTTPS client): a copy of a halted VM, a live migrate that keeps the VM
 * running, the precheck with XAPI's reasons, and a destination SR that fills up — the job fails with XAPI's code
 * and a sentence and nothing is left on either pool, on either path.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { MigrationCheck } from '../../src/shared/api/methods/vm-transfer.js';
import { diskDigestsOf, inventory, rowsOf, smallGuest, startTwoPoolRig, type RigPool, type TwoPoolRig } from './support/two-pool-rig.js';

let rig: TwoPoolRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** Sessions open on a pool now (the simulator's own count). */
async function liveSessions(pool: RigPool): Promise<number> {
  const status = (await (await fetch(`${pool.sim.controlUrl}/status`)).json()) as { sessions: { live: number } };
  return status.sessions.live;
}

async function defaultSr(pool: RigPool): Promise<string> {
  return String(rowsOf(await pool.db(), 'pool')[0]![1].default_SR);
}

/** The destination's master and its management network. */
async function masterAndNetwork(pool: RigPool): Promise<{ hostId: string; networkId: string }> {
  const dump = await pool.db();
  const hostId = String(rowsOf(dump, 'pool')[0]![1].master);
  const pif = rowsOf(dump, 'PIF').find(([, record]) => record.host === hostId && record.management === true)!;
  return { hostId, networkId: String(pif[1].network) };
}

/** Every disk of the VM to one SR and every VIF to one network: the Migrate wizard's maps. */
async function maps(pool: RigPool, vmRef: string, srId: string, networkId: string) {
  const dump = await pool.db();
  const storageMap = Object.fromEntries(rowsOf(dump, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk').map(([, vbd]) => [String(vbd.VDI), srId]));
  const networkMap = Object.fromEntries(rowsOf(dump, 'VIF').filter(([, vif]) => vif.VM === vmRef).map(([ref]) => [ref, networkId]));
  return { storageMap, networkMap };
}

describe('storage motion between pools', () => {
  it('copies a halted VM host to host: same disks, the source stays', async () => {
    rig = await startTwoPoolRig();
    const { vmRef, name } = await smallGuest(rig.source, 'Halted');
    const digests = await diskDigestsOf(rig.source, vmRef);
    const sourceBefore = await inventory(rig.source);
    const job = await rig.runJob('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target), name: `${name} copy` });
    expect(job.error).toBeNull();
    expect(job.transfer?.path).toBe('storage-motion');
    expect(job.title).toContain('(storage motion)');
    const copy = job.resultObjectId!;
    const arrived = (await rig.target.db()).tables.VM![copy]!;
    expect(arrived).toMatchObject({ name_label: `${name} copy`, power_state: 'Halted' });
    expect(await diskDigestsOf(rig.target, copy)).toEqual(digests);
    expect(await inventory(rig.source)).toEqual(sourceBefore);
  });

  it('migrates a running VM live: it keeps running on the chosen server with the same disks, and leaves the source pool', async () => {
    rig = await startTwoPoolRig();
    const { vmRef } = await smallGuest(rig.source, 'Running');
    const digests = await diskDigestsOf(rig.source, vmRef);
    const uuid = String((await rig.source.db()).tables.VM![vmRef]!.uuid);
    const { hostId, networkId } = await masterAndNetwork(rig.target);
    const input = { vmId: vmRef, targetHostId: hostId, ...(await maps(rig.source, vmRef, await defaultSr(rig.target), networkId)) };
    const sessions = await liveSessions(rig.target);
    await expect(rig.xenith.call<MigrationCheck>('vm.migrationCheck', input)).resolves.toEqual({ canMigrate: true, path: 'storage-motion', reasons: [] });
    // The check's receive token (a session on the destination) is given back, not left behind.
    expect(await liveSessions(rig.target)).toBe(sessions);

    const job = await rig.runJob('vm.migrateToPool', input);
    expect(job.error).toBeNull();
    expect(job.transfer?.path).toBe('storage-motion');
    const moved = job.resultObjectId!;
    const arrived = (await rig.target.db()).tables.VM![moved]!;
    expect(arrived).toMatchObject({ uuid, power_state: 'Running', resident_on: hostId });
    expect(await diskDigestsOf(rig.target, moved)).toEqual(digests);
    expect((await rig.source.db()).tables.VM![vmRef]).toBeUndefined();
  });

  it('prechecks with XAPI\'s reasons: a running VM with changed block tracking cannot go; a halted one is streamed instead', async () => {
    rig = await startTwoPoolRig();
    const { vmRef: running, vdis: runningVdis } = await smallGuest(rig.source, 'Running');
    const { vmRef: halted, vdis: haltedVdis } = await smallGuest(rig.source, 'Halted');
    for (const vdi of [...runningVdis, ...haltedVdis]) await rig.source.control(`/objects/VDI/${vdi}`, { cbt_enabled: true });
    const { hostId, networkId } = await masterAndNetwork(rig.target);
    const sr = await defaultSr(rig.target);
    const sessions = await liveSessions(rig.target);
    const refused = await rig.xenith.call<MigrationCheck>('vm.migrationCheck', { vmId: running, targetHostId: hostId, ...(await maps(rig.source, running, sr, networkId)) });
    expect(await liveSessions(rig.target)).toBe(sessions);
    expect(refused.canMigrate).toBe(false);
    expect(refused.path).toBeNull();
    expect(refused.reasons.map((reason) => reason.code)).toEqual(['VDI_CBT_ENABLED']);
    expect(refused.reasons[0]!.message).toMatch(/changed block tracking/i);
    const streamed = await rig.xenith.call<MigrationCheck>('vm.migrationCheck', { vmId: halted, targetHostId: hostId, ...(await maps(rig.source, halted, sr, networkId)) });
    expect(streamed).toMatchObject({ canMigrate: true, path: 'streaming' });
    expect(streamed.reasons.map((reason) => reason.code)).toEqual(['VDI_CBT_ENABLED']);

    // The refused live migrate fails with the same reason, and nothing moved.
    const job = await rig.runJob('vm.migrateToPool', { vmId: running, targetHostId: hostId, ...(await maps(rig.source, running, sr, networkId)) });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('VDI_CBT_ENABLED');
    expect((await rig.source.db()).tables.VM![running]!.power_state).toBe('Running');
  });
});

describe('a destination SR that fills up mid-copy', () => {
  for (const path of ['streaming', 'storage-motion'] as const) {
    it(`fails the ${path} copy with XAPI's SR_FULL and a sentence, and leaves nothing on either pool`, async () => {
      rig = await startTwoPoolRig();
      const { vmRef } = await smallGuest(rig.source, 'Halted', 6 * 1024 * 1024);
      if (path === 'streaming') await rig.target.control('/faults/error', { method: 'host.migrate_receive', code: 'LICENCE_RESTRICTION', params: ['Storage_motion'] });
      const sr = await defaultSr(rig.target);
      await rig.target.control('/faults/sr-full', { sr, afterBytes: 2 * 1024 * 1024 });
      const sourceBefore = await inventory(rig.source);
      const targetBefore = await inventory(rig.target);
      const job = await rig.runJob('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: sr });
      expect(job.state).toBe('failed');
      expect(job.transfer?.path).toBe(path);
      expect(job.error?.code).toBe('SR_FULL');
      expect(job.error?.message).toMatch(/^The storage is full/);
      expect(await inventory(rig.source)).toEqual(sourceBefore);
      expect(await inventory(rig.target)).toEqual(targetBefore);
    });
  }
});
