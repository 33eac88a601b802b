import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the build script
import { assertNoElectron } from './check-main-bundle.mjs';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const eslint = new ESLint({ cwd: root });
const probeRoot = join(root, 'node_modules', '.cache', 'xenith-probes');

/** Lints a snippet as if it lived at filePath; returns the restricted-import messages. */
async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('lint zones reject forbidden imports', () => {
  const forbidden: Array<[string, string]> = [
    ["import { app } from 'electron';", 'src/main/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/renderer/probe.ts'],
    ["import { join } from 'path';", 'src/renderer/probe.ts'],
    ["import { createServer } from '../main/server.js';", 'src/renderer/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/shared/probe.ts'],
    ["import { create } from 'zustand';", 'src/shared/probe.ts'],
    ["import { useState } from 'react';", 'src/main/probe.ts'],
    ["import { createBridge } from '../../src/renderer/bridge/create-bridge.js';", 'apps/desktop/probe.ts'],
    ["import { methods } from '../../../src/shared/api/contract.js';", 'apps/xapi-sim/src/probe.ts'],
  ];
  it.each(forbidden)('%s in %s', async (code, file) => {
    expect(await restrictedImports(code, file)).not.toEqual([]);
  });

  const allowed: Array<[string, string]> = [
    ["import { readFileSync } from 'node:fs';", 'src/main/probe.ts'],
    ["import { z } from 'zod';", 'src/shared/probe.ts'],
    ["import { methods } from '../../shared/api/contract.js';", 'src/renderer/app/probe.ts'],
    ["import { app } from 'electron';", 'apps/desktop/probe.ts'],
    ["import { createServer } from '../../src/main/server.js';", 'apps/desktop/probe.ts'],
  ];
  it.each(allowed)('allows %s in %s', async (code, file) => {
    expect(await restrictedImports(code, file)).toEqual([]);
  });
});

/** Typechecks one probe file under a layer's tsconfig and returns tsc's output. */
async function typecheckProbe(layerTsconfig: string, code: string, ext = 'ts'): Promise<{ ok: boolean; output: string }> {
  // Inside the repo so that type roots (node_modules/@types) resolve exactly as they do for the layer itself.
  mkdirSync(probeRoot, { recursive: true });
  const dir = mkdtempSync(join(probeRoot, 'layer-'));
  writeFileSync(join(dir, `probe.${ext}`), code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: join(root, layerTsconfig), include: [join(dir, `probe.${ext}`)] }),
  );
  try {
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false']);
    return { ok: true, output: stdout };
  } catch (error) {
    return { ok: false, output: String((error as { stdout?: string }).stdout) };
  }
}

describe('per-layer tsconfigs reject what the layer cannot use', () => {
  it('renderer cannot use Node built-ins', async () => {
    const result = await typecheckProbe('src/renderer/tsconfig.json', "import { readFileSync } from 'node:fs';\nreadFileSync('x');\n");
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/node:fs/);
  });
  it('shared cannot use Node globals', async () => {
    const result = await typecheckProbe('src/shared/tsconfig.json', 'export const cwd = process.cwd();\n');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/process/);
  });
  it('main cannot use the DOM', async () => {
    const result = await typecheckProbe('src/main/tsconfig.json', 'export const title = document.title;\n');
    expect(result.ok).toBe(false);
    expect(result.output).toMatch(/document/);
  });
  it('the same probes pass where they are allowed', async () => {
    expect((await typecheckProbe('src/main/tsconfig.json', 'export const cwd = process.cwd();\n')).ok).toBe(true);
    expect((await typecheckProbe('src/renderer/tsconfig.json', 'export const title = document.title;\n')).ok).toBe(true);
  });
}, 60_000);

describe('the src/main bundle check', () => {
  it('fails a bundle that imports electron', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenith-bundle-'));
    writeFileSync(join(dir, 'entry.ts'), "import { app } from 'electron';\nexport const name = app.getName();\n");
    const outfile = join(dir, 'out.js');
    const result = await build({
      entryPoints: [join(dir, 'entry.ts')], outfile, bundle: true, platform: 'node', format: 'esm',
      packages: 'external', metafile: true, logLevel: 'silent',
    });
    expect(() => assertNoElectron(result.metafile, outfile)).toThrow(/imports electron/);
  });
  it('passes the real src/main bundle', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'xenith-bundle-'));
    const outfile = join(dir, 'serve.js');
    const result = await build({
      entryPoints: [join(root, 'src/main/cli/serve.ts')], outfile, bundle: true, platform: 'node', format: 'esm',
      packages: 'external', metafile: true, logLevel: 'silent',
    });
    expect(() => assertNoElectron(result.metafile, outfile)).not.toThrow();
  });
});
