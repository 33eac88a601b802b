import type { AlarmSettings } from '../../../shared/api/methods/alerts.js';
import { alarmSettingsOf } from '../../../shared/xapi/perfmon-alarms.js';

export type Alarm = keyof AlarmSettings;
export type AlarmKind = 'VM' | 'host';

/** XenCenter's Alerts properties page, by kind: what can raise an alarm, in the units it shows. */
export const alarmRowsByKind: Record<AlarmKind, readonly { alarm: Alarm; label: string; unit: string; initial: number }[]> = {
  VM: [
    { alarm: 'cpu', label: 'Generate CPU usage alerts when CPU usage exceeds', unit: '%', initial: 90 },
    { alarm: 'network', label: 'Generate network usage alerts when network usage exceeds', unit: 'KiB/s', initial: 1024 },
    { alarm: 'disk', label: 'Generate disk usage alerts when disk usage exceeds', unit: 'KiB/s', initial: 1024 },
  ],
  host: [
    { alarm: 'cpu', label: 'Generate CPU usage alerts when CPU usage exceeds', unit: '%', initial: 90 },
    { alarm: 'network', label: 'Generate network usage alerts when network usage exceeds', unit: 'KiB/s', initial: 10_240 },
    { alarm: 'memoryFree', label: 'Generate memory usage alerts when free memory falls below', unit: 'MiB', initial: 512 },
  ],
};

/** One alarm as its row holds it: on or off, and the level and minutes as typed. */
export interface AlarmRow {
  readonly on: boolean;
  readonly level: string;
  readonly minutes: string;
}

export type AlarmRows = Readonly<Record<string, AlarmRow>>;

/** The rows for an object's perfmon settings (other_config:perfmon), the alarms that are off at XenCenter's defaults. */
export function alarmRowsOf(kind: AlarmKind, perfmon: string | undefined): AlarmRows {
  const current = alarmSettingsOf(kind, perfmon);
  return Object.fromEntries(
    alarmRowsByKind[kind].map((row) => [row.alarm, { on: current[row.alarm] !== undefined, level: String(current[row.alarm]?.level ?? row.initial), minutes: String(current[row.alarm]?.minutes ?? 5) }]),
  );
}

/** The settings the rows say, or why they cannot be saved yet. */
export function alarmSettingsFromRows(kind: AlarmKind, rows: AlarmRows): { settings: AlarmSettings; invalid: string | null } {
  const settings: AlarmSettings = {};
  let invalid: string | null = null;
  for (const row of alarmRowsByKind[kind]) {
    const value = rows[row.alarm];
    if (!value?.on) continue;
    const level = Number(value.level);
    const minutes = Number(value.minutes);
    if (!Number.isFinite(level) || level < 0 || (row.unit === '%' && level > 100)) invalid = `Enter a level for ${row.unit === '%' ? 'CPU usage between 0 and 100' : 'each alert you turn on'}`;
    else if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) invalid = 'Enter whole minutes from 1 to 1440';
    else settings[row.alarm] = { level, minutes };
  }
  return { settings, invalid };
}
