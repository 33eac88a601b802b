import type { ActionDeps } from '../actions/action-context.js';
import { createSchedule, deleteSchedules, editSchedule, runScheduleNow, setSchedulesEnabled } from '../actions/vmss-actions.js';
import type { PartialImplementation } from './implementation.js';

type VmssMethods = 'vmss.create' | 'vmss.edit' | 'vmss.setEnabled' | 'vmss.delete' | 'vmss.snapshotNow';

/** VM snapshot schedules: quick calls answered at once, and a run now as a job. */
export function createVmssApi(deps: ActionDeps): PartialImplementation<VmssMethods> {
  return {
    'vmss.create': async (input) => ({ vmssId: await createSchedule(deps, input) }),
    'vmss.edit': async (input) => ({ edited: await editSchedule(deps, input) }),
    'vmss.setEnabled': async ({ vmssIds, enabled }) => ({ vmssIds: await setSchedulesEnabled(deps, vmssIds, enabled) }),
    'vmss.delete': async ({ vmssIds }) => ({ vmssIds: await deleteSchedules(deps, vmssIds) }),
    'vmss.snapshotNow': async ({ vmssId }) => ({ jobIds: [runScheduleNow(deps, vmssId)] }),
  };
}
