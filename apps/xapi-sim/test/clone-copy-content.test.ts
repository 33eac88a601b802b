/** Disks carried by VM.clone and VM.copy read as their source's, as on a real SR (a VHD child, a full copy). */
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { diskDigests, MiB, prepareVm } from './helpers/transfer-fixtures.js';

let pool: SimulatedPool | undefined;
afterEach(async () => {
  await pool?.stop();
  pool = undefined;
});

describe('disks of clones and copies', () => {
  it('read as the source VM disks: a snapshot, a clone of that snapshot and a full copy', async () => {
    pool = await startSimulatedPool({ hosts: 1, vms: 4, seed: 3, timeScale: 0.001, http: true, baseAddress: '127.0.0.190' });
    const sim = pool;
    const session = String(await jsonRpc(sim.masterUrl, 'session.login_with_password', ['root', 'xenith']));
    const call = async (method: string, ...params: unknown[]) => String(await jsonRpc(sim.masterUrl, method, [session, ...params]));
    const { vm } = prepareVm(sim, { sizes: [3 * MiB, 2 * MiB], powerState: 'Halted' });
    const digests = diskDigests(sim, vm);
    expect(new Set(Object.values(digests)).size).toBe(2);
    const snapshot = await call('VM.snapshot', vm, 'snap');
    const clone = await call('VM.clone', snapshot, 'clone of snap');
    const copy = await call('VM.copy', vm, 'copy', 'OpaqueRef:NULL');
    expect(diskDigests(sim, snapshot)).toEqual(digests);
    expect(diskDigests(sim, clone)).toEqual(digests);
    expect(diskDigests(sim, copy)).toEqual(digests);
  });
});
