import type { Xapi } from 'xen-api';
import { JobCancelledError } from './job-cancelled.js';
import type { JobControl } from './job-registry.js';
import type { TaskWatcher } from './task-watcher.js';

/** A failed XAPI task, shaped like the xen-api client's XapiError so one error mapper reads both. */
export class XapiTaskFailure extends Error {
  readonly code: string;
  readonly params: string[];

  constructor(errorInfo: readonly string[]) {
    const [code = 'INTERNAL_ERROR', ...params] = errorInfo;
    super(`${code}(${params.join(', ')})`);
    this.name = 'XapiTaskFailure';
    this.code = code;
    this.params = params;
  }
}

/** Refs in a task's result (`<value>OpaqueRef:…</value>`, or an array of them), in order. */
export function refsInTaskResult(result: string): string[] {
  return result.match(/OpaqueRef:[^<\s]+/g) ?? [];
}

/** The part of the job's progress bar one step fills: [from, to] within 0..1. */
export type ProgressSpan = readonly [number, number];

/**
 * XAPI as a job's work uses it: plain calls, and calls run as Async tasks whose ref goes on the job, whose
 * progress becomes the job's, and which the job's Cancel cancels (task.cancel).
 */
export class JobXapi {
  readonly #client: () => Xapi;
  readonly #watcher: TaskWatcher;
  readonly #job: JobControl;

  /** `client` is asked for on every call: after a reconnect the pool has a new client. */
  constructor(client: () => Xapi, watcher: TaskWatcher, job: JobControl) {
    this.#client = client;
    this.#watcher = watcher;
    this.#job = job;
  }

  /** A synchronous call (setters, getters, quick creates). */
  call<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    return this.#client().call<T>(method, ...args);
  }

  /**
   * Runs `Async.<method>` and waits for its task; returns the task's result text. Throws XapiTaskFailure when
   * it fails and JobCancelledError when it was cancelled.
   */
  async task(method: string, args: readonly unknown[], span: ProgressSpan = [0, 1]): Promise<string> {
    this.#job.throwIfCancelled();
    const client = this.#client();
    const taskRef = await client.call<string>(`Async.${method}`, ...args);
    this.#job.setTaskRefs([taskRef]);
    const stopCancel = this.#job.onCancel(() => void client.call('task.cancel', taskRef).catch(() => {}));
    try {
      const [from, to] = span;
      const outcome = await this.#watcher.watch(taskRef, (progress) => this.#job.setProgress(from + progress * (to - from)));
      this.#job.setProgress(to);
      switch (outcome.status) {
        case 'success':
          return outcome.result;
        case 'failure':
          throw new XapiTaskFailure(outcome.errorInfo);
        case 'cancelled':
          throw new JobCancelledError();
        case 'lost':
          throw new XapiTaskFailure(['TASK_LOST', taskRef]);
      }
    } finally {
      stopCancel();
      this.#job.setTaskRefs([]);
      // Finished tasks stay in the pool for an hour otherwise (NOTES §C6); the job keeps the outcome.
      void client.call('task.destroy', taskRef).catch(() => {});
    }
  }

  /** Runs an Async call whose result is one ref (clone, copy, VDI.create…) and returns that ref. */
  async taskRef(method: string, args: readonly unknown[], span?: ProgressSpan): Promise<string> {
    const result = await this.task(method, args, span);
    const [ref] = refsInTaskResult(result);
    if (!ref) throw new XapiTaskFailure(['INTERNAL_ERROR', `${method} returned no reference`]);
    return ref;
  }
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The string in a task's result: XAPI writes it as an XML-RPC `<value>` (a plugin's output is JSON inside one),
 * entities escaped; a result with no `<value>` is taken as it is.
 */
export function stringInTaskResult(result: string): string {
  const match = /^\s*<value>(?:<string>)?([\s\S]*?)(?:<\/string>)?<\/value>\s*$/.exec(result);
  if (!match) return result;
  return match[1]!.replace(/&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/g, (whole, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number.parseInt(name.slice(1), 10));
    return xmlEntities[name] ?? whole;
  });
}
