import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS helper shared with the build script
import { assertNoElectron } from './check-main-bundle.mjs';
// @ts-expect-error plain JS, also used by eslint.config.js
import { layerZones } from './layer-zones.js';
// @ts-expect-error plain JS helper shared with scripts/typecheck.mjs
import { nodeTypeFiles } from './node-types.mjs';

const root = resolve(import.meta.dirname, '..');
const run = promisify(execFile);
const eslint = new ESLint({ cwd: root });
const probeRoot = join(root, 'node_modules', '.cache', 'xenith-probes');

/** Lints a snippet as if it lived at filePath; returns the layer allow-list messages. */
async function restrictedImports(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(root, filePath) });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'layers/allowed-imports').map((m) => m.message);
}

describe('lint zones are allow-lists', () => {
  const forbidden: Array<[string, string]> = [
    // Server-side packages and Node in the renderer, however they are imported.
    ["import { request } from 'undici';", 'src/renderer/probe.ts'],
    ["import type { Dispatcher } from 'undici';", 'src/renderer/probe.ts'],
    ["export type Agent = import('undici').Agent;", 'src/renderer/probe.ts'],
    ["import { WebSocketServer } from 'ws';", 'src/renderer/features/probe.tsx'],
    ["import { createClient } from 'xen-api';", 'src/renderer/probe.ts'],
    ["import { Entry } from '@napi-rs/keyring';", 'src/renderer/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/renderer/probe.ts'],
    ["import { join } from 'path';", 'src/renderer/probe.ts'],
    ["export { Buffer } from 'node:buffer';", 'src/renderer/probe.ts'],
    ["const fs = await import('node:fs');", 'src/renderer/probe.ts'],
    ["import { app } from 'electron';", 'src/renderer/probe.ts'],
    ["import { createServer } from '../main/server.js';", 'src/renderer/probe.ts'],
    ["import { it } from 'vitest';", 'src/renderer/probe.ts'],
    // A package nobody has thought about yet fails too: that is what makes it an allow-list.
    ["import leftPad from 'left-pad';", 'src/renderer/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/shared/probe.ts'],
    ["import { create } from 'zustand';", 'src/shared/probe.ts'],
    ["import { request } from 'undici';", 'src/shared/probe.ts'],
    ["import { useObjectsStore } from '../renderer/store/objects-store.js';", 'src/shared/probe.ts'],
    ["import { app } from 'electron';", 'src/main/probe.ts'],
    ["import { useState } from 'react';", 'src/main/probe.ts'],
    ["import { applyDeltas } from '../renderer/store/apply-delta.js';", 'src/main/probe.ts'],
    ["import { createBridge } from '../../src/renderer/bridge/create-bridge.js';", 'apps/desktop/probe.ts'],
    ["import { useState } from 'react';", 'apps/desktop/probe.ts'],
    ["import { methods } from '../../../src/shared/api/contract.js';", 'apps/xapi-sim/src/probe.ts'],
    ["import { createClient } from 'xen-api';", 'apps/xapi-sim/src/probe.ts'],
    ["import { app } from 'electron';", 'apps/xapi-sim/src/probe.ts'],
    // xenith-cli is a client: the contract and what a client needs, never the server's internals or the UI.
    ["import { createServer } from '../main/server.js';", 'src/cli/probe.ts'],
    ["import { TrustBroker } from '../main/trust/trust-broker.js';", 'src/cli/probe.ts'],
    ["import { PoolManager } from '../main/pools/pool-manager.js';", 'src/cli/probe.ts'],
    ["import { createClient } from 'xen-api';", 'src/cli/probe.ts'],
    ["import { request } from 'undici';", 'src/cli/probe.ts'],
    ["import { useState } from 'react';", 'src/cli/probe.ts'],
    ["import { app } from 'electron';", 'src/cli/probe.ts'],
  ];
  it.each(forbidden)('rejects %s in %s', async (code, file) => {
    expect(await restrictedImports(code, file)).not.toEqual([]);
  });

  it('says which layer, which import and where the lists are', async () => {
    const [message] = await restrictedImports("import { request } from 'undici';", 'src/renderer/probe.ts');
    expect(message).toMatch(/src\/renderer may not import .*'undici'.*scripts\/layer-zones\.js/);
  });

  const allowed: Array<[string, string]> = [
    ["import { useState } from 'react';", 'src/renderer/probe.tsx'],
    ["import { createRoot } from 'react-dom/client';", 'src/renderer/probe.tsx'],
    ["import { create } from 'zustand';", 'src/renderer/probe.ts'],
    ["import { useShallow } from 'zustand/react/shallow';", 'src/renderer/probe.ts'],
    ["import RFB from '@novnc/novnc';", 'src/renderer/probe.ts'],
    ["import { z } from 'zod';", 'src/renderer/probe.ts'],
    ["import { methods } from '../../shared/api/contract.js';", 'src/renderer/app/probe.ts'],
    ["import { applyDeltas } from './apply-delta.js';", 'src/renderer/store/probe.ts'],
    ["import { it } from 'vitest';", 'src/renderer/store/probe.test.ts'],
    ["import { z } from 'zod';", 'src/shared/probe.ts'],
    ["import { it } from 'vitest';", 'src/shared/probe.test.ts'],
    ["import { readFileSync } from 'node:fs';", 'src/main/probe.ts'],
    ["import { request } from 'undici';", 'src/main/probe.ts'],
    ["import { WebSocketServer } from 'ws';", 'src/main/probe.ts'],
    ["import { createClient } from 'xen-api';", 'src/main/probe.ts'],
    ["import { Entry } from '@napi-rs/keyring';", 'src/main/probe.ts'],
    ["import { methods } from '../../shared/api/contract.js';", 'src/main/api/probe.ts'],
    ["import { app } from 'electron';", 'apps/desktop/probe.ts'],
    ["import { join } from 'node:path';", 'apps/desktop/probe.ts'],
    ["import { createServer } from '../../src/main/server.js';", 'apps/desktop/probe.ts'],
    ["import { readFileSync } from 'node:fs';", 'apps/xapi-sim/src/probe.ts'],
    ["import { WebSocketServer } from 'ws';", 'apps/xapi-sim/src/probe.ts'],
    ["import { startSimulator } from '#sim/index.js';", 'apps/xapi-sim/test/probe.test.ts'],
    ["import { createClient } from 'xen-api';", 'apps/xapi-sim/test/probe.test.ts'],
    ["import { WebSocket } from 'ws';", 'src/cli/probe.ts'],
    ["import { methods } from '../shared/api/contract.js';", 'src/cli/probe.ts'],
    ["import { createKeyringSecretStore } from '../main/secrets/keyring-secret-store.js';", 'src/cli/probe.ts'],
    ["import { probeCertificate } from '../main/trust/certificate-info.js';", 'src/cli/probe.ts'],
    ["import { it } from 'vitest';", 'src/cli/probe.test.ts'],
  ];
  it.each(allowed)('allows %s in %s', async (code, file) => {
    expect(await restrictedImports(code, file)).toEqual([]);
  });

  it('names only packages the project depends on (a misspelt name would allow nothing)', () => {
    const declared = (path: string) => {
      const manifest = JSON.parse(readFileSync(join(root, path), 'utf8')) as Record<string, Record<string, string> | undefined>;
      return [...Object.keys(manifest.dependencies ?? {}), ...Object.keys(manifest.devDependencies ?? {}), ...Object.keys(manifest.imports ?? {}).map((key) => key.split('/')[0]!)];
    };
    const known = new Set([...declared('package.json'), ...declared('apps/xapi-sim/package.json')]);
    for (const zone of layerZones) {
      for (const name of [...zone.packages, ...zone.testPackages]) expect(known, `${zone.name}: ${name}`).toContain(name);
    }
  });
});

