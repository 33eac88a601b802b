import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { describeXapiFailure } from '../../../shared/xapi/error-sentences.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { nameOf } from '../../store/mirror-read.js';
import { useJobsStore } from '../../store/jobs-store.js';
import { selectIdsOfType, selectObject, useObjectsStore } from '../../store/objects-store.js';
import { TaskObjectFinder } from './task-objects.js';
import { useTaskPanelStore } from './task-panel-store.js';
import { buildTaskRows, type DescribeTaskError, type TaskRow } from './task-rows.js';

/** Rows beyond this are dropped (oldest first): the panel is a glance, not an archive. */
export const taskRowLimit = 200;

/** When this window opened: other clients' tasks that finished before it are old news. */
const openedAt = Date.now();

const taskObjects = new TaskObjectFinder();
/** Every XAPI task a job ever waited on (a job drops a task from `taskRefs` when it moves on). */
const jobTaskIds = new Set<string>();

/** error_info = [code, ...params], described with the shared sentences and the mirror's names for refs. */
const describeTaskError: DescribeTaskError = ([code, ...params]) => {
  const { objects } = useObjectsStore.getState();
  return describeXapiFailure(code ?? 'UNKNOWN_ERROR', params, (ref) => nameOf(objects.get(ref)) || undefined);
};

/** The task panel's rows, live: jobs from the jobs store, XAPI tasks from the mirror of every pool. */
export function useTaskRows(): TaskRow[] {
  const jobs = useJobsStore((state) => state.jobs);
  const taskIds = useObjectsStore(selectIdsOfType('task'));
  const tasks = useObjectsStore(useShallow((state) => taskIds.map((id) => selectObject(id, 'task')(state)).filter((task): task is XapiRecord<'task'> => task !== undefined)));
  const dismissedTaskIds = useTaskPanelStore((state) => state.dismissedTaskIds);
  return useMemo(() => {
    for (const job of jobs.values()) for (const ref of job.taskRefs) jobTaskIds.add(ref);
    taskObjects.resolve(
      tasks.filter((task) => task.status === 'pending').map((task) => task.$id),
      useObjectsStore.getState(),
    );
    return buildTaskRows({
      jobs: jobs.values(),
      tasks,
      jobTaskIds,
      dismissedTaskIds,
      since: openedAt,
      objectForTask: (taskId) => taskObjects.objectFor(taskId),
      describe: describeTaskError,
      limit: taskRowLimit,
    });
  }, [jobs, tasks, dismissedTaskIds]);
}
