/** Builds complete records: every published field present, seeds' values kept, defaults for the rest. */
import { randomUUID } from 'node:crypto';
import type { FieldInfo, Schema } from './schema.js';
import { emptyValue, parseXapiDefault } from './type-grammar.js';

const deepFreeze = <V>(v: V): V => {
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
};

/** Per-schema cache of each field's default value (frozen: records are updated by replacement, never in place). */
export class RecordDefaults {
  private readonly cache = new Map<string, Map<string, unknown>>();

  constructor(private readonly schema: Schema) {}

  /** The default for one field: the model's default, else a type-appropriate empty value. */
  defaultFor(cls: string, f: FieldInfo): unknown {
    let perClass = this.cache.get(cls);
    if (!perClass) this.cache.set(cls, (perClass = new Map()));
    if (!perClass.has(f.name)) {
      const enumValues = f.parsed.kind === 'enum' ? this.schema.enumValues(f.parsed.name) : undefined;
      let v: unknown;
      try {
        v = f.default !== undefined ? parseXapiDefault(f.parsed, f.default) : emptyValue(f.parsed, enumValues);
      } catch {
        v = emptyValue(f.parsed, enumValues);
      }
      perClass.set(f.name, deepFreeze(v));
    }
    const v = perClass.get(f.name);
    return v instanceof Date ? new Date(v.getTime()) : v;
  }

  /** A full record of `cls` from partial `given` fields; unknown and Removed fields are dropped. */
  complete(cls: string, given: Record<string, unknown>): Record<string, unknown> {
    const record: Record<string, unknown> = {};
    for (const f of this.schema.fields(cls)) {
      const v = given[f.name];
      record[f.name] = v !== undefined ? v : this.defaultFor(cls, f);
    }
    if ('uuid' in record && !record.uuid) record.uuid = randomUUID();
    return record;
  }
}
