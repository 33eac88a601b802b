import { XenithErrorCode } from '../../shared/api/errors.js';
import { callNow, findObject, type ActionDeps } from '../actions/action-context.js';
import type { PartialImplementation } from './implementation.js';
import { ApiFailure } from './failure.js';

type JobMethods = 'jobs.list' | 'jobs.cancel' | 'jobs.clearFinished' | 'tasks.cancel';

/** Jobs and XAPI tasks for the task panel. */
export function createJobsApi(deps: ActionDeps): PartialImplementation<JobMethods> {
  return {
    'jobs.list': async () => deps.jobs.list(),
    'jobs.cancel': async ({ jobId }) => {
      if (!deps.jobs.get(jobId)) throw new ApiFailure(XenithErrorCode.notFound, 'There is no such job. It may have been cleared.', { params: [jobId] });
      return { cancelling: deps.jobs.cancel(jobId) };
    },
    'jobs.clearFinished': async () => ({ removed: deps.jobs.clearFinished() }),
    'tasks.cancel': async ({ taskId }) => {
      const task = findObject(deps.mirror, taskId, 'task');
      await callNow(deps, task.$pool, (client) => client.call('task.cancel', task.$id));
      return { cancelling: true };
    },
  };
}
