import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitUntil } from '../support/wait-until.js';
import { guests, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig;
beforeAll(async () => {
  rig = await startActionRig({ hosts: 2, vms: 6, seed: 33 });
});
afterAll(async () => rig?.close());

/** The VM's CD drive in the simulator now. */
async function cdDrive(vmRef: string): Promise<Record<string, unknown> | undefined> {
  return rows(await rig.db(), 'VBD').find(([, vbd]) => vbd.VM === vmRef && vbd.type === 'CD')?.[1];
}

describe('vm.setCd (the Console tab’s DVD drive) against the simulator', () => {
  it('puts an ISO in the drive, swaps it for another, and ejects it', async () => {
    const dump = await rig.db();
    const isoSrs = new Set(rows(dump, 'SR').filter(([, sr]) => sr.content_type === 'iso' && sr.type === 'iso').map(([ref]) => ref));
    const isos = rows(dump, 'VDI').filter(([, vdi]) => isoSrs.has(String(vdi.SR))).map(([ref]) => ref);
    expect(isos.length).toBeGreaterThanOrEqual(2);
    const [vmRef] = guests(dump).find(([ref]) => rows(dump, 'VBD').some(([, vbd]) => vbd.VM === ref && vbd.type === 'CD'))!;
    await waitUntil(() => rig.xenith.server.internals.mirror.object(vmRef) !== undefined, 'the VM in the mirror');

    const inserted = await rig.runJob('vm.setCd', { vmId: vmRef, isoId: isos[0] });
    expect(inserted).toMatchObject({ state: 'succeeded', action: 'vm.setCd' });
    expect(await cdDrive(vmRef)).toMatchObject({ VDI: isos[0], empty: false });

    expect((await rig.runJob('vm.setCd', { vmId: vmRef, isoId: isos[1] })).state).toBe('succeeded');
    expect(await cdDrive(vmRef)).toMatchObject({ VDI: isos[1], empty: false });

    expect((await rig.runJob('vm.setCd', { vmId: vmRef, isoId: null })).state).toBe('succeeded');
    expect(await cdDrive(vmRef)).toMatchObject({ VDI: 'OpaqueRef:NULL', empty: true });
  });

  it('refuses a disk that is not an ISO image before any job starts', async () => {
    const dump = await rig.db();
    const [vmRef] = guests(dump)[0]!;
    const [, disk] = rows(dump, 'VBD').find(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk')!;
    await expect(rig.xenith.call('vm.setCd', { vmId: vmRef, isoId: String(disk.VDI) })).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringMatching(/is not an ISO image/) });
  });
});
