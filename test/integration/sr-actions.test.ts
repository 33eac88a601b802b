import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { SrProbeResult } from '../../src/shared/api/methods/sr.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Dump = Awaited<ReturnType<ActionRig['db']>>;

const master = (dump: Dump): string => String(Object.values(dump.tables.pool!)[0]!.master);
const srOfType = (dump: Dump, type: string): [string, Record<string, unknown>] => rows(dump, 'SR').find(([, sr]) => sr.type === type)!;
const pbds = (dump: Dump, sr: string): Record<string, unknown>[] => rows(dump, 'PBD').filter(([, pbd]) => pbd.SR === sr).map(([, pbd]) => pbd);
const configOf = (dump: Dump, sr: string): Record<string, string> => pbds(dump, sr)[0]!.device_config as Record<string, string>;
const probe = (r: ActionRig, hostId: string, location: unknown): Promise<SrProbeResult> => r.xenith.call<SrProbeResult>('sr.probe', { hostId, location });

/** Stops every running or paused guest (an SR whose disks a live VM uses cannot be detached). */
async function stopGuests(r: ActionRig): Promise<void> {
  for (const [ref, vm] of guests(await r.db())) if (vm.power_state === 'Running' || vm.power_state === 'Paused') await r.control(`/vms/${ref}/stop`, { hard: true });
}

