/**
 * Generates the simulator's compact datamodel (src/model/schema.gen.json) from the XAPI datamodel files in
 * /work/shared/xapi (or the directory given as first argument). Only facts are kept: names, types, qualifiers,
 * defaults, lifecycles, parameter lists and error names — no prose.
 *
 * Run: npx tsx apps/xapi-sim/scripts/gen-schema.ts [sourceDir]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

interface Lifecycle { state: string }
interface RawField { name: string; type: string; qualifier: string; default?: string; lifecycle: Lifecycle }
interface RawParam { name: string; type: string; required?: boolean }
interface RawMessage {
  name: string; result: [string, ...string[]]; params: RawParam[]; errors: { name: string }[];
  lifecycle: Lifecycle; implicit?: boolean;
}
interface RawClass { name: string; lifecycle: Lifecycle; fields: RawField[]; messages: RawMessage[]; enums: { name: string; values: { name: string }[] }[] }

const sourceDir = process.argv[2] ?? '/work/shared/xapi';
const outFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'model', 'schema.gen.json');

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(sourceDir, name), 'utf8'));

/** "Published_s" -> "Published". */
const lifecycleOf = (l: Lifecycle): string => l.state.replace(/_s$/, '');

const classes = readJson('xenapi.json') as RawClass[];
const errors = readJson('xapi_errors.json') as { errors: { name: string; params: string[] }[]; undocumented_error_names?: string[] };
const asyncMethods = readJson('xapi_async_methods.json') as { async_capable: string[] };
const alerts = readJson('xapi_alert_messages.json') as { messages: { name: string; priority: number }[] };

const out = {
  classes: {} as Record<string, unknown>,
  errors: {} as Record<string, string[]>,
  async: [...asyncMethods.async_capable].sort(),
  alerts: {} as Record<string, number>,
};

for (const cls of classes) {
  const fields: Record<string, unknown> = {};
  for (const f of cls.fields) {
    const lifecycle = lifecycleOf(f.lifecycle);
    if (lifecycle === 'Removed') continue; // records must never show removed fields
    fields[f.name] = { type: f.type, qualifier: f.qualifier, ...(f.default !== undefined ? { default: f.default } : {}), lifecycle };
  }
  const messages: Record<string, unknown> = {};
  for (const m of cls.messages) {
    messages[m.name] = {
      params: m.params.map((p) => ({ name: p.name, type: p.type, required: p.required !== false })),
      result: m.result[0],
      implicit: m.implicit === true,
      lifecycle: lifecycleOf(m.lifecycle),
      errors: m.errors.map((e) => e.name),
    };
  }
  const enums: Record<string, string[]> = {};
  for (const e of cls.enums) enums[e.name] = e.values.map((v) => v.name);
  out.classes[cls.name] = { lifecycle: lifecycleOf(cls.lifecycle), fields, messages, enums };
}
for (const e of errors.errors) out.errors[e.name] = e.params;
for (const name of errors.undocumented_error_names ?? []) out.errors[name] ??= [];
for (const a of alerts.messages) out.alerts[a.name] = a.priority;

writeFileSync(outFile, JSON.stringify(out) + '\n');
console.log(`wrote ${outFile}: ${Object.keys(out.classes).length} classes, ${Object.keys(out.errors).length} errors, ${out.async.length} async`);
