import type { LooseXapiObject } from '../../shared/xapi/objects.js';
import type { MirrorChange, ObjectMirror } from '../cache/object-mirror.js';

/** How an XAPI task ended. `result` is XAPI's XML-RPC `<value>` text (even over JSON-RPC). */
export type TaskOutcome =
  | { status: 'success'; result: string }
  | { status: 'failure'; errorInfo: string[] }
  | { status: 'cancelled' }
  | { status: 'lost' };

interface Watch {
  onProgress(progress: number): void;
  settle(outcome: TaskOutcome): void;
}

/** The outcome a task record shows, or null while it runs. */
function outcomeOf(task: LooseXapiObject): TaskOutcome | null {
  switch (task.status) {
    case 'success':
      return { status: 'success', result: typeof task.result === 'string' ? task.result : '' };
    case 'failure': {
      const errorInfo = Array.isArray(task.error_info) ? task.error_info.map(String) : [];
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
 * a reconnect or a master failover, so a job started before one still learns how its task ended.
 */
export class TaskWatcher {
  readonly #mirror: ObjectMirror;
  readonly #watches = new Map<string, Set<Watch>>();
  #unsubscribe: (() => void) | null = null;

  constructor(mirror: ObjectMirror) {
    this.#mirror = mirror;
  }

  /** Resolves when the task ends (or disappears from the pool); reports its progress on the way. */
  watch(taskRef: string, onProgress: (progress: number) => void = () => {}): Promise<TaskOutcome> {
    const current = this.#mirror.get(taskRef);
    const settled = current ? outcomeOf(current) : null;
    if (settled) return Promise.resolve(settled);
    this.#subscribe();
    return new Promise((resolve) => {
      const watches = this.#watches.get(taskRef) ?? new Set<Watch>();
      const watch: Watch = {
        onProgress,
        settle: (outcome) => {
          watches.delete(watch);
          if (watches.size === 0) this.#watches.delete(taskRef);
          if (this.#watches.size === 0) this.#unsubscribeAll();
          resolve(outcome);
        },
      };
      watches.add(watch);
      this.#watches.set(taskRef, watches);
      if (current && typeof current.progress === 'number') onProgress(current.progress);
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
      const outcome = outcomeOf(task);
      for (const watch of [...watches]) {
        if (outcome) watch.settle(outcome);
        else if (typeof task.progress === 'number') watch.onProgress(task.progress);
      }
    }
  }
}
