// Generates the XAPI facts the client needs from ../shared/xapi/xenapi.json (the datamodel), so the repository
// needs no copy of it: src/shared/xapi/fields.gen.ts (each mirrored field's value kind, for normalising) and
// records.gen.ts (each mirrored class's record type). Facts only — no descriptions.
// Run: npx tsx scripts/gen-xapi-facts.ts [--check] [path/to/xenapi.json]   (--check: fail if a file is stale)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DatamodelClass } from './xapi-facts/datamodel.js';
import { renderFieldKinds } from './xapi-facts/field-kinds.js';
import { renderRecordTypes } from './xapi-facts/record-types.js';

/** Where the datamodel lives beside the repository. */
export const defaultDatamodelPath = resolve(import.meta.dirname, '../../shared/xapi/xenapi.json');

/** Each generated file's path and the text the datamodel at `source` gives it. */
export function generatedFiles(source = defaultDatamodelPath): { path: string; text: string }[] {
  const classes = JSON.parse(readFileSync(source, 'utf8')) as DatamodelClass[];
  const dir = resolve(import.meta.dirname, '../src/shared/xapi');
  return [
    { path: resolve(dir, 'fields.gen.ts'), text: renderFieldKinds(classes) },
    { path: resolve(dir, 'records.gen.ts'), text: renderRecordTypes(classes) },
  ];
}

/** The generated files whose committed text differs from what the generator writes now. */
export function staleFiles(source = defaultDatamodelPath): string[] {
  return generatedFiles(source)
    .filter(({ path, text }) => !existsSync(path) || readFileSync(path, 'utf8') !== text)
    .map(({ path }) => path);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const source = resolve(args.find((arg) => arg !== '--check') ?? defaultDatamodelPath);
  if (check) {
    const stale = staleFiles(source);
    for (const path of stale) console.error(`stale: ${path} (run npx tsx scripts/gen-xapi-facts.ts)`);
    process.exitCode = stale.length === 0 ? 0 : 1;
  } else {
    for (const { path, text } of generatedFiles(source)) writeFileSync(path, text);
    console.log('wrote fields.gen.ts and records.gen.ts');
  }
}
