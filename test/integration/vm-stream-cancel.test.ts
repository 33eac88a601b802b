/**
 * A streamed copy into a destination slower than the source (a throttling relay in front of the destination
 * pool, real sockets end to end): it streams to the end with backpressure and arrives whole; cancelled mid-stream
 * it leaves nothing on either pool, and the journal forgets it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import type { ServerEvent } from '../../src/main/events/event-bus.js';
import { diskDigestsOf, inventory, rowsOf, smallGuest, startTwoPoolRig, type TwoPoolRig } from './support/two-pool-rig.js';

const MiB = 1024 * 1024;
let rig: TwoPoolRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

async function defaultSr(pool: TwoPoolRig['target']): Promise<string> {
  return String(rowsOf(await pool.db(), 'pool')[0]![1].default_SR);
}

/** A jobs.changed event of `jobId` whose transfer has relayed more than `bytes`. */
function relayedMoreThan(jobId: string, bytes: number): (event: ServerEvent) => boolean {
  return (event) => {
    if (event.event !== 'jobs.changed') return false;
    const { job } = event.payload as { job: Job };
    return job.jobId === jobId && (job.transfer?.bytesDone ?? 0) > bytes;
  };
}

async function journalled(dataDir: string): Promise<unknown[]> {
  const file = JSON.parse(await readFile(join(dataDir, 'transfers.json'), 'utf8')) as { transfers: unknown[] };
  return file.transfers;
}

describe('streaming into a slow destination', () => {
  it('streams to the end at the destination\'s pace and the copy arrives whole', async () => {
    rig = await startTwoPoolRig({ throttleTarget: true });
    const { vmRef } = await smallGuest(rig.source, 'Running', 3 * MiB);
    const digests = await diskDigestsOf(rig.source, vmRef);
    rig.proxy!.setRate(2 * MiB);
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target) });
    const slowed = await rig.xenith.waitForEvent(relayedMoreThan(jobIds[0]!, 1 * MiB));
    const during = (slowed.payload as { job: Job }).job;
    expect(during.transfer?.bytesPerSecond ?? 0).toBeLessThan(8 * MiB);
    const job = await rig.finished(jobIds[0]!);
    expect(job.error).toBeNull();
    expect(job.state).toBe('succeeded');
    expect(await diskDigestsOf(rig.target, job.resultObjectId!)).toEqual(digests);
    expect(await journalled(rig.xenith.dataDir)).toEqual([]);
    await expect(rig.xenith.call('app.health', {})).resolves.toBeTruthy();
  });

  it('cancelled mid-stream, leaves nothing on either pool', async () => {
    rig = await startTwoPoolRig({ throttleTarget: true });
    const { vmRef } = await smallGuest(rig.source, 'Running', 8 * MiB);
    const sourceBefore = await inventory(rig.source);
    const targetBefore = await inventory(rig.target);
    rig.proxy!.setRate(1 * MiB);
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('vm.copyToPool', { vmId: vmRef, targetPoolId: rig.target.poolId, srId: await defaultSr(rig.target) });
    const jobId = jobIds[0]!;
    await rig.xenith.waitForEvent(relayedMoreThan(jobId, 1 * MiB));
    // Mid-stream, the placeholder is there, start blocked, and both pools hold the transfer's objects.
    const midway = await inventory(rig.target);
    expect(midway.marked.some((line) => line.includes('[Importing…]'))).toBe(true);
    expect((await inventory(rig.source)).marked.length).toBeGreaterThan(0);

    await expect(rig.xenith.call('jobs.cancel', { jobId })).resolves.toEqual({ cancelling: true });
    rig.proxy!.setRate(null);
    const job = await rig.finished(jobId);
    expect(job.state).toBe('cancelled');
    expect(await inventory(rig.source)).toEqual(sourceBefore);
    expect(await inventory(rig.target)).toEqual(targetBefore);
    expect(await journalled(rig.xenith.dataDir)).toEqual([]);
  });
});
