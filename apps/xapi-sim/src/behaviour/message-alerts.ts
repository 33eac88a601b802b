/** Alerts (`message` objects): create, get_since, get, destroy, destroy_many; they reach clients through event.from. */
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';

const MESSAGE_LIMIT = 10_000;

/** Creates an alert, dropping the oldest beyond xapi's message_limit. */
export function createAlert(engine: Engine, a: { name: string; priority?: number; cls: string; objUuid: string; body: string }): string {
  const ref = engine.store.create('message', {
    name: a.name, priority: a.priority ?? engine.schema.alerts[a.name] ?? 3, cls: a.cls, obj_uuid: a.objUuid, timestamp: new Date(), body: a.body,
  });
  const excess = engine.store.count('message') - MESSAGE_LIMIT;
  if (excess > 0) for (const old of engine.store.refs('message').slice(0, excess)) engine.store.destroy('message', old);
  return ref;
}

function recordsWhere(engine: Engine, keep: (r: Record<string, unknown>) => boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const row of engine.store.rows('message')) if (keep(row.record)) out[row.ref] = row.record;
  return out;
}

const after = (since: unknown) => (r: Record<string, unknown>): boolean =>
  r.timestamp instanceof Date && since instanceof Date && r.timestamp.getTime() > since.getTime();

export function registerMessageAlerts(engine: Engine): void {
  const r = engine.registry;
  r.implement('message', 'create', ({ engine: e }, [name, priority, cls, objUuid, body]) =>
    createAlert(e, { name: String(name), priority: Number(priority), cls: String(cls), objUuid: String(objUuid), body: String(body) }));
  r.implement('message', 'get_since', ({ engine: e }, [since]) => recordsWhere(e, after(since)));
  r.implement('message', 'get', ({ engine: e }, [cls, objUuid, since]) =>
    recordsWhere(e, (m) => m.cls === cls && m.obj_uuid === objUuid && after(since)(m)));
  r.implement('message', 'destroy', ({ engine: e }, [ref]) => {
    if (!e.store.has('message', String(ref))) fail('HANDLE_INVALID', 'message', String(ref));
    e.store.destroy('message', String(ref));
    return '';
  });
  r.implement('message', 'destroy_many', ({ engine: e }, [refs]) => {
    for (const ref of refs as string[]) if (e.store.has('message', ref)) e.store.destroy('message', ref);
    return '';
  });
}
