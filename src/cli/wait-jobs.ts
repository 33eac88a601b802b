import type { Job } from '../shared/api/job-schema.js';
import type { ApiClient } from './api-client.js';
import { ExitCode } from './exit-codes.js';
import { jsonOutput } from './render.js';
import { barText, fitLine } from './terminal-line.js';

const finished = new Set<Job['state']>(['succeeded', 'failed', 'cancelled']);

/**
 * Collects `jobs.changed` from the moment it is made, so a job that ends before its call has answered is not
 * missed; `until` then waits for the given jobs to finish, drawing their progress on a terminal.
 */
export class JobFollower {
  readonly #jobs = new Map<string, Job>();
  readonly #waiters = new Set<() => void>();
  readonly #off: () => void;

  constructor(client: ApiClient) {
    this.#off = client.on('jobs.changed', (payload) => {
      const { job } = payload as { job: Job };
      this.#jobs.set(job.jobId, job);
      for (const wake of this.#waiters) wake();
    });
  }

  /** Resolves with the jobs once every one has finished (succeeded, failed or cancelled). */
  async until(client: ApiClient, jobIds: readonly string[], progress: ((jobs: Job[]) => void) | null): Promise<Job[]> {
    // Jobs that changed before this client listened are read once from the list; it is no older than any event
    // that came before its answer on the same socket.
    for (const job of await client.output<Job[]>('jobs.list', {})) this.#jobs.set(job.jobId, job);
    let offClose = () => {};
    const closed = new Promise<never>((_resolve, reject) => {
      offClose = client.onClose(() => reject(new Error('The connection to Xenith closed before the jobs finished.')));
    });
    // Once the jobs are followed, the session closing (as it does right after) is nobody's error.
    closed.catch(() => {});
    try {
      for (;;) {
        const jobs = jobIds.map((jobId) => this.#jobs.get(jobId)).filter((job): job is Job => job !== undefined);
        progress?.(jobs);
        if (jobs.length === jobIds.length && jobs.every((job) => finished.has(job.state))) return jobs;
        await Promise.race([new Promise<void>((resolve) => this.#waiters.add(resolve)), closed]);
        this.#waiters.clear();
      }
    } finally {
      offClose();
      this.#off();
    }
  }
}

/** A one-line progress bar on stderr, redrawn in place (a terminal only). */
export function progressBar(stream: NodeJS.WriteStream): { draw(jobs: Job[]): void; end(): void } {
  let last = '';
  return {
    draw(jobs) {
      if (jobs.length === 0) return;
      const progress = jobs.reduce((sum, job) => sum + (finished.has(job.state) ? 1 : job.progress), 0) / jobs.length;
      const running = jobs.find((job) => !finished.has(job.state)) ?? jobs.at(-1)!;
      const count = jobs.length > 1 ? ` ${jobs.filter((job) => finished.has(job.state)).length}/${jobs.length}` : '';
      const shown = fitLine(stream, `${barText(progress)} ${String(Math.round(progress * 100)).padStart(3)}%${count} ${running.title}`);
      if (shown === last) return;
      last = shown;
      stream.write(`\r\x1b[2K${shown}`);
    },
    end() {
      if (last) stream.write('\r\x1b[2K');
    },
  };
}

/** XAPI's code and sentence of each job that did not succeed, on stderr. */
export function printFailures(jobs: readonly Job[]): void {
  for (const job of jobs.filter((each) => each.state !== 'succeeded')) {
    const error = job.error ?? { code: job.state.toUpperCase(), message: `${job.title} was ${job.state}.` };
    process.stderr.write(`${error.code}: ${error.message}\n`);
  }
}

/** Prints how the jobs ended (a table, or JSON) and their failures; exits 1 if one did not succeed. */
export function reportJobs(jobs: readonly Job[], json: boolean): number {
  if (json) process.stdout.write(jsonOutput(jobs));
  else for (const job of jobs) process.stdout.write(`${job.state.padEnd(9)}  ${job.title}\n`);
  printFailures(jobs);
  return jobs.every((job) => job.state === 'succeeded') ? ExitCode.ok : ExitCode.failed;
}
