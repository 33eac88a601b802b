import type { Job } from '../../../src/shared/api/job-schema.js';
import type { XenithHarness } from '../../support/xenith-harness.js';

const finishedStates = new Set(['succeeded', 'failed', 'cancelled']);

/** Waiting on Xenith's jobs through the events a client receives. */
export interface JobWaits {
  /** Waits for a job to reach a finished state. */
  finished(jobId: string, timeoutMs?: number): Promise<Job>;
  /** Calls an action and waits for its single job to finish. */
  runJob(method: string, input: unknown, timeoutMs?: number): Promise<Job>;
}

export function jobWaits(xenith: XenithHarness): JobWaits {
  const waits: JobWaits = {
    async finished(jobId, timeoutMs = 60_000) {
      const event = await xenith.waitForEvent((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === jobId && finishedStates.has((e.payload as { job: Job }).job.state), timeoutMs);
      return (event.payload as { job: Job }).job;
    },
    async runJob(method, input, timeoutMs) {
      const { jobIds } = await xenith.call<{ jobIds: string[] }>(method, input);
      if (jobIds.length !== 1) throw new Error(`${method} started ${jobIds.length} jobs`);
      return waits.finished(jobIds[0]!, timeoutMs);
    },
  };
  return waits;
}
