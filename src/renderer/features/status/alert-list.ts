import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';

/** One alert (an XAPI `message`) as the alerts list shows it. */
export interface AlertRow {
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'warning' | 'information';
  readonly body: string;
  /** Epoch ms, or null when the pool did not say. */
  readonly at: number | null;
  /** The object the alert is about (resolved from its UUID), for Go To. */
  readonly object: AlertObject | null;
  /** The Xenith pool it came from. */
  readonly poolId: string;
  /** XAPI's priority (1 most urgent). */
  readonly priority: number;
}

/** What the Alerts view shows: one pool or all, some severities, since a time (epoch ms). */
export interface AlertFilter {
  readonly poolId?: string | undefined;
  readonly severities?: ReadonlySet<AlertRow['severity']> | undefined;
  readonly since?: number | undefined;
  /** Only these alerts (the new ones a notification is about). */
  readonly ids?: ReadonlySet<string> | undefined;
}

const alarmNames: Record<string, { label: string; unit: 'percent' | 'bytesPerSecond' | 'kib' }> = {
  cpu_usage: { label: 'CPU usage', unit: 'percent' },
  network_usage: { label: 'Network usage', unit: 'bytesPerSecond' },
  disk_usage: { label: 'Disk usage', unit: 'bytesPerSecond' },
  memory_free_kib: { label: 'Free memory', unit: 'kib' },
  memory_internal_free: { label: 'Free memory', unit: 'kib' },
};

function alarmValue(value: number, unit: 'percent' | 'bytesPerSecond' | 'kib'): string {
  if (unit === 'percent') return `${(value * 100).toFixed(1)} %`;
  if (unit === 'kib') return `${(value / 1024).toFixed(0)} MiB`;
  return `${(value / 1024).toFixed(0)} KiB/s`;
}

/**
 * A perfmon ALARM's title and sentence, read from its body (`value: 0.95\nconfig:\n<variable><name value="cpu_usage"/>
 * <alarm_trigger_level value="0.8"/>…`), as XenCenter words it; null when the body is not perfmon's.
 */
export function alarmText(body: string): { title: string; body: string } | null {
  const value = Number(/^value:\s*([-\d.eE+]+)/.exec(body)?.[1]);
  const name = /<name value="([^"]+)"/.exec(body)?.[1];
  const level = Number(/<alarm_trigger_level value="([^"]+)"/.exec(body)?.[1]);
  if (!name || !Number.isFinite(value)) return null;
  const known = alarmNames[name] ?? { label: name, unit: 'percent' as const };
  const low = name.includes('free');
  const limit = Number.isFinite(level) ? ` (alarm ${low ? 'below' : 'above'} ${alarmValue(level, known.unit)})` : '';
  return { title: `${known.label} alarm`, body: `${known.label} is ${alarmValue(value, known.unit)}${limit}.` };
}

/** XenCenter's reading of XAPI message priorities: 1–2 critical, 3–4 warning, 5 and above information. */
export function severityOf(priority: unknown): AlertRow['severity'] {
  const value = typeof priority === 'number' ? priority : Number(priority);
  if (value <= 2) return 'critical';
  if (value <= 4) return 'warning';
  return 'information';
}

/** VM_STARTED → "VM started". */
export function alertTitle(name: unknown): string {
  const text = typeof name === 'string' && name !== '' ? name.replace(/_/g, ' ').toLowerCase() : 'alert';
  const title = text.replace(/\b(vm|sr|ha|vdi|cpu|ip)\b/g, (word) => word.toUpperCase());
  return title.charAt(0).toUpperCase() + title.slice(1);
}

const alertObjectTypes = ['VM', 'host', 'SR', 'pool'] as const;

/** The kinds of object an alert can name and Go To can select. */
export type AlertObject = XapiRecord<(typeof alertObjectTypes)[number]>;

/** The newest `limit` alerts that pass the filter, newest first, with the objects they name. */
export function alertRows(index: ObjectIndex, limit: number, filter: AlertFilter = {}): AlertRow[] {
  const at = (message: XapiRecord<'message'>) => Date.parse(message.timestamp);
  const messages = objectsOfType(index, 'message', filter.poolId).filter(
    (message) =>
      (!filter.ids || filter.ids.has(message.$id)) &&
      (!filter.severities || filter.severities.has(severityOf(message.priority))) &&
      (filter.since === undefined || at(message) >= filter.since),
  );
  messages.sort((a, b) => (at(b) || 0) - (at(a) || 0));
  const newest = messages.slice(0, limit);
  const wanted = new Set(newest.map((message) => `${message.$pool}/${message.obj_uuid}`));
  const byUuid = new Map<string, AlertObject>();
  for (const type of alertObjectTypes) {
    for (const object of objectsOfType(index, type)) {
      const key = `${object.$pool}/${object.uuid}`;
      if (wanted.has(key)) byUuid.set(key, object);
    }
  }
  return newest.map((message) => {
    const time = at(message);
    const alarm = message.name === 'ALARM' ? alarmText(message.body) : null;
    return {
      id: message.$id,
      title: alarm?.title ?? alertTitle(message.name),
      severity: severityOf(message.priority),
      body: alarm?.body ?? message.body,
      poolId: message.$pool,
      priority: Number(message.priority),
      at: Number.isFinite(time) ? time : null,
      object: byUuid.get(`${message.$pool}/${message.obj_uuid}`) ?? null,
    };
  });
}
