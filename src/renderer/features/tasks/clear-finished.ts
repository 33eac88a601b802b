import type { Bridge } from '../../bridge/bridge.js';
import { callForCommand } from '../../commands/report-failure.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { useTaskPanelStore } from './task-panel-store.js';

const finishedTaskStatuses = new Set(['success', 'failure', 'cancelled']);

/** The task panel's "Clear finished": drops finished jobs on the server and hides other clients' finished tasks. */
export async function clearFinishedTasks(bridge: Bridge): Promise<void> {
  const { objects, idsByType } = useObjectsStore.getState();
  const finished = (idsByType.get('task') ?? []).filter((id) => finishedTaskStatuses.has(String(objects.get(id)?.status)));
  useTaskPanelStore.getState().dismissTasks(finished);
  await callForCommand(bridge, 'jobs.clearFinished', {});
}
