/** Keeps a loaded dump self-consistent: references to objects that were not loaded are cleared. */
import type { Schema } from '../model/schema.js';
import { NULL_REF, type XapiType } from '../model/type-grammar.js';
import type { SeedObject } from './types.js';

/**
 * Replaces single refs to missing objects with OpaqueRef:NULL and drops missing refs from sets and map keys/values.
 * Dumps point at sessions, tasks and tables of removed classes that the seed does not contain.
 */
export function dropDanglingRefs(schema: Schema, objects: SeedObject[], warn: (m: string) => void): void {
  const known = new Set(objects.map((o) => o.ref));
  const missing = (v: unknown): boolean => typeof v === 'string' && v !== NULL_REF && !known.has(v);
  const clean = (t: XapiType, v: unknown): unknown => {
    if (t.kind === 'ref') return missing(v) ? NULL_REF : v;
    if (t.kind === 'set' && Array.isArray(v)) {
      return t.of.kind === 'ref' ? v.filter((x) => !missing(x)) : v.map((x) => clean(t.of, x));
    }
    if (t.kind === 'map' && v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (t.key.kind === 'ref' && missing(k)) continue;
        if (t.value.kind === 'ref' && missing(x)) continue;
        out[k] = clean(t.value, x);
      }
      return out;
    }
    return v;
  };
  const dropped: string[] = [];
  for (const obj of objects) {
    for (const [name, value] of Object.entries(obj.fields)) {
      const field = schema.field(obj.cls, name);
      if (!field) continue;
      const cleaned = clean(field.parsed, value);
      if (JSON.stringify(cleaned) !== JSON.stringify(value)) {
        dropped.push(`${obj.cls}.${name}`);
        obj.fields[name] = cleaned;
      }
    }
  }
  if (dropped.length > 0) warn(`references to objects not in the dump were cleared in: ${dropped.join(', ')}`);
}
