/**
 * Generic handlers for the datamodel's implicit messages of every class: get_record, get_all_records, get_all,
 * get_by_uuid, get_by_name_label, get_/set_<field>, add_to_/remove_from_<map>, add_/remove_<set>, create, destroy.
 */
import { fail } from '../model/xapi-error.js';
import type { FieldInfo, Schema } from '../model/schema.js';
import type { Handler, MethodDef, MethodRegistry } from './method-registry.js';

/** Attaches a generic handler to every implicit message whose class has a table. */
export function registerImplicitMessages(registry: MethodRegistry, schema: Schema, tableClasses: ReadonlySet<string>): void {
  for (const def of registry.all()) {
    // Non-implicit messages with implicit shapes (task.set_status, message.get_record …) get the same handler;
    // a custom `create` has its own parameters, so only the implicit one is generic.
    if (!tableClasses.has(def.cls) || def.handler || (def.name === 'create' && !def.message.implicit)) continue;
    const handler = implicitHandler(def, schema);
    if (handler) def.handler = handler;
  }
}

function implicitHandler(def: MethodDef, schema: Schema): Handler | undefined {
  const cls = def.cls;
  const name = def.name;
  switch (name) {
    case 'get_record':
      return ({ engine }, [ref]) => engine.store.get(cls, String(ref));
    case 'get_all_records':
      return ({ engine }) => {
        const out: Record<string, unknown> = {};
        for (const row of engine.store.rows(cls)) out[row.ref] = row.record;
        return out;
      };
    case 'get_all':
      return ({ engine }) => engine.store.refs(cls);
    case 'get_by_uuid':
      return ({ engine }, [uuid]) => engine.store.refByUuid(cls, String(uuid)) ?? fail('UUID_INVALID', cls, uuid);
    case 'get_by_name_label':
      return ({ engine }, [label]) => [...engine.store.rows(cls)].filter((r) => r.record.name_label === label).map((r) => r.ref);
    case 'create':
      return ({ engine }, [record]) => engine.store.create(cls, (record ?? {}) as Record<string, unknown>);
    case 'destroy':
      return ({ engine }, [ref]) => {
        engine.store.destroy(cls, String(ref));
        return '';
      };
  }
  const fieldOf = (prefix: string): FieldInfo | undefined =>
    name.startsWith(prefix) ? schema.field(cls, name.slice(prefix.length)) : undefined;
  let f: FieldInfo | undefined;
  if ((f = fieldOf('get_'))) {
    const field = f.name;
    return ({ engine }, [ref]) => engine.store.get(cls, String(ref))[field];
  }
  if ((f = fieldOf('set_'))) {
    const field = f.name;
    return ({ engine }, [ref, value]) => {
      engine.store.get(cls, String(ref));
      engine.store.update(cls, String(ref), { [field]: value });
      return '';
    };
  }
  if ((f = fieldOf('add_to_')) && f.parsed.kind === 'map') {
    const field = f.name;
    return ({ engine }, [ref, key, value]) => {
      const rec = engine.store.get(cls, String(ref));
      const map = (rec[field] ?? {}) as Record<string, unknown>;
      if (Object.hasOwn(map, String(key))) fail('MAP_DUPLICATE_KEY', cls, field, rec.uuid ?? '', key);
      engine.store.update(cls, String(ref), { [field]: { ...map, [String(key)]: value } });
      return '';
    };
  }
  if ((f = fieldOf('remove_from_')) && f.parsed.kind === 'map') {
    const field = f.name;
    return ({ engine }, [ref, key]) => {
      const map = { ...((engine.store.get(cls, String(ref))[field] ?? {}) as Record<string, unknown>) };
      if (Object.hasOwn(map, String(key))) {
        delete map[String(key)];
        engine.store.update(cls, String(ref), { [field]: map });
      }
      return '';
    };
  }
  if ((f = fieldOf('add_')) && f.parsed.kind === 'set') {
    const field = f.name;
    return ({ engine }, [ref, value]) => {
      const set = (engine.store.get(cls, String(ref))[field] ?? []) as unknown[];
      if (!set.includes(value)) engine.store.update(cls, String(ref), { [field]: [...set, value] });
      return '';
    };
  }
  if ((f = fieldOf('remove_')) && f.parsed.kind === 'set') {
    const field = f.name;
    return ({ engine }, [ref, value]) => {
      const set = (engine.store.get(cls, String(ref))[field] ?? []) as unknown[];
      if (set.includes(value)) engine.store.update(cls, String(ref), { [field]: set.filter((x) => x !== value) });
      return '';
    };
  }
  return undefined;
}
