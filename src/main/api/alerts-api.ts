import type { ActionDeps } from '../actions/action-context.js';
import { dismissAlerts, setAlarms } from '../alerts/alert-actions.js';
import type { PartialImplementation } from './implementation.js';

/** XenCenter's Alerts view (Dismiss) and the alarm settings of VMs and hosts. */
export function createAlertsApi(deps: ActionDeps): PartialImplementation<'alerts.dismiss' | 'alerts.setAlarms'> {
  return {
    'alerts.dismiss': async ({ alertIds }) => ({ dismissed: await dismissAlerts(deps, alertIds) }),
    'alerts.setAlarms': async ({ objectId, alarms }) => {
      await setAlarms(deps, objectId, alarms);
      return { saved: true };
    },
  };
}
