import type { VmssTiming, Weekday } from '../../../shared/api/methods/vmss.js';
import { weekdays } from '../../../shared/api/methods/vmss.js';
import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, objectsOfType } from '../../store/mirror-read.js';

/** The schedule that snapshots a VM, if any. */
export function scheduleOfVm(index: ObjectIndex, vm: XapiRecord<'VM'>): XapiRecord<'VMSS'> | undefined {
  return vm.snapshot_schedule !== nullRef ? follow(index, vm.snapshot_schedule) : undefined;
}

const minuteValues = [0, 15, 30, 45] as const;
type Minute = (typeof minuteValues)[number];

/** A schedule's timing as the editor shows it (XAPI's schedule map read tolerantly: bad keys take defaults). */
export function timingOf(vmss: XapiRecord<'VMSS'>): VmssTiming {
  const hour = Number(vmss.schedule.hour);
  const minute = Number(vmss.schedule.min);
  const days = (vmss.schedule.days ?? '').split(',').map((day) => weekdays.find((w) => w.toLowerCase() === day.trim().toLowerCase())).filter((day): day is Weekday => day !== undefined);
  return {
    frequency: vmss.frequency,
    hour: Number.isInteger(hour) && hour >= 0 && hour <= 23 ? hour : 0,
    minute: minuteValues.includes(minute as Minute) ? (minute as Minute) : 0,
    days: weekdays.filter((day) => days.includes(day)),
  };
}

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** "Every hour at :15", "Every day at 02:00", "Every Monday and Friday at 03:30" (the pool's clock). */
export function describeTiming(timing: VmssTiming): string {
  const at = `${twoDigits(timing.hour)}:${twoDigits(timing.minute)}`;
  if (timing.frequency === 'hourly') return `Every hour at :${twoDigits(timing.minute)}`;
  if (timing.frequency === 'daily') return `Every day at ${at}`;
  const days = timing.days.length === 7 ? ['day'] : timing.days;
  const list = days.length <= 1 ? days.join('') : `${days.slice(0, -1).join(', ')} and ${days.at(-1)!}`;
  return `Every ${list || 'week'} at ${at}`;
}

/** What the schedule keeps, in XenCenter's words. */
export function describeType(type: XapiRecord<'VMSS'>['type']): string {
  if (type === 'checkpoint') return 'Disks and memory';
  if (type === 'snapshot_with_quiesce') return 'Quiesced disks';
  return 'Disks only';
}

/** When the schedule last ran (epoch ms), or null when it never did (XAPI's 1970 "never"). */
export function lastRunTime(vmss: XapiRecord<'VMSS'>): number | null {
  const time = Date.parse(vmss.last_run_time);
  return Number.isFinite(time) && time > 0 ? time : null;
}

/** The outcome of a schedule's latest run, from its newest VMSS_SNAPSHOT_* alert. */
export interface RunOutcome {
  readonly failed: boolean;
  readonly body: string;
  readonly at: number | null;
}

export function lastRunOutcome(index: ObjectIndex, vmss: XapiRecord<'VMSS'>): RunOutcome | null {
  let newest: XapiRecord<'message'> | undefined;
  for (const message of objectsOfType(index, 'message', vmss.$pool)) {
    if (message.obj_uuid !== vmss.uuid || !message.name.startsWith('VMSS_SNAPSHOT_')) continue;
    if (!newest || Date.parse(message.timestamp) > Date.parse(newest.timestamp)) newest = message;
  }
  if (!newest) return null;
  const at = Date.parse(newest.timestamp);
  return { failed: newest.name !== 'VMSS_SNAPSHOT_SUCCEEDED', body: newest.body, at: Number.isFinite(at) ? at : null };
}

/** The schedules of one pool, by name. */
export function schedulesOfPool(index: ObjectIndex, poolId: string): XapiRecord<'VMSS'>[] {
  return objectsOfType(index, 'VMSS', poolId).sort((a, b) => a.name_label.localeCompare(b.name_label) || (a.$id < b.$id ? -1 : 1));
}
