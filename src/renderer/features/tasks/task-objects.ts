import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';

/** Classes whose operations a person would want to Go To from a task. */
const taskTargetTypes = ['VM', 'host', 'SR', 'pool', 'network'] as const;

/**
 * Finds the objects XAPI tasks act on. XAPI records nothing on the task itself; while it runs, the object lists
 * it in `current_operations` (keyed by the task's ref). The answer is remembered, so a finished task (whose
 * object no longer lists it) still knows where to Go To.
 */
export class TaskObjectFinder {
  readonly #known = new Map<string, string>();

  /** Looks up the tasks not resolved yet in one pass over the candidate objects. */
  resolve(taskIds: Iterable<string>, index: ObjectIndex): void {
    const wanted = new Set<string>();
    for (const id of taskIds) if (!this.#known.has(id)) wanted.add(id);
    if (wanted.size === 0) return;
    for (const type of taskTargetTypes) {
      for (const object of objectsOfType(index, type)) {
        for (const taskId of Object.keys(object.current_operations)) {
          if (!wanted.has(taskId)) continue;
          this.#known.set(taskId, object.$id);
          wanted.delete(taskId);
        }
        if (wanted.size === 0) return;
      }
    }
  }

  objectFor(taskId: string): string | null {
    return this.#known.get(taskId) ?? null;
  }
}
