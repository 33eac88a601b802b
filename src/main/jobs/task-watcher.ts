import { isOfType, nameOf, type XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { MirrorChange, ObjectMirror } from '../cache/object-mirror.js';

/** How an XAPI task ended. `result` is XAPI's XML-RPC `<value>` text (even over JSON-RPC). */
export type TaskOutcome =
  | { status: 'success'; result: string }
  | { status: 'failure'; errorInfo: string[] }
  | { status: 'cancelled' }
  | { status: 'lost' };

interface Watch {
  onProgress(progress: number): void;
  /** The task's record changed without ending: it is alive, the idle clock starts again. */
  touched(): void;
  settle(outcome: TaskOutcome): void;
}

/** A duration as a person reads it in a sentence. */
function spoken(ms: number): string {
  if (ms >= 60_000) return `${Math.round(ms / 60_000)} min`;
  return `${Math.max(1, Math.round(ms / 1_000))} s`;
}

/** A watched task showed no change for longer than the bound: the job stops waiting for it. */
export class TaskWatchTimeoutError extends ApiFailure {
  constructor(taskRef: string, name: string | undefined, idleMs: number) {
    const what = name ? `The task '${name}'` : 'The task';
    super(
      'TASK_TIMEOUT',
      `${what} showed no progress for ${spoken(idleMs)}, so Xenith stopped waiting for it. It may still end on the pool: check the pool's tasks before trying again.`,
      { params: [taskRef] },
    );
  }
}

export interface TaskWatcherOptions {
  /**
   * How long a watched task may go without any change to its record (progress, status) before its watch fails
   * with TASK_TIMEOUT. Long transfers move their progress; one hour of silence means the task is stuck or lost.
   */
  idleTimeoutMs?: number | undefined;
}

/** The outcome a task record shows, or null while it runs. */
function outcomeOf(task: XapiRecord<'task'>): TaskOutcome | null {
  switch (task.status) {
    case 'success':
      return { status: 'success', result: task.result };
    case 'failure': {
      const errorInfo = [...task.error_info];
      return errorInfo[0] === 'TASK_CANCELLED' ? { status: 'cancelled' } : { status: 'failure', errorInfo };
    }
    case 'cancelled':
      return { status: 'cancelled' };
    default:
      return null;
  }
}

/**
 * Follows XAPI tasks through the mirror (fed by event.from), not through one xen-api client: the mirror survives
 * a reconnect or a master failover, so a job started before one still learns how its task ended. A task whose
 * record stops changing for longer than the idle bound fails its watch, so no job waits forever.
 */
export class TaskWatcher {
  readonly #mirror: ObjectMirror;
  readonly #idleTimeoutMs: number;
  readonly #watches = new Map<string, Set<Watch>>();
  #unsubscribe: (() => void) | null = null;

  constructor(mirror: ObjectMirror, options: TaskWatcherOptions = {}) {
    this.#mirror = mirror;
    this.#idleTimeoutMs = options.idleTimeoutMs ?? 60 * 60_000;
  }

  /**
   * Resolves when the task ends (or disappears from the pool); reports its progress on the way. Rejects with
   * TaskWatchTimeoutError (TASK_TIMEOUT) when the task shows no change for the idle bound.
   */
  watch(taskRef: string, onProgress: (progress: number) => void = () => {}): Promise<TaskOutcome> {
    const current = this.#mirror.get(taskRef, 'task');
    const settled = current ? outcomeOf(current) : null;
    if (settled) return Promise.resolve(settled);
    this.#subscribe();
    return new Promise((resolve, reject) => {
      const watches = this.#watches.get(taskRef) ?? new Set<Watch>();
      let idle: NodeJS.Timeout | undefined;
      const stop = () => {
        clearTimeout(idle);
        watches.delete(watch);
        if (watches.size === 0) this.#watches.delete(taskRef);
        if (this.#watches.size === 0) this.#unsubscribeAll();
      };
      const watch: Watch = {
        onProgress,
        touched: () => {
          clearTimeout(idle);
          idle = setTimeout(() => {
            stop();
            reject(new TaskWatchTimeoutError(taskRef, nameOf(this.#mirror.get(taskRef, 'task')) || undefined, this.#idleTimeoutMs));
          }, this.#idleTimeoutMs);
        },
        settle: (outcome) => {
          stop();
          resolve(outcome);
        },
      };
      watches.add(watch);
      this.#watches.set(taskRef, watches);
      watch.touched();
      if (current) onProgress(current.progress);
    });
  }

  #subscribe(): void {
    this.#unsubscribe ??= this.#mirror.onChanges((changes) => this.#onChanges(changes));
  }

  #unsubscribeAll(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = null;
  }

  #onChanges(changes: readonly MirrorChange[]): void {
    for (const change of changes) {
      const id = change.kind === 'remove' ? change.id : change.kind === 'add' ? change.object.$id : change.change.$id;
      const watches = this.#watches.get(id);
      if (!watches) continue;
      if (change.kind === 'remove') {
        for (const watch of [...watches]) watch.settle({ status: 'lost' });
        continue;
      }
      const task = change.object;
      if (!isOfType(task, 'task')) continue;
      const outcome = outcomeOf(task);
      for (const watch of [...watches]) {
        if (outcome) {
          watch.settle(outcome);
          continue;
        }
        watch.touched();
        watch.onProgress(task.progress);
      }
    }
  }
}
