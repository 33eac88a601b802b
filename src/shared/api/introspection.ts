import { z } from 'zod';
import { methods, methodNames, type MethodName } from './contract.js';
import type { MethodDescription } from './methods/system.js';

/**
 * A method's schemas as JSON Schema, exactly as zod 4 converts them: enums, bounds, patterns, optional fields
 * and defaults are kept; a check JSON Schema cannot say (a refine) is still enforced by the server.
 */
export function describeMethod(name: MethodName): MethodDescription {
  const spec = methods[name];
  return {
    name,
    summary: spec.summary,
    input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>,
    output: z.toJSONSchema(spec.output, { io: 'output', unrepresentable: 'any' }) as Record<string, unknown>,
  };
}

let described: readonly MethodDescription[] | null = null;

/** Every contract method, by name (what system.methods answers and `xenith-cli list-commands` prints). */
export function describeMethods(): readonly MethodDescription[] {
  described ??= [...methodNames].sort().map(describeMethod);
  return described;
}