/** Typechecks one probe file under a layer's tsconfig and returns tsc's output. */
async function typecheckProbe(layerTsconfig: string, code: string, ext = 'ts', extraArgs: string[] = []): Promise<{ ok: boolean; output: string }> {
  // Inside the repo so that type roots (node_modules/@types) resolve exactly as they do for the layer itself.
  mkdirSync(probeRoot, { recursive: true });
  const dir = mkdtempSync(join(probeRoot, 'layer-'));
  writeFileSync(join(dir, `probe.${ext}`), code);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ extends: join(root, layerTsconfig), include: [join(dir, `probe.${ext}`)] }),
  );
  try {
    const { stdout } = await run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', dir, '--pretty', 'false', ...extraArgs], { maxBuffer: 64 * 1024 * 1024 });
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
  it("renderer: an import of a server-side package brings Node's types, which the typecheck refuses", async () => {
    // tsc alone accepts it (undici's declarations reference @types/node); scripts/typecheck.mjs lists the files.
    const withUndici = await typecheckProbe('src/renderer/tsconfig.json', "import { request } from 'undici';\nexport const r = request;\n", 'ts', ['--listFiles']);
    expect(nodeTypeFiles(withUndici.output)).not.toEqual([]);
    const withReact = await typecheckProbe('src/renderer/tsconfig.json', "import { useState } from 'react';\nexport const s = useState;\n", 'ts', ['--listFiles']);
    expect(withReact.ok).toBe(true);
    expect(nodeTypeFiles(withReact.output)).toEqual([]);
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
