import { describeMethods } from '../shared/api/introspection.js';
import type { MethodDescription } from '../shared/api/methods/system.js';
import type { ParsedArgv } from './argv.js';
import { ExitCode } from './exit-codes.js';
import { describeSchema, type JsonSchema } from './json-schema.js';
import { jsonOutput } from './render.js';

/** True when a method name matches one of the patterns (`vm.*`, `pool.add`, or a bare word found inside). */
function matches(name: string, patterns: readonly string[]): boolean {
  if (patterns.length === 0) return true;
  return patterns.some((pattern) => {
    if (!pattern.includes('*')) return name.includes(pattern);
    const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
    return regex.test(name);
  });
}

/** A method's parameters, one line each: `name=<what it takes>`, marked optional or with its default. */
export function parameterLines(description: MethodDescription): string[] {
  const input = description.input as JsonSchema;
  const required = new Set(input.required ?? []);
  return Object.entries(input.properties ?? {}).map(([name, schema]) => {
    const note = schema.default !== undefined ? ` (default ${JSON.stringify(schema.default)})` : required.has(name) ? '' : ' (optional)';
    return `${name}=<${describeSchema(schema)}>${note}`;
  });
}

/**
 * `xenith-cli list-commands [--json] [pattern…]`: every contract method with its summary and parameters — with
 * --json, exactly what system.methods answers (input and output as JSON Schema).
 */
export function listCommands(argv: ParsedArgv): number {
  const patterns = argv.words.slice(1);
  const described = describeMethods().filter((method) => matches(method.name, patterns));
  if (argv.options.json) {
    process.stdout.write(jsonOutput(described));
    return ExitCode.ok;
  }
  for (const method of described) {
    process.stdout.write(`${method.name}\n    ${method.summary}\n`);
    for (const line of parameterLines(method)) process.stdout.write(`      ${line}\n`);
  }
  return ExitCode.ok;
}
