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
import { inventory, rowsOf, smallGuest, type RigPool } from './support/two-pool-rig.js';

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

describe('a transfer interrupted by a crash', () => {
  it('is cleaned up on both pools within 30 s of reconnecting, with a line in the task panel', async () => {
    const sourceSim = await startSimulatedPool({ hosts: 1, vms: 6, seed: 21, timeScale: 0.02, baseAddress: '127.0.0.1' });
    cleanups.push(() => sourceSim.stop());
    const targetSim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 22, timeScale: 0.02, baseAddress: '127.0.1.1' });
    cleanups.push(() => targetSim.stop());
    const proxy: ThrottledProxy = await startThrottledProxy(masterAddress(targetSim));
    cleanups.push(() => proxy.close());
    const source = rigPool(sourceSim, `${masterAddress(sourceSim).host}:${masterAddress(sourceSim).port}`);
    const target = rigPool(targetSim, `127.0.0.1:${proxy.port}`);
    const dataDir = mkdtempSync(join(tmpdir(), 'xenith-crash-'));

    // The first Xenith, in its own process: both pools saved, a running VM streaming slowly to the other pool.
    const first: ChildXenith = await startChildXenith(dataDir);
    cleanups.push(() => first.kill());
    const sourceId = (await first.call<PoolSummary>('pool.add', { address: source.address, user: 'root', password: 'xenith', save: true })).poolId;
    const targetId = (await first.call<PoolSummary>('pool.add', { address: target.address, user: 'root', password: 'xenith', save: true })).poolId;
    const { vmRef, name } = await smallGuest(source, 'Running', 8 * MiB);
    const sourceBefore = await inventory(source);
    const targetBefore = await inventory(target);
    proxy.setRate(1 * MiB);
    const srId = String(rowsOf(await target.db(), 'pool')[0]![1].default_SR);
    const { jobIds } = await first.call<{ jobIds: string[] }>('vm.copyToPool', { vmId: vmRef, targetPoolId: targetId, srId });
    await first.waitForJob((job) => job.jobId === jobIds[0] && (job.transfer?.bytesDone ?? 0) > 1 * MiB);
    await first.kill();
    proxy.setRate(null);

    // What the dead process left: its snapshot and clone on the source, its tasks, and the journal naming them.
    expect((await inventory(source)).marked.length).toBeGreaterThan(0);
    const journal = JSON.parse(await readFile(join(dataDir, 'transfers.json'), 'utf8')) as { transfers: { vmName: string }[] };
    expect(journal.transfers.map((transfer) => transfer.vmName)).toEqual([name]);

    // Xenith again on the same data directory; the pools reconnect (their passwords were for that session only).
    const second: XenithHarness = startXenith({ dataDir });
    cleanups.push(() => second.close());
    second.autoTrust();
    await second.server.start();
    const reconnectedAt = Date.now();
    for (const poolId of [sourceId, targetId]) await second.call('pool.reconnectAs', { poolId, user: 'root', password: 'xenith' });
    const cleaned = await second.waitForEvent((event) => {
      if (event.event !== 'jobs.changed') return false;
      const { job } = event.payload as { job: Job };
      return job.action === 'transfer.cleanup' && job.state === 'succeeded';
    }, 30_000);
    expect((cleaned.payload as { job: Job }).job.title).toBe(`Cleaned up after an interrupted copy of ${name}`);
    await waitUntil(async () => {
      const [sourceNow, targetNow] = await Promise.all([inventory(source), inventory(target)]);
      return JSON.stringify(sourceNow) === JSON.stringify(sourceBefore) && JSON.stringify(targetNow) === JSON.stringify(targetBefore);
    }, 'no leftovers on either pool', Math.max(1, 30_000 - (Date.now() - reconnectedAt)));
    expect(await inventory(source)).toEqual(sourceBefore);
    expect(await inventory(target)).toEqual(targetBefore);
    const after = JSON.parse(await readFile(join(dataDir, 'transfers.json'), 'utf8')) as { transfers: unknown[] };
    expect(after.transfers).toEqual([]);
  });
});
