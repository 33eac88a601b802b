import { afterEach, describe, expect, it } from 'vitest';
import { guests, haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Dump = Awaited<ReturnType<ActionRig['db']>>;
const GiB = 1024 ** 3;

/** A VM's disk VBDs and their VDIs. */
const disks = (dump: Dump, vm: string): [string, string][] =>
  rows(dump, 'VBD').filter(([, vbd]) => vbd.VM === vm && vbd.type === 'Disk' && !vbd.empty).map(([ref, vbd]) => [ref, String(vbd.VDI)]);

/** A shared user SR, plugged on every server, other than `not`. */
const sharedSr = (dump: Dump, not: string): string =>
  rows(dump, 'SR').find(([ref, sr]) => ref !== not && sr.shared === true && sr.content_type === 'user' && (sr.PBDs as string[]).every((pbd) => dump.tables.PBD![pbd]!.currently_attached === true))![0];

describe('virtual disks through the server', () => {
  it("moves a running VM's disk live to another SR while the VM keeps running, and grows it online", async () => {
    rig = await startActionRig({ hosts: 3, vms: 6, seed: 41, baseAddress: '127.0.0.139' });
    const dump = await rig.db();
    const [vm] = guests(dump).find(([ref, record]) => record.power_state === 'Running' && disks(dump, ref).length > 0)!;
    const [vbd, vdi] = disks(dump, vm)[0]!;
    const target = sharedSr(dump, String(dump.tables.VDI![vdi]!.SR));
    // Disk data takes time in proportion to its size: a fixed, short mirror keeps the test quick.
    await rig.control('/faults/duration', { method: 'VDI.pool_migrate', ms: 400 });

    const moved = await rig.runJob('vdi.move', { vdiId: vdi, srId: target });
    expect(moved).toMatchObject({ state: 'succeeded', action: 'vdi.move' });
    const after = await rig.db();
    expect(after.tables.VDI![moved.resultObjectId!]!.SR).toBe(target);
    expect(after.tables.VDI![vdi]).toBeUndefined();
    expect(after.tables.VBD![vbd]).toMatchObject({ VDI: moved.resultObjectId, currently_attached: true });
    expect(after.tables.VM![vm]!.power_state).toBe('Running');

    // Offline resize is refused here: the job can only succeed through VDI.resize_online.
    await rig.control('/faults/error', { method: 'VDI.resize', code: 'VDI_IN_USE', params: [moved.resultObjectId!, 'resize'] });
    const size = Number(after.tables.VDI![moved.resultObjectId!]!.virtual_size) + GiB;
    const grown = await rig.runJob('vdi.edit', { vdiId: moved.resultObjectId, name: 'grown disk', size });
    expect(grown.state).toBe('succeeded');
    expect((await rig.db()).tables.VDI![moved.resultObjectId!]).toMatchObject({ virtual_size: size, name_label: 'grown disk' });
    const shrink = await rig.xenith.call('vdi.edit', { vdiId: moved.resultObjectId, size: GiB }).catch((error: unknown) => error);
    expect(shrink).toMatchObject({ code: 'VDI_TOO_SMALL', message: expect.stringContaining('cannot be made smaller') });
  });

  it('adds a disk to a running VM (activated), detaches it, and moves a halted VM\'s disk by copying it', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 42, baseAddress: '127.0.0.142' });
    const dump = await rig.db();
    const [running] = guests(dump).find(([, record]) => record.power_state === 'Running')!;
    const sr = sharedSr(dump, '');
    const added = await rig.runJob('vdi.create', { srId: sr, name: 'data', description: 'scratch', size: 4 * GiB, vmId: running });
    expect(added.state).toBe('succeeded');
    const withDisk = await rig.db();
    const [newVbd] = rows(withDisk, 'VBD').find(([, vbd]) => vbd.VDI === added.resultObjectId)!;
    expect(withDisk.tables.VBD![newVbd]).toMatchObject({ VM: running, currently_attached: true, mode: 'RW', type: 'Disk' });
    expect(withDisk.tables.VDI![added.resultObjectId!]).toMatchObject({ name_label: 'data', virtual_size: 4 * GiB, SR: sr });

    expect((await rig.runJob('vdi.detach', { vbdId: newVbd })).state).toBe('succeeded');
    const detached = await rig.db();
    expect(detached.tables.VBD![newVbd]).toBeUndefined();
    expect(detached.tables.VDI![added.resultObjectId!]).toBeDefined();

    const halted = await haltedGuest(rig);
    const before = await rig.db();
    const [haltedVbd, haltedVdi] = disks(before, halted)[0]!;
    const position = before.tables.VBD![haltedVbd]!.userdevice;
    const target = sharedSr(before, String(before.tables.VDI![haltedVdi]!.SR));
    await rig.control('/faults/duration', { method: 'VDI.copy', ms: 400 });
    const copied = await rig.runJob('vdi.move', { vdiId: haltedVdi, srId: target });
    expect(copied.state).toBe('succeeded');
    const after = await rig.db();
    expect(after.tables.VDI![haltedVdi]).toBeUndefined();
    expect(after.tables.VDI![copied.resultObjectId!]!.SR).toBe(target);
    expect(disks(after, halted).map(([ref]) => after.tables.VBD![ref]!)).toEqual(expect.arrayContaining([expect.objectContaining({ VDI: copied.resultObjectId, userdevice: position })]));
  });
});
