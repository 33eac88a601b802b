import { randomBytes } from 'node:crypto';
import type { ApiError } from '../../shared/api/errors.js';
import type { Job, JobDecision, JobStep, JobTransfer } from '../../shared/api/job-schema.js';
import type { EventBus } from '../events/event-bus.js';
import { JobCancelledError } from './job-cancelled.js';

/** What an action says about the job it starts. */
export interface JobSpec {
  poolId: string;
  title: string;
  action: string;
  objectIds: readonly string[];
  /** Whether the person may cancel it (XAPI can stop the work it does). */
  cancellable: boolean;
}

/** The running job as its work sees it: progress, tasks, result, and whether someone asked it to stop. */
export interface JobControl {
  readonly jobId: string;
  readonly poolId: string;
  readonly cancelRequested: boolean;
  /** Throws JobCancelledError when cancel was asked: call between steps. */
  throwIfCancelled(): void;
  /** 0..1; ignored when lower than what was already shown (a job never goes backwards). */
  setProgress(fraction: number): void;
  /** The XAPI tasks the job waits on now. */
  setTaskRefs(taskRefs: readonly string[]): void;
  setResult(objectId: string): void;
  /** A transfer's path and throughput (throttled like progress). */
  setTransfer(transfer: JobTransfer): void;
  /** Renames the job (a cross-pool copy that falls back to streaming says so). */
  setTitle(title: string): void;
  /** Runs `handler` when cancel is asked (at once if it already was); returns a function that stops listening. */
  onCancel(handler: () => void): () => void;
  /** A multi-step job's step list (replaces the previous one). */
  setSteps(steps: readonly JobStep[]): void;
  /** What the job says about how it went (shown under its title). */
  setNotes(notes: readonly string[]): void;
  /**
   * Stops and waits for the person: the job shows as paused with `reason` and the `decisions` offered, and this
   * resolves with the one chosen (`JobRegistry.decide`); the job is running again by then. A cancel asked before
   * is taken as the reason to pause and forgotten.
   */
  pause(decisions: readonly JobDecision[], reason: ApiError | null): Promise<JobDecision>;
}

/** The work of one job. It returns when done and throws to fail (JobCancelledError to end cancelled). */
export type JobWork = (job: JobControl) => Promise<void>;

export interface JobRegistryOptions {
  /** Maps whatever the work threw to the error shown on the failed job. */
  describeError(error: unknown, poolId: string): ApiError;
  /** Minimum time between two progress-only events of one job (state changes go out at once). */
  progressIntervalMs?: number;
  /** Finished jobs kept until cleared; the oldest go first beyond this. */
  keepFinished?: number;
  now?: () => number;
}

interface Entry {
  job: Job;
  cancelRequested: boolean;
  /** Set while paused: settles the pause with the person's decision. */
  decide: ((decision: JobDecision) => void) | null;
  cancelHandlers: Set<() => void>;
  lastEmitAt: number;
  timer: NodeJS.Timeout | null;
}

const finishedStates: ReadonlySet<Job['state']> = new Set(['succeeded', 'failed', 'cancelled']);

/** True once a job can change no more. */
export function isFinished(job: Job): boolean {
  return finishedStates.has(job.state);
}

/**
 * Every Xenith job of this server: starts them, keeps them (finished ones until cleared), cancels them and tells
 * clients through `jobs.changed`. Progress events are throttled per job; state changes are never delayed.
 */
export class JobRegistry {
  readonly #bus: EventBus;
  readonly #options: Required<Omit<JobRegistryOptions, 'describeError'>> & Pick<JobRegistryOptions, 'describeError'>;
  readonly #entries = new Map<string, Entry>();

  constructor(bus: EventBus, options: JobRegistryOptions) {
    this.#bus = bus;
    this.#options = { progressIntervalMs: 200, keepFinished: 1000, now: Date.now, ...options };
  }

  /** Starts a job whose work runs in the background; returns its id at once. */
  start(spec: JobSpec, work: JobWork): string {
    const jobId = randomBytes(8).toString('hex');
    const job: Job = {
      jobId,
      poolId: spec.poolId,
      title: spec.title,
      action: spec.action,
      objectIds: [...spec.objectIds],
      state: 'running',
      progress: 0,
      startedAt: this.#options.now(),
      finishedAt: null,
      error: null,
      taskRefs: [],
      cancellable: spec.cancellable,
      resultObjectId: null,
    };
    const entry: Entry = { job, cancelRequested: false, decide: null, cancelHandlers: new Set(), lastEmitAt: 0, timer: null };
    this.#entries.set(jobId, entry);
    this.#emitNow(entry);
    void this.#run(entry, work);
    return jobId;
  }

