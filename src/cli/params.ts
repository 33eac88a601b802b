import { methods, type MethodName } from '../shared/api/contract.js';
import { describeMethod } from '../shared/api/introspection.js';
import { validationError } from '../shared/api/validation.js';
import { UsageError } from './exit-codes.js';
import { alternatives, schemaAt, typesOf, type JsonSchema } from './json-schema.js';

/** The prefix that makes any value JSON: `json:[1,2]`, `json:{"a":1}`, `json:null`. */
export const jsonPrefix = 'json:';

/** A number as a person types it (`4`, `-1.5`, `1e9`), not `''` or `0x10` that Number() would also take. */
const numberPattern = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/**
 * Reads one value by the schema of the field it is for: a number field takes `4`, a boolean `true`, a list `a,b`
 * (each item read by the item schema), a nullable field `null`. Anything it cannot read that way stays a string,
 * so the schema itself says what is wrong with it.
 */
export function readValue(raw: string, schema: JsonSchema | null, field: string): unknown {
  if (raw.startsWith(jsonPrefix)) {
    try {
      return JSON.parse(raw.slice(jsonPrefix.length));
    } catch (error) {
      throw new UsageError(`${field}: the value after json: is not valid JSON (${(error as Error).message}).`);
    }
  }
  if (!schema) return raw;
  const types = typesOf(schema);
  if (raw === 'null' && types.includes('null')) return null;
  if ((types.includes('integer') || types.includes('number')) && !types.includes('string') && numberPattern.test(raw)) return Number(raw);
  if (types.includes('boolean') && !types.includes('string') && (raw === 'true' || raw === 'false')) return raw === 'true';
  if (types.includes('array') && !types.includes('string')) {
    const items = alternatives(schema).find((branch) => branch.items)?.items ?? null;
    return raw === '' ? [] : raw.split(',').map((item) => readValue(item.trim(), items, field));
  }
  return raw;
}

/**
 * Builds a method's input from `name=value` words, reading each value by the method's own schema (dotted names
 * reach into objects: `memory.staticMax=…`; a list given twice is joined), then checks it with the contract's zod
 * schema — so a missing or unknown parameter is refused with the schema's own message, before any call.
 */
export function buildInput(method: MethodName, params: ReadonlyArray<{ name: string; value: string }>): Record<string, unknown> {
  const schema = describeMethod(method).input as JsonSchema;
  const input: Record<string, unknown> = {};
  for (const { name, value } of params) {
    const path = name.split('.');
    const read = readValue(value, schemaAt(schema, path), name);
    let target = input;
    for (const key of path.slice(0, -1)) {
      const next = target[key];
      if (typeof next !== 'object' || next === null || Array.isArray(next)) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = path.at(-1)!;
    const earlier = target[last];
    target[last] = Array.isArray(earlier) && Array.isArray(read) ? [...earlier, ...read] : read;
  }
  return input;
}

/** Checks an input against the method's zod schema; a refusal is a usage error naming each field. */
export function checkInput(method: MethodName, input: unknown): void {
  const parsed = methods[method].input.safeParse(input);
  if (!parsed.success) throw new UsageError(validationError(method, parsed.error).message);
}
