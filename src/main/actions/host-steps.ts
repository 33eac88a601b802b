import type { ApiError } from '../../shared/api/errors.js';
import type { JobStep } from '../../shared/api/job-schema.js';
import type { JobControl } from '../jobs/job-registry.js';

/** One server a multi-server job works on: its id and the step's label ("Plug on 'xcp-02'"). */
export interface HostStepSpec {
  readonly hostId: string;
  readonly label: string;
}

/**
 * A job's step list with one step per server (plugging an SR everywhere, bonding every server): each runs,
 * ends done or failed with XAPI's code and sentence, and the task panel shows them all as they go.
 */
export class HostSteps {
  readonly #job: JobControl;
  readonly #describe: (error: unknown) => ApiError;
  #steps: JobStep[];

  constructor(job: JobControl, specs: readonly HostStepSpec[], describe: (error: unknown) => ApiError) {
    this.#job = job;
    this.#describe = describe;
    this.#steps = specs.map((spec, index) => ({
      id: `${index}:${spec.hostId}`, label: spec.label, hostId: spec.hostId, state: 'pending', startedAt: null, finishedAt: null, error: null, note: null,
    }));
    job.setSteps(this.#steps);
  }

  /** Runs the step for `hostId`; resolves with its error (described) when it failed, else null. */
  async run(hostId: string, work: () => Promise<void>): Promise<ApiError | null> {
    this.#set(hostId, { state: 'running', startedAt: Date.now() });
    try {
      await work();
      this.#set(hostId, { state: 'done', finishedAt: Date.now() });
      return null;
    } catch (error) {
      const described = this.#describe(error);
      this.#set(hostId, { state: 'failed', finishedAt: Date.now(), error: described });
      return described;
    }
  }

  /** Marks a step as left out, with why. */
  skip(hostId: string, note: string): void {
    this.#set(hostId, { state: 'skipped', note });
  }

  /** Adds a note to a step (what a rollback did there). */
  note(hostId: string, note: string): void {
    this.#set(hostId, { note });
  }

  #set(hostId: string, change: Partial<JobStep>): void {
    this.#steps = this.#steps.map((step) => (step.hostId === hostId ? { ...step, ...change } : step));
    this.#job.setSteps(this.#steps);
  }
}
