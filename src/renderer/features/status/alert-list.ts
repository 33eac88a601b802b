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

/** The newest `limit` alerts, newest first, with the objects they name. */
export function alertRows(index: ObjectIndex, limit: number): AlertRow[] {
  const messages = objectsOfType(index, 'message');
  const at = (message: XapiRecord<'message'>) => Date.parse(message.timestamp);
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
    return {
      id: message.$id,
      title: alertTitle(message.name),
      severity: severityOf(message.priority),
      body: message.body,
      at: Number.isFinite(time) ? time : null,
      object: byUuid.get(`${message.$pool}/${message.obj_uuid}`) ?? null,
    };
  });
}