describe('SRs through the server, against a 3-host simulated pool', () => {
  it('creates NFS and SMB SRs plugged on every server; an SMB password lives only in XAPI secrets', async () => {
    rig = await startActionRig({ hosts: 3, vms: 4, seed: 31, baseAddress: '127.0.0.130' });
    const dump = await rig.db();
    const host = master(dump);
    const { server } = configOf(dump, srOfType(dump, 'nfs')[0]);
    expect(await probe(rig, host, { type: 'nfs', server })).toEqual({ kind: 'exports', exports: expect.arrayContaining([{ path: '/export/vms' }]) });
    const existing = await probe(rig, host, { type: 'nfs', server, path: '/export/vms' });
    expect(existing).toEqual({ kind: 'srs', srs: [expect.objectContaining({ uuid: srOfType(dump, 'nfs')[1].uuid, srId: srOfType(dump, 'nfs')[0] })] });
    // A host without SR.probe_ext answers through SR.probe's <SRlist> just the same.
    await rig.control('/faults/error', { method: 'SR.probe_ext', code: 'MESSAGE_METHOD_UNKNOWN', params: ['SR.probe_ext'] });
    expect(await probe(rig, host, { type: 'nfs', server, path: '/export/vms' })).toEqual({ kind: 'srs', srs: [expect.objectContaining({ uuid: srOfType(dump, 'nfs')[1].uuid })] });
    await rig.control('/faults/error', { method: 'SR.probe_ext' });

    const nfs = await rig.runJob('sr.create', { hostId: host, name: 'New NFS', description: 'made by the test', location: { type: 'nfs', server, path: '/export/vms', version: '4.1' } });
    expect(nfs).toMatchObject({ state: 'succeeded', title: "Creating SR 'New NFS'" });
    expect(nfs.steps?.map((step) => step.state)).toEqual(['done', 'done', 'done']);
    const afterNfs = await rig.db();
    expect(afterNfs.tables.SR![nfs.resultObjectId!]).toMatchObject({ name_label: 'New NFS', type: 'nfs', shared: true });
    expect(pbds(afterNfs, nfs.resultObjectId!).map((pbd) => pbd.currently_attached)).toEqual([true, true, true]);

    const secretsBefore = rows(afterNfs, 'secret').length;
    const wrong = await rig.runJob('sr.create', { hostId: host, name: 'Bad SMB', description: '', location: { type: 'smb', share: '\\\\10.0.30.40\\vms', user: 'xenith', password: 'not-it' } });
    expect(wrong).toMatchObject({ state: 'failed', error: { code: 'SR_BACKEND_FAILURE_111', message: expect.stringContaining('SMB share could not be mounted') } });
    expect(rows(await rig.db(), 'secret').length).toBe(secretsBefore);

    const smb = await rig.runJob('sr.create', { hostId: host, name: 'SMB share', description: '', location: { type: 'smb', share: '\\\\10.0.30.40\\vms', user: 'xenith', password: 'smb-password' } });
    expect(smb.state).toBe('succeeded');
    const afterSmb = await rig.db();
    const smbPbds = pbds(afterSmb, smb.resultObjectId!);
    expect(smbPbds.map((pbd) => pbd.currently_attached)).toEqual([true, true, true]);
    for (const pbd of smbPbds) {
      const config = pbd.device_config as Record<string, string>;
      expect(config).toMatchObject({ server: '//10.0.30.40/vms', username: 'xenith', password_secret: expect.any(String) });
      expect(config).not.toHaveProperty('password');
      expect(rows(afterSmb, 'secret').find(([, secret]) => secret.uuid === config.password_secret)?.[1].value).toBe('smb-password');
    }
    expect(JSON.stringify(await rig.xenith.call('jobs.list', {}))).not.toContain('smb-password');
    expect(rig.xenith.logLines.join('\n')).not.toContain('smb-password');
  });

  it('discovers the iSCSI targets and LUNs and reattaches the SR already on the LUN, with its disks, instead of formatting it', async () => {
    rig = await startActionRig({ hosts: 3, vms: 4, seed: 32, baseAddress: '127.0.0.133' });
    await stopGuests(rig);
    const dump = await rig.db();
    const host = master(dump);
    const [srRef, sr] = srOfType(dump, 'lvmoiscsi');
    const { target, targetIQN, SCSIid } = configOf(dump, srRef);
    const disks = (sr.VDIs as string[]).map((vdi) => String(dump.tables.VDI![vdi]!.uuid)).sort();
    expect(disks.length).toBeGreaterThan(0);
    const forgot = await rig.runJob('sr.forget', { srId: srRef });
    expect(forgot.error).toBeNull();
    expect(forgot.state).toBe('succeeded');
    expect((await rig.db()).tables.SR![srRef]).toBeUndefined();

    expect(await probe(rig, host, { type: 'iscsi', target })).toEqual({ kind: 'targets', targets: [{ iqn: targetIQN, address: target }] });
    const luns = await probe(rig, host, { type: 'iscsi', target, iqn: targetIQN });
    expect(luns.kind).toBe('luns');
    expect(luns.kind === 'luns' && luns.luns.map((lun) => lun.scsiId)).toEqual(expect.arrayContaining([SCSIid]));
    expect(await probe(rig, host, { type: 'iscsi', target, iqn: targetIQN, scsiId: SCSIid })).toEqual({ kind: 'srs', srs: [expect.objectContaining({ uuid: sr.uuid, srId: null })] });
    const unknown = await rig.xenith.call('sr.probe', { hostId: host, location: { type: 'iscsi', target: '10.255.0.9' } }).catch((error: unknown) => error);
    expect(unknown).toMatchObject({ code: 'SR_BACKEND_FAILURE_141', message: expect.stringContaining('does not answer on that address') });

    const attached = await rig.runJob('sr.create', { hostId: host, name: String(sr.name_label), description: '', location: { type: 'iscsi', target, iqn: targetIQN, scsiId: SCSIid }, reattachUuid: sr.uuid });
    expect(attached).toMatchObject({ state: 'succeeded', title: `Attaching SR '${String(sr.name_label)}'` });
    const after = await rig.db();
    const back = after.tables.SR![attached.resultObjectId!]!;
    expect(back.uuid).toBe(sr.uuid);
    expect((back.VDIs as string[]).map((vdi) => String(after.tables.VDI![vdi]!.uuid)).sort()).toEqual(disks);
    expect(pbds(after, attached.resultObjectId!).map((pbd) => pbd.currently_attached)).toEqual([true, true, true]);
  });

  it('repairs: plugs an unplugged PBD, and names the server that keeps failing with XAPI\'s code and sentence', async () => {
    rig = await startActionRig({ hosts: 3, vms: 4, seed: 33, baseAddress: '127.0.0.136' });
    await stopGuests(rig);
    const dump = await rig.db();
    const [srRef] = srOfType(dump, 'nfs');
    const hostOfPbd = (pbd: Record<string, unknown>): string => String(pbd.host);
    const loose = rows(dump, 'PBD').find(([, pbd]) => pbd.SR === srRef)!;
    await rig.xenith.server.internals.pools.connection(rig.poolId).client!.call('PBD.unplug', loose[0]);
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(loose[0], 'PBD')?.currently_attached === false, 'unplugged PBD in the mirror');
    const repaired = await rig.runJob('sr.repair', { srId: srRef });
    expect(repaired.state).toBe('succeeded');
    expect(pbds(await rig.db(), srRef).every((pbd) => pbd.currently_attached === true)).toBe(true);

    const failing = hostOfPbd(loose[1]);
    const failingName = String(dump.tables.host![failing]!.name_label);
    await rig.control('/faults/host-error', { host: failing, method: 'PBD.plug', code: 'SR_BACKEND_FAILURE_47', params: ['', 'The SR is not available', ''] });
    expect((await rig.runJob('sr.detach', { srId: srRef })).state).toBe('succeeded');
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(srRef, 'SR')?.PBDs.every((pbd) => rig!.xenith.server.internals.mirror.get(pbd, 'PBD')?.currently_attached === false) === true, 'detached SR in the mirror');
    const failed: Job = await rig.runJob('sr.repair', { srId: srRef });
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'SR_BACKEND_FAILURE_47' } });
    expect(failed.error!.message).toContain(`on '${failingName}': The SR is not available on that server`);
    expect(failed.steps?.map((step) => step.state).sort()).toEqual(['done', 'done', 'failed']);
    expect(failed.steps?.find((step) => step.state === 'failed')).toMatchObject({ hostId: failing, error: { code: 'SR_BACKEND_FAILURE_47' } });
    const after = pbds(await rig.db(), srRef);
    expect(after.filter((pbd) => pbd.currently_attached === true).map(hostOfPbd).sort()).toEqual(after.map(hostOfPbd).filter((h) => h !== failing).sort());
  });
});
