import type { Xapi } from 'xen-api';
import type { TaskWatcher } from '../jobs/task-watcher.js';
import { xapiFailure } from './pool-rpc.js';

/** The private parts of a xen-api 4.7 client this module relies on. */
interface ClientInternals {
  _taskWatchers: Record<string, unknown> | undefined;
  watchTask(task: string | { $ref: string }): Promise<unknown>;
}

/**
 * Lets a xen-api client follow its own tasks without its event loop. xen-api watches the task of an HTTP transfer
 * (`getResource` / `putResource` with a task, `createTask`) through the object collection its `event.from` loop
 * fills; Xenith runs no such loop (the pool feed is the only one, so each record is held once, in the mirror).
 * Its `watchTask` follows the task through the mirror instead and settles as xen-api's did: the task's result on
 * success (XAPI's `<value>` text, unparsed), XAPI's error on failure, TASK_CANCELLED, or an error when the task
 * disappears before it ends.
 */
export function watchTasksThroughMirror(client: Xapi, watcher: TaskWatcher): void {
  const internals = client as unknown as ClientInternals;
  // Set, as when xen-api watches events: getResource and putResource then make and follow a task by default.
  internals._taskWatchers = Object.create(null) as Record<string, unknown>;
  internals.watchTask = async (task) => {
    const taskRef = typeof task === 'string' ? task : task.$ref;
    const outcome = await watcher.watch(taskRef);
    switch (outcome.status) {
      case 'success':
        return outcome.result;
      case 'failure':
        throw xapiFailure(outcome.errorInfo[0] ?? 'INTERNAL_ERROR', outcome.errorInfo.slice(1));
      case 'cancelled':
        throw xapiFailure('TASK_CANCELLED', [taskRef]);
      case 'lost':
        throw new Error('The task was destroyed before it ended.');
    }
  };
}
