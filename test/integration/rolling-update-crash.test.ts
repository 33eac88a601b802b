/**
 * The rolling pool update survives Xenith being killed: the server runs in a child process, is SIGKILLed right
 * after the second host's reboot starts, and a new server on the same data directory shows the update paused at
 * that step; Resume completes it, and the pool ends exactly as after an uninterrupted run of the same update on an
 * identical pool.
 */
import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '../../apps/xapi-sim/src/index.js';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { fetchSimDump } from '../support/mirror-vs-sim.js';
import { waitUntil } from '../support/wait-until.js';
import { startXenith, type XenithHarness } from '../support/xenith-harness.js';
import { startChildXenith, type ChildXenith } from './support/child-xenith.js';
import { quickUpdates, startUpdateRig, stopUnmovableGuests, updateOutcome } from './support/update-rig.js';

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => {});
});

const pool = { hosts: 3, vms: 9, seed: 65 } as const;
const update = { name: 'kernel', version: '4.19.19', release: '8.0.38.1.xcpng8.3' };
const selection = { family: 'xcp-ng', packages: [] };
const publish = (sim: SimulatedPool) => fetch(`${sim.controlUrl}/updates/xcp-ng/publish`, { method: 'POST', body: JSON.stringify(update) });

describe('a rolling update interrupted by a crash', () => {
  it('comes back paused at the reboot of the second host; Resume finishes it with the same result as an uninterrupted run', async () => {
    // The reference: the same update on an identical pool, never interrupted.
    const reference = await startUpdateRig({ ...pool, baseAddress: '127.0.6.60' });
    cleanups.push(() => reference.close());
    await stopUnmovableGuests(reference.sim, reference.xenith.call);
    await publish(reference.sim);
    const { jobIds: [referenceJob] } = await reference.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: reference.poolId, selection, mode: 'automatic' });
    expect((await reference.finished(referenceJob!, 240_000)).state).toBe('succeeded');
    const expected = await updateOutcome(reference.sim);
    await reference.close();
    cleanups.pop();

    // The same pool and update, run by a Xenith in a child process that is killed mid-way.
    const sim = await startSimulatedPool({ ...pool, timeScale: 0.01, baseAddress: '127.0.6.70' });
    cleanups.push(() => sim.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'xenith-rolling-crash-'));
    const child: ChildXenith = await startChildXenith(dataDir);
    cleanups.push(() => child.kill());
    const master = sim.hosts.find((h) => h.master)!;
    const { poolId } = await child.call<PoolSummary>('pool.add', { address: `${master.address}:${new URL(master.url).port}`, user: 'root', password: 'xenith', save: true });
    await stopUnmovableGuests(sim, child.call);
    await publish(sim);
    // The reboot call takes 2 s to return (the host going down): long enough to kill Xenith inside it.
    await fetch(`${sim.controlUrl}/faults/duration`, { method: 'POST', body: JSON.stringify({ method: 'host.reboot', ms: 2000 }) });
    const { jobIds: [jobId] } = await child.call<{ jobIds: string[] }>('updates.install', { poolId, selection, mode: 'automatic' });
    const started = await child.waitForJob((job) => job.jobId === jobId && job.steps !== undefined && job.steps.filter((s) => s.id.startsWith('reboot:') && s.state === 'running').length === 1 && job.steps.filter((s) => s.id.startsWith('reboot:') && s.state === 'done').length === 1, 240_000);
    const second = started.steps!.find((s) => s.id.startsWith('reboot:') && s.state === 'running')!;
    const secondHost = second.hostId!;
    // Right after the second host's reboot starts: the pool shows it rebooting.
    await waitUntil(async () => {
      const dump = await fetchSimDump(sim.controlUrl);
      return Object.values(dump.tables.host![secondHost]!.current_operations as Record<string, string>).includes('reboot');
    }, 'the second host rebooting', 60_000);
    await child.kill();

    const journal = JSON.parse(await readFile(join(dataDir, 'rolling-updates.json'), 'utf8')) as { updates: { steps: { id: string; state: string }[] }[] };
    expect(journal.updates).toHaveLength(1);
    expect(journal.updates[0]!.steps.find((s) => s.id === second.id)!.state).toBe('running');

    // A new Xenith on the same data directory: the update is there at once, paused at that step.
    const again: XenithHarness = startXenith({ dataDir, server: quickUpdates });
    cleanups.push(() => again.close());
    again.autoTrust();
    await again.server.start();
    const pausedEvent = await again.waitForEvent((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.action === 'updates.rollingUpdate' && (e.payload as { job: Job }).job.state === 'paused');
    const paused = (pausedEvent.payload as { job: Job }).job;
    expect(paused.error).toMatchObject({ code: 'ROLLING_UPDATE_INTERRUPTED', message: expect.stringContaining(`'${second.label}'`) });
    expect(paused.steps!.find((s) => s.id === second.id)!.state).toBe('running');
    expect(paused.steps!.filter((s) => s.state === 'done').length).toBeGreaterThan(7);
    // Resume needs the pool: its password was kept for the dead process's session only.
    await expect(again.call('updates.decide', { jobId: paused.jobId, decision: 'resume' })).rejects.toMatchObject({ code: 'POOL_NOT_CONNECTED' });
    await again.call('pool.reconnectAs', { poolId, user: 'root', password: 'xenith' });
    await waitUntil(() => again.server.internals.pools.connection(poolId).client !== null, 'the pool reconnected');
    await again.call('updates.decide', { jobId: paused.jobId, decision: 'resume' });
    const finished = await again.waitForEvent((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === paused.jobId && ['succeeded', 'failed', 'cancelled'].includes((e.payload as { job: Job }).job.state), 240_000);
    expect((finished.payload as { job: Job }).job).toMatchObject({ state: 'succeeded', notes: ['3 of 3 server(s) updated.'] });

    expect(await updateOutcome(sim)).toEqual(expected);
    expect(JSON.parse(await readFile(join(dataDir, 'rolling-updates.json'), 'utf8'))).toEqual({ version: 1, updates: [] });
  });
});
