// What each layer may import (docs/ARCHITECTURE.md, "Layers"): allow-lists, checked by the rule in
// scripts/allowed-imports-rule.js through eslint.config.js, and proven by scripts/layer-rules.test.ts.
// Anything a list does not name fails lint — a new dependency is a decision about where it may run.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const simulatorPackage = JSON.parse(readFileSync(resolve(root, 'apps/xapi-sim/package.json'), 'utf8'));

/** Unit tests of every layer run under vitest. */
const testFiles = (dir) => [`${dir}/**/*.test.{ts,tsx,mts,mjs,js}`];

export const layerZones = [
  {
    name: 'src/shared',
    why: 'Shared code runs in both the server and the browser: types, schemas and pure functions only.',
    files: ['src/shared/**/*.{ts,tsx}'],
    testFiles: testFiles('src/shared'),
    dirs: ['src/shared'],
    nodeBuiltins: false,
    packages: ['zod'],
    testPackages: ['vitest'],
  },
  {
    name: 'src/main',
    why: 'The server runs in plain Node (and in Electron\'s main process without knowing it): no electron, no UI.',
    files: ['src/main/**/*.{ts,tsx}'],
    testFiles: testFiles('src/main'),
    dirs: ['src/main', 'src/shared'],
    nodeBuiltins: true,
    packages: ['xen-api', 'undici', 'ws', 'zod', '@napi-rs/keyring', 'xxhash-wasm'],
    testPackages: ['vitest'],
  },
  {
    name: 'src/cli',
    why: 'xenith-cli is a plain Node client of the contract, like any other: it takes from the server only what a client needs (the OS keychain store, the certificate probe), never its internals.',
    files: ['src/cli/**/*.{ts,tsx}'],
    testFiles: testFiles('src/cli'),
    // A file may stand in the list as well as a folder: the certificate probe, without the rest of src/main/trust.
    dirs: ['src/cli', 'src/shared', 'src/main/secrets', 'src/main/trust/certificate-info.js'],
    nodeBuiltins: true,
    packages: ['ws', 'zod', '@napi-rs/keyring'],
    testPackages: ['vitest'],
  },
  {
    name: 'src/renderer',
    why: 'The renderer runs in a sandboxed browser page and reaches the server only through the contract.',
    files: ['src/renderer/**/*.{ts,tsx}'],
    testFiles: testFiles('src/renderer'),
    dirs: ['src/renderer', 'src/shared'],
    nodeBuiltins: false,
    packages: ['react', 'react-dom', 'zustand', '@novnc/novnc', 'uplot', 'zod'],
    testPackages: ['vitest'],
  },
  {
    name: 'apps/desktop',
    why: 'The Electron shell hosts the server and loads the built renderer, never the renderer\'s source.',
    files: ['apps/desktop/**/*.{ts,tsx,mts,mjs,js}'],
    testFiles: testFiles('apps/desktop'),
    dirs: ['apps/desktop', 'src/main', 'src/shared'],
    nodeBuiltins: true,
    packages: ['electron'],
    testPackages: ['vitest'],
  },
  {
    name: 'apps/xapi-sim',
    why: 'The simulator is a separate product: it shares no code with the client it tests.',
    files: ['apps/xapi-sim/**/*.{ts,tsx,mts,mjs,js}'],
    // Its tests also drive it with xen-api, a real XAPI client that is not Xenith's code.
    testFiles: ['apps/xapi-sim/test/**/*.{ts,tsx,mts,mjs,js}'],
    dirs: ['apps/xapi-sim'],
    nodeBuiltins: true,
    // Its own dependencies and its own "#sim/…" alias, read from its package.json so the list cannot lag behind.
    packages: [...Object.keys(simulatorPackage.dependencies ?? {}), ...Object.keys(simulatorPackage.imports ?? {}).map((key) => key.split('/')[0])],
    testPackages: ['vitest', 'xen-api'],
  },
].map((zone) => ({ ...zone, root }));
