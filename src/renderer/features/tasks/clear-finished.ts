import type { Bridge } from '../../bridge/bridge.js';
import { callForCommand } from '../../commands/report-failure.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { useTaskPanelStore } from './task-panel-store.js';

const finishedTaskStatuses = new Set(['success', 'failure', 'cancelled']);

/** The task panel's "Clear finished": drops finished jobs on the server and hides other clients' finished tasks. */
export async function clearFinishedTasks(bridge: Bridge): Promise<void> {
  const finished = objectsOfType(useObjectsStore.getState(), 'task')
    .filter((task) => finishedTaskStatuses.has(task.status))
    .map((task) => task.$id);
  useTaskPanelStore.getState().dismissTasks(finished);
  await callForCommand(bridge, 'jobs.clearFinished', {});
}
