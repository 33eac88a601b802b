/**
 * Xenith killed (SIGKILL) in the middle of streaming a running VM to another pool, then started again on the same
 * data directory: once the pools reconnect, the transfer journal leads it to every leftover (the export snapshot
 * and its clone, the tasks, the half-imported placeholder) and it removes them from both pools, saying so in the
 * task panel.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import { fetchSimDump } from '../support/mirror-vs-sim.js';
import { startThrottledProxy, type ThrottledProxy } from '../support/throttled-proxy.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';
import { startChildXenith, type ChildXenith } from './support/child-xenith.js';
import { inventory, rowsOf, smallGuest, type Inventory, type RigPool } from './support/two-pool-rig.js';

const MiB = 1024 * 1024;
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

function rigPool(sim: SimulatedPool, address: string): RigPool {
  return {
    sim, address, poolId: '',
    db: () => fetchSimDump(sim.controlUrl),
    control: async (path, body = {}) => (await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json(),
  };
}

function masterAddress(sim: SimulatedPool): { host: string; port: number } {
  const master = sim.hosts.find((host) => host.master)!;
  return { host: master.address, port: Number(new URL(master.url).port) };
}

/** Two pools (the destination behind a throttling relay) and a first Xenith, in its own process, that knows both. */
async function crashRig() {
  const sourceSim = await startSimulatedPool({ hosts: 1, vms: 6, seed: 21, timeScale: 0.02, baseAddress: '127.0.0.1' });
  cleanups.push(() => sourceSim.stop());
  const targetSim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 22, timeScale: 0.02, baseAddress: '127.0.1.1' });
  cleanups.push(() => targetSim.stop());
  const proxy: ThrottledProxy = await startThrottledProxy(masterAddress(targetSim));
  cleanups.push(() => proxy.close());
  const source = rigPool(sourceSim, `${masterAddress(sourceSim).host}:${masterAddress(sourceSim).port}`);
  const target = rigPool(targetSim, `127.0.0.1:${proxy.port}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'xenith-crash-'));
  const first: ChildXenith = await startChildXenith(dataDir);
  cleanups.push(() => first.kill());
  const sourceId = (await first.call<PoolSummary>('pool.add', { address: source.address, user: 'root', password: 'xenith', save: true })).poolId;
  const targetId = (await first.call<PoolSummary>('pool.add', { address: target.address, user: 'root', password: 'xenith', save: true })).poolId;
  const srId = String(rowsOf(await target.db(), 'pool')[0]![1].default_SR);
  return { source, target, proxy, dataDir, first, sourceId, targetId, srId };
}

/**
 * Starts Xenith again on the same data directory and reconnects both pools (their passwords were for the dead
 * session only); within 30 s both pools must hold exactly what they held before, the journal must be empty, and
 * the task panel must say what happened.
 */
async function restartAndExpectClean(rig: Awaited<ReturnType<typeof crashRig>>, before: { source: Inventory; target: Inventory }, name: string): Promise<void> {
  const second: XenithHarness = startXenith({ dataDir: rig.dataDir });
  cleanups.push(() => second.close());
  second.autoTrust();
  await second.server.start();
  const reconnectedAt = Date.now();
  for (const poolId of [rig.sourceId, rig.targetId]) await second.call('pool.reconnectAs', { poolId, user: 'root', password: 'xenith' });
  const cleaned = await second.waitForEvent((event) => {
    if (event.event !== 'jobs.changed') return false;
    const { job } = event.payload as { job: Job };
    return job.action === 'transfer.cleanup' && job.state === 'succeeded';
  }, 30_000);
  expect((cleaned.payload as { job: Job }).job.title).toBe(`Cleaned up after an interrupted copy of ${name}`);
  await waitUntil(async () => {
    const [sourceNow, targetNow] = await Promise.all([inventory(rig.source), inventory(rig.target)]);
    return JSON.stringify(sourceNow) === JSON.stringify(before.source) && JSON.stringify(targetNow) === JSON.stringify(before.target);
  }, 'no leftovers on either pool', Math.max(1, 30_000 - (Date.now() - reconnectedAt)));
  expect(await inventory(rig.source)).toEqual(before.source);
  expect(await inventory(rig.target)).toEqual(before.target);
  const after = JSON.parse(await readFile(join(rig.dataDir, 'transfers.json'), 'utf8')) as { transfers: unknown[] };
  expect(after.transfers).toEqual([]);
}

describe('a transfer interrupted by a crash', () => {
  it('mid-stream: is cleaned up on both pools within 30 s of reconnecting, with a line in the task panel', async () => {
    const rig = await crashRig();
    const { vmRef, name } = await smallGuest(rig.source, 'Running', 8 * MiB);
    const before = { source: await inventory(rig.source), target: await inventory(rig.target) };
    rig.proxy.setRate(1 * MiB);
    const { jobIds } = await rig.first.call<{ jobIds: string[] }>('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.targetId, srId: rig.srId });
    await rig.first.waitForJob((job) => job.jobId === jobIds[0] && (job.transfer?.bytesDone ?? 0) > 1 * MiB);
    await rig.first.kill();
    rig.proxy.setRate(null);

    // What the dead process left: its snapshot and clone on the source, its tasks, and the journal naming them.
    expect((await inventory(rig.source)).marked.length).toBeGreaterThan(0);
    const journal = JSON.parse(await readFile(join(rig.dataDir, 'transfers.json'), 'utf8')) as { transfers: { vmName: string }[] };
    expect(journal.transfers.map((transfer) => transfer.vmName)).toEqual([name]);
    await restartAndExpectClean(rig, before, name);
  });

  it('after the VM arrived, before its disks were verified: the start-blocked placeholder goes too', async () => {
    const rig = await crashRig();
    const { vmRef, name } = await smallGuest(rig.source, 'Halted', 2 * MiB);
    await rig.target.control('/faults/error', { method: 'host.migrate_receive', code: 'LICENCE_RESTRICTION', params: ['Storage_motion'] });
    const before = { source: await inventory(rig.source), target: await inventory(rig.target) };
    // The destination answers the disk checks slowly: Xenith dies while it waits for them.
    await rig.target.control('/faults/latency', { method: 'VDI.get_record', ms: 20_000 });
    await rig.first.call('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.targetId, srId: rig.srId });
    let placeholder: Record<string, unknown> | undefined;
    await waitUntil(async () => {
      placeholder = rowsOf(await rig.target.db(), 'VM').map(([, vm]) => vm).find((vm) => vm.name_label === `[Importing…] ${name}`);
      return placeholder !== undefined && Object.keys(placeholder.current_operations as object).length === 0;
    }, 'the imported VM, its import over, waiting for its check');
    await rig.first.kill();
    await rig.target.control('/faults/latency', { method: 'VDI.get_record', ms: 0 });
    expect(placeholder!.blocked_operations).toMatchObject({ start: expect.any(String), start_on: expect.any(String) });
    await restartAndExpectClean(rig, before, name);
  });
});
