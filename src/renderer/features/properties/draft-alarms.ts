import { alarmSettingsFromRows, type AlarmKind, type AlarmRows } from '../dialogs/alarm-rows.js';
import type { DraftProblem } from './draft-common.js';

/** The Alerts page's change: the perfmon settings, when they differ from the ones the dialog opened with. */
export function alarmChanges(kind: AlarmKind, base: AlarmRows, draft: AlarmRows): Record<string, unknown> {
  const before = alarmSettingsFromRows(kind, base).settings;
  const { settings, invalid } = alarmSettingsFromRows(kind, draft);
  return invalid === null && JSON.stringify(settings) !== JSON.stringify(before) ? { alarms: settings } : {};
}

export function alarmProblems(kind: AlarmKind, rows: AlarmRows): DraftProblem[] {
  const { invalid } = alarmSettingsFromRows(kind, rows);
  return invalid === null ? [] : [{ page: 'alerts', field: 'alarms', message: `${invalid}.` }];
}

/** "2 alerts on" or "None", for the page list. */
export function alarmSummary(kind: AlarmKind, rows: AlarmRows): string {
  const on = Object.keys(alarmSettingsFromRows(kind, rows).settings).length;
  return on === 0 ? 'None' : `${on} alert${on === 1 ? '' : 's'} on`;
}