  list(): Job[] {
    return [...this.#entries.values()].map((entry) => entry.job);
  }

  get(jobId: string): Job | undefined {
    return this.#entries.get(jobId)?.job;
  }

  /** Asks a running job to stop. False when it is unknown, finished or cannot be cancelled. */
  cancel(jobId: string): boolean {
    const entry = this.#entries.get(jobId);
    // A paused job is answered with a decision (its Abort), not cancelled.
    if (!entry || isFinished(entry.job) || !entry.job.cancellable || entry.job.state === 'paused') return false;
    if (entry.cancelRequested) return true;
    entry.cancelRequested = true;
    this.#update(entry, { state: 'cancelling' }, true);
    for (const handler of [...entry.cancelHandlers]) handler();
    return true;
  }

  /** Answers a paused job. False when the job is unknown, not paused, or does not offer that decision. */
  decide(jobId: string, decision: JobDecision): boolean {
    const entry = this.#entries.get(jobId);
    if (!entry?.decide || entry.job.state !== 'paused' || !(entry.job.decisions ?? []).includes(decision)) return false;
    const settle = entry.decide;
    entry.decide = null;
    this.#update(entry, { state: 'running', decisions: [], error: null }, true);
    settle(decision);
    return true;
  }

  /** Drops every finished job; returns how many. */
  clearFinished(): number {
    let removed = 0;
    for (const entry of [...this.#entries.values()]) {
      if (!isFinished(entry.job)) continue;
      this.#remove(entry);
      removed++;
    }
    return removed;
  }

  /** Stops timers (server shutdown); running work is left to end on its own. */
  close(): void {
    for (const entry of this.#entries.values()) if (entry.timer) clearTimeout(entry.timer);
  }

  async #run(entry: Entry, work: JobWork): Promise<void> {
    try {
      await work(this.#control(entry));
      this.#finish(entry, { state: 'succeeded', progress: 1 });
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || (error as { code?: unknown } | null)?.code === 'TASK_CANCELLED';
      if (cancelled) this.#finish(entry, { state: 'cancelled' });
      else this.#finish(entry, { state: 'failed', error: this.#options.describeError(error, entry.job.poolId) });
    }
  }

  #control(entry: Entry): JobControl {
    return {
      jobId: entry.job.jobId,
      poolId: entry.job.poolId,
      get cancelRequested() {
        return entry.cancelRequested;
      },
      throwIfCancelled() {
        if (entry.cancelRequested) throw new JobCancelledError();
      },
      setProgress: (fraction) => {
        const progress = Math.min(1, Math.max(0, fraction));
        if (isFinished(entry.job) || progress <= entry.job.progress) return;
        this.#update(entry, { progress }, false);
      },
      setTaskRefs: (taskRefs) => {
        if (!isFinished(entry.job)) this.#update(entry, { taskRefs: [...taskRefs] }, true);
      },
      setResult: (objectId) => {
        if (!isFinished(entry.job)) this.#update(entry, { resultObjectId: objectId }, true);
      },
      setTransfer: (transfer) => {
        if (!isFinished(entry.job)) this.#update(entry, { transfer: { ...transfer } }, false);
      },
      setTitle: (title) => {
        if (!isFinished(entry.job)) this.#update(entry, { title }, true);
      },
      onCancel: (handler) => {
        if (entry.cancelRequested) {
          handler();
          return () => {};
        }
        entry.cancelHandlers.add(handler);
        return () => entry.cancelHandlers.delete(handler);
      },
      setSteps: (steps) => {
        if (!isFinished(entry.job)) this.#update(entry, { steps: steps.map((step) => ({ ...step })) }, true);
      },
      setNotes: (notes) => {
        if (!isFinished(entry.job)) this.#update(entry, { notes: [...notes] }, true);
      },
      pause: (decisions, reason) => {
        if (isFinished(entry.job)) return Promise.reject(new Error('a finished job cannot pause'));
        entry.cancelRequested = false;
        return new Promise<JobDecision>((resolve) => {
          entry.decide = resolve;
          this.#update(entry, { state: 'paused', decisions: [...decisions], error: reason }, true);
        });
      },
    };
  }

  #finish(entry: Entry, fields: Partial<Job>): void {
    entry.cancelHandlers.clear();
    this.#update(entry, { ...fields, taskRefs: [], cancellable: false, finishedAt: this.#options.now() }, true);
    this.#trimFinished();
  }

  #update(entry: Entry, fields: Partial<Job>, urgent: boolean): void {
    entry.job = { ...entry.job, ...fields };
    if (urgent) {
      this.#emitNow(entry);
      return;
    }
    if (entry.timer) return;
    const wait = entry.lastEmitAt + this.#options.progressIntervalMs - this.#options.now();
    if (wait <= 0) {
      this.#emitNow(entry);
      return;
    }
    entry.timer = setTimeout(() => this.#emitNow(entry), wait);
  }

  #emitNow(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    entry.lastEmitAt = this.#options.now();
    this.#bus.emit('jobs.changed', { job: entry.job, removed: false });
  }

  #remove(entry: Entry): void {
    if (entry.timer) clearTimeout(entry.timer);
    this.#entries.delete(entry.job.jobId);
    this.#bus.emit('jobs.changed', { job: entry.job, removed: true });
  }

  #trimFinished(): void {
    const finished = [...this.#entries.values()].filter((entry) => isFinished(entry.job));
    for (const entry of finished.slice(0, Math.max(0, finished.length - this.#options.keepFinished))) this.#remove(entry);
  }
}
