import type { AlertNotifications } from '../../../shared/api/settings-schema.js';
import type { AlertRow } from './alert-list.js';

const rank: Record<AlertRow['severity'], number> = { critical: 0, warning: 1, information: 2 };
const threshold: Record<Exclude<AlertNotifications, 'off'>, number> = { critical: 0, warning: 1, information: 2 };

/** Whether an alert of this severity gets an OS notification under the setting (off by default). */
export function shouldNotify(setting: AlertNotifications, severity: AlertRow['severity']): boolean {
  return setting !== 'off' && rank[severity] <= threshold[setting];
}

/** How long before the window opened an alert may be and still count as new (clocks of pools and clients differ). */
export const newAlertSlackMs = 5 * 60_000;

/**
 * The alert ids to notify about: not seen before, raised after the window opened (less the slack), so the
 * alerts a pool already had when it connected stay quiet.
 */
export function freshAlertIds(ids: readonly string[], seen: Set<string>, timestampOf: (id: string) => number, openedAt: number): string[] {
  const fresh: string[] = [];
  for (const id of ids) {
    if (seen.has(id)) continue;
    seen.add(id);
    if (timestampOf(id) >= openedAt - newAlertSlackMs) fresh.push(id);
  }
  return fresh;
}
