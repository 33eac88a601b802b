import type { LooseXapiObject } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';

/** One alert (an XAPI `message`) as the alerts list shows it. */
export interface AlertRow {
  readonly id: string;
  readonly title: string;
  readonly severity: 'critical' | 'warning' | 'information';
  readonly body: string;
  /** Epoch ms, or null when the pool did not say. */
  readonly at: number | null;
  /** The object the alert is about (resolved from its UUID), for Go To. */
  readonly object: LooseXapiObject | null;
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

/** The newest `limit` alerts, newest first, with the objects they name. */
export function alertRows(index: ObjectIndex, limit: number): AlertRow[] {
  const messages = (index.idsByType.get('message') ?? []).flatMap((id) => {
    const message = index.objects.get(id);
    return message ? [message] : [];
  });
  const at = (message: LooseXapiObject) => (typeof message.timestamp === 'string' ? Date.parse(message.timestamp) : Number.NaN);
  messages.sort((a, b) => (at(b) || 0) - (at(a) || 0));
  const newest = messages.slice(0, limit);
  const wanted = new Set(newest.map((message) => `${message.$pool}/${String(message.obj_uuid)}`));
  const byUuid = new Map<string, LooseXapiObject>();
  for (const type of alertObjectTypes) {
    for (const id of index.idsByType.get(type) ?? []) {
      const object = index.objects.get(id);
      const key = object ? `${object.$pool}/${String(object.uuid)}` : '';
      if (object && wanted.has(key)) byUuid.set(key, object);
    }
  }
  return newest.map((message) => {
    const time = at(message);
    return {
      id: message.$id,
      title: alertTitle(message.name),
      severity: severityOf(message.priority),
      body: typeof message.body === 'string' ? message.body : '',
      at: Number.isFinite(time) ? time : null,
      object: byUuid.get(`${message.$pool}/${String(message.obj_uuid)}`) ?? null,
    };
  });
}
