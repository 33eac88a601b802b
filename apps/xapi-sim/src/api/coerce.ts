/**
 * Converts decoded RPC parameters to their declared XAPI types, as xapi's unmarshallers do. Lenient where real
 * clients rely on it (ints and whole floats sent as strings by the npm client) and strict otherwise.
 */
import { parseXapiDate } from '../wire/datetime.js';
import type { Schema } from '../model/schema.js';
import type { XapiType } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';

const INT_RE = /^\s*[+-]?\d+\s*$/;

/** Coerces `v` to `type`; FIELD_TYPE_ERROR [name] on a mismatch, INVALID_VALUE [name, v] for a bad enum. */
export function coerceParam(schema: Schema, v: unknown, type: XapiType, name: string): unknown {
  switch (type.kind) {
    case 'string':
      if (typeof v === 'string') return v;
      return fail('FIELD_TYPE_ERROR', name);
    case 'ref':
      if (typeof v === 'string') return v;
      return fail('FIELD_TYPE_ERROR', name);
    case 'int':
      if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
      if (typeof v === 'string' && INT_RE.test(v)) return Number(v);
      return fail('FIELD_TYPE_ERROR', name);
    case 'float':
      if (typeof v === 'number') return v;
      if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
      return fail('FIELD_TYPE_ERROR', name);
    case 'bool':
      if (typeof v === 'boolean') return v;
      if (v === 'true' || v === 'false') return v === 'true';
      return fail('FIELD_TYPE_ERROR', name);
    case 'datetime': {
      if (v instanceof Date) return v;
      const d = typeof v === 'string' ? parseXapiDate(v) : undefined;
      return d ?? fail('FIELD_TYPE_ERROR', name);
    }
    case 'enum': {
      if (typeof v !== 'string') return fail('FIELD_TYPE_ERROR', name);
      const values = schema.enumValues(type.name);
      if (!values) return v;
      const match = values.find((x) => x.toLowerCase() === v.toLowerCase());
      return match ?? fail('INVALID_VALUE', name, v);
    }
    case 'set':
      if (!Array.isArray(v)) return fail('FIELD_TYPE_ERROR', name);
      return v.map((x) => coerceParam(schema, x, type.of, name));
    case 'map': {
      if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return fail('FIELD_TYPE_ERROR', name);
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        coerceParam(schema, k, type.key.kind === 'int' || type.key.kind === 'float' ? { kind: 'string' } : type.key, name);
        out[k] = coerceParam(schema, x, type.value, name);
      }
      return out;
    }
    case 'record': {
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return fail('FIELD_TYPE_ERROR', name);
      const out: Record<string, unknown> = {};
      const cls = schema.className(type.cls);
      for (const [k, x] of Object.entries(v)) {
        const f = cls ? schema.field(cls, k) : undefined;
        if (f) out[k] = coerceParam(schema, x, f.parsed, k);
      }
      return out;
    }
  }
}
