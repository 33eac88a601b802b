import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const probes: string[] = [];

interface Diagnostic {
  readonly line: number;
  readonly code: string;
  readonly message: string;
}

/**
 * Typechecks a renderer file under src/renderer/tsconfig.json (its libraries, no Node types, strict) and returns
 * tsc's errors in it. The file sits in the repository's node_modules cache, not in src/renderer, so that a lint
 * or typecheck run elsewhere never meets it; it imports the renderer's own modules.
 */
async function typecheckRendererFile(lines: readonly string[]): Promise<{ ok: boolean; errors: Diagnostic[] }> {
  const cache = join(root, 'node_modules', '.cache', 'xenith-probes');
  mkdirSync(cache, { recursive: true });
  const dir = mkdtempSync(join(cache, 'typed-records-'));
  probes.push(dir);
  const renderer = relative(dir, join(root, 'src', 'renderer')).split('\\').join('/');
  writeFileSync(join(dir, 'reader.ts'), lines.join('\n').replaceAll('@renderer', renderer) + '\n');
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({ extends: join(root, 'src/renderer/tsconfig.json'), include: [join(dir, 'reader.ts')] }));
  try {
    await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false'], { maxBuffer: 16 * 1024 * 1024 });
    return { ok: true, errors: [] };
  } catch (error) {
    const output = String((error as { stdout?: string }).stdout);
    const errors = [...output.matchAll(/reader\.ts\((\d+),\d+\): error (TS\d+): (.*)/g)].map(([, line, code, message]) => ({ line: Number(line), code: code!, message: message! }));
    return { ok: false, errors };
  }
}

afterAll(() => {
  for (const dir of probes) rmSync(dir, { recursive: true, force: true });
});

// Renderer code reading mirrored objects the ways the app does: a typed selector, the store's union narrowed on
// its class, a record followed through a ref. Line numbers below are 1-based lines of this array.
const header = [
  "import { isOfType } from '@renderer/../shared/xapi/objects.js';",
  "import { follow, objectOf } from '@renderer/store/mirror-read.js';",
  "import { selectObject, useObjectsStore } from '@renderer/store/objects-store.js';",
  'const index = useObjectsStore.getState();',
  "const vm = objectOf(index, 'VM', 'OpaqueRef:vm');",
  "const host = selectObject('OpaqueRef:h', 'host')(index);",
  "const any = index.objects.get('OpaqueRef:x');",
];

describe('typed XAPI records in the renderer', () => {
  it('rejects a misspelt field, a field of another class and a field read before narrowing', async () => {
    const result = await typecheckRendererFile([
      ...header,
      'export const name = vm?.name_lable;',
      'export const memory = follow(index, vm?.metrics)?.memory_actul;',
      'export const state = host?.power_state;',
      'export const label = any?.name_label;',
    ]);
    expect(result.ok).toBe(false);
    expect(result.errors.map(({ line, code }) => [line, code])).toEqual([
      [8, 'TS2551'],
      [9, 'TS2551'],
      [10, 'TS2339'],
      [11, 'TS2339'],
    ]);
    expect(result.errors[0]!.message).toMatch(/Property 'name_lable' does not exist on type .*Did you mean 'name_label'\?/);
    expect(result.errors[1]!.message).toMatch(/'memory_actul' does not exist.*Did you mean 'memory_actual'\?/);
    expect(result.errors[2]!.message).toMatch(/'power_state' does not exist/);
    expect(result.errors[3]!.message).toMatch(/'name_label' does not exist on type 'XapiObject'/);
  }, 120_000);

  it('compiles the same reads spelt right, each with the type the mirror gives it', async () => {
    const result = await typecheckRendererFile([
      ...header,
      'export const name: string | undefined = vm?.name_label;',
      'export const memory: number | undefined = follow(index, vm?.metrics)?.memory_actual;',
      "export const state: 'Halted' | 'Paused' | 'Running' | 'Suspended' | undefined = vm?.power_state;",
      "export const label: string | undefined = isOfType(any, 'host') ? any.name_label : undefined;",
      'export const enabled: boolean | undefined = host?.enabled;',
    ]);
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  }, 120_000);
});
