import { z } from 'zod';
import type { SeededRandom } from './seeded-random.js';

const nastyStrings = [
  '', ' ', '\u0000', '%', '%E0%A4%A', '%ZZ', '../../etc/passwd', '..\\..\\', '[', 'http://[', '\uD800', '\uFFFF', '💥',
  'OpaqueRef:NULL', 'OpaqueRef:' + 'f'.repeat(36), '__proto__', 'constructor', 'A'.repeat(10_000), '<script>', "'; --", '\r\n',
];

/** Sets an own key, even `__proto__` (plain assignment would replace the prototype and never be sent). */
function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

/** A random string: mostly printable, sometimes one of the classic troublemakers. */
export function randomString(random: SeededRandom): string {
  if (random.chance(0.3)) return random.pick(nastyStrings);
  return random.string(random.int(24), 'abcXYZ0189 .:-_/%\\"\'\u00e9\u4e2d\u0001');
}

/** Any JSON value, nested up to `depth`, including keys that pollute prototypes when merged naively. */
export function randomJson(random: SeededRandom, depth = 3): unknown {
  const kind = random.int(depth > 0 ? 9 : 6);
  switch (kind) {
    case 0: return null;
    case 1: return random.chance(0.5);
    case 2: return random.pick([0, -1, 1.5, 2 ** 53, -(2 ** 63), 1e308, random.int(1000)]);
    case 3: return randomString(random);
    case 4: return random.pick(['true', '1', '{}', '[]', 'null']);
    case 5: return random.int(4) === 0 ? [] : {};
    case 6: return Array.from({ length: random.int(5) }, () => randomJson(random, depth - 1));
    default: {
      const object: Record<string, unknown> = {};
      for (let i = random.int(5); i > 0; i--) setOwn(object, random.chance(0.2) ? random.pick(['__proto__', 'constructor', 'prototype']) : randomString(random), randomJson(random, depth - 1));
      return object;
    }
  }
}

/** A value shaped like what `schema` wants, but only roughly: right type, random content, sometimes wrong. */
export function plausibleValue(random: SeededRandom, schema: z.ZodType, depth = 3): unknown {
  if (depth === 0 || random.chance(0.15)) return randomJson(random, 1);
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable || schema instanceof z.ZodDefault) {
    if (random.chance(0.2)) return random.pick([undefined, null]);
    return plausibleValue(random, schema.unwrap() as z.ZodType, depth);
  }
  if (schema instanceof z.ZodEnum) return random.chance(0.8) ? random.pick(schema.options) : randomString(random);
  if (schema instanceof z.ZodLiteral) return random.pick([...schema.values]);
  if (schema instanceof z.ZodString) return randomString(random);
  if (schema instanceof z.ZodNumber) return random.pick([0, 1, -1, 0.5, 65535, 2 ** 31, random.int(100)]);
  if (schema instanceof z.ZodBoolean) return random.chance(0.5);
  if (schema instanceof z.ZodArray) return Array.from({ length: random.int(4) }, () => plausibleValue(random, schema.element as z.ZodType, depth - 1));
  if (schema instanceof z.ZodObject) return mistypedInput(random, schema, depth - 1);
  return randomJson(random, 2);
}

/** An input for a method: its schema's keys with plausible or mistyped values, now and then an extra key. */
export function mistypedInput(random: SeededRandom, schema: z.ZodType, depth = 3): unknown {
  if (!(schema instanceof z.ZodObject)) return randomJson(random);
  const input: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    if (random.chance(0.1)) continue;
    input[key] = random.chance(0.7) ? plausibleValue(random, field, depth) : randomJson(random, 2);
  }
  if (random.chance(0.1)) setOwn(input, random.pick(['__proto__', 'extra', 'constructor']), randomJson(random, 1));
  return input;
}
