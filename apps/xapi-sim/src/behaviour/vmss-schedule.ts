/**
 * A VMSS's `schedule` map as xapi_vmss.ml checks it (hourly: `min`; daily: `hour`, `min`; weekly: `hour`, `min`,
 * `days`; min in 0/15/30/45, hour 0–23, days a comma list of weekday names), and when such a schedule fires next.
 * Times are UTC (the simulated hosts' clock).
 */
import { fail } from '../model/xapi-error.js';

export type Frequency = 'hourly' | 'daily' | 'weekly';
export type Schedule = Readonly<Record<string, string>>;

export const FREQUENCIES: readonly Frequency[] = ['hourly', 'daily', 'weekly'];
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
const MINUTES = ['0', '15', '30', '45'];

type KeyRule = { check: (value: string) => string | undefined; fallback: string };

const minRule: KeyRule = { check: (v) => MINUTES.find((m) => m === String(Number(v))), fallback: '0' };
const hourRule: KeyRule = { check: (v) => (/^\d{1,2}$/.test(v) && Number(v) <= 23 ? String(Number(v)) : undefined), fallback: '0' };
const daysRule: KeyRule = {
  check: (v) => {
    const days = v.split(',').map((d) => WEEKDAYS.find((w) => w.toLowerCase() === d.trim().toLowerCase()));
    return days.length > 0 && days.every((d) => d !== undefined) ? [...new Set(days)].join(',') : undefined;
  },
  fallback: 'Monday',
};

/** The keys each frequency takes, with their rules. */
const KEYS: Record<Frequency, Record<string, KeyRule>> = {
  hourly: { min: minRule },
  daily: { hour: hourRule, min: minRule },
  weekly: { hour: hourRule, min: minRule, days: daysRule },
};
const ALL_KEYS: Record<string, KeyRule> = { ...KEYS.weekly };

export function isFrequency(value: unknown): value is Frequency {
  return FREQUENCIES.includes(value as Frequency);
}

/** Checks every given key against `rules`; INVALID_VALUE ["schedule:<key>", value] for a bad key or value. */
function checked(schedule: Schedule, rules: Record<string, KeyRule>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(schedule)) {
    const rule = rules[key];
    const normal = rule?.check(String(value));
    if (normal === undefined) fail('INVALID_VALUE', `schedule:${key}`, String(value));
    out[key] = normal;
  }
  return out;
}

/** The schedule for `frequency`: given keys checked, missing ones defaulted, keys of other frequencies dropped. */
export function scheduleFor(frequency: Frequency, schedule: Schedule): Record<string, string> {
  const rules = KEYS[frequency];
  const known = checked(Object.fromEntries(Object.entries(schedule).filter(([key]) => key in rules)), rules);
  return Object.fromEntries(Object.entries(rules).map(([key, rule]) => [key, known[key] ?? rule.fallback]));
}

/** A new VMSS's schedule: only keys of its frequency may be given (xapi refuses others), then defaults. */
export function createSchedule(frequency: Frequency, schedule: Schedule): Record<string, string> {
  checked(schedule, KEYS[frequency]);
  return scheduleFor(frequency, schedule);
}

/** VMSS.set_schedule / add_to_schedule: any schedule key may be given; merged over what is there. */
export function mergeSchedule(current: Schedule, given: Schedule): Record<string, string> {
  return { ...current, ...checked(given, ALL_KEYS) };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The first moment strictly after `after` (epoch ms, UTC) at which the schedule fires. */
export function nextRunAfter(frequency: Frequency, schedule: Schedule, after: number): number {
  const s = scheduleFor(frequency, schedule);
  const min = Number(s.min);
  const start = new Date(after);
  if (frequency === 'hourly') {
    const candidate = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate(), start.getUTCHours(), min);
    return candidate > after ? candidate : candidate + HOUR;
  }
  const hour = Number(s.hour);
  const days = new Set((s.days ?? '').split(','));
  const dayStart = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  for (let offset = 0; offset <= 7; offset++) {
    const candidate = dayStart + offset * DAY + hour * HOUR + min * 60_000;
    if (candidate <= after) continue;
    // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday.
    const weekday = WEEKDAYS[(new Date(candidate).getUTCDay() + 6) % 7]!;
    if (frequency === 'daily' || days.has(weekday)) return candidate;
  }
  return dayStart + 8 * DAY; // unreachable with a checked schedule
}
