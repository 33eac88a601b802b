// Which layer may import what (ARCHITECTURE.md, "Layers and what each may import"). Used by eslint.config.js
// and by the test that proves the rules reject forbidden imports.
const nodeBuiltins = [
  'assert', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs', 'fs/promises', 'http',
  'http2', 'https', 'module', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream', 'tls', 'url',
  'util', 'v8', 'vm', 'worker_threads', 'zlib',
];
const noNode = {
  group: ['node:*', ...nodeBuiltins],
  message: 'This layer runs outside Node: no Node built-ins.',
};
const noElectron = { group: ['electron', 'electron/*'], message: 'Only apps/desktop may import electron.' };
const noServerDeps = { group: ['ws', 'xen-api', '@napi-rs/keyring'], message: 'Server-only dependency.' };
const noUi = { group: ['react', 'react-dom', 'react-dom/*', 'zustand', '@novnc/*'], message: 'UI-only dependency.' };
const regex = (pattern, message) => ({ regex: pattern, message });

export const layerZones = [
  {
    name: 'shared',
    files: ['src/shared/**/*.{ts,tsx}'],
    patterns: [
      noNode, noElectron, noServerDeps, noUi,
      regex('(^|/)(main|renderer)(/|$)', 'src/shared may not import other layers.'),
      regex('(^|/)apps/', 'src/shared may not import apps.'),
    ],
  },
  {
    name: 'main',
    files: ['src/main/**/*.{ts,tsx}'],
    patterns: [
      noElectron, noUi,
      regex('(^|/)renderer(/|$)', 'src/main may not import the renderer.'),
      regex('(^|/)apps/', 'src/main may not import apps.'),
    ],
  },
  {
    name: 'renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    patterns: [
      noNode, noElectron, noServerDeps,
      regex('(^|/)main(/|$)', 'The renderer talks to src/main only through the contract.'),
      regex('(^|/)apps/', 'The renderer may not import apps.'),
    ],
  },
  {
    name: 'desktop',
    files: ['apps/desktop/**/*.{ts,tsx}'],
    patterns: [regex('(^|/)renderer(/|$)', 'apps/desktop loads the built renderer, never its source.'), noUi],
  },
  {
    name: 'xapi-sim',
    files: ['apps/xapi-sim/**/*.{ts,tsx,mjs,js}'],
    patterns: [
      regex('(^|/)src/(shared|main|renderer)(/|$)', 'The simulator must not share code with the client it tests.'),
      regex('^(\\.\\./){2,}desktop/', 'The simulator is a separate product.'),
      noElectron,
    ],
  },
];
