import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const desktopDir = path.dirname(fileURLToPath(import.meta.url));

/** The shell's own source files (tests excluded), with their text. */
const sources = readdirSync(desktopDir, { recursive: true, encoding: 'utf8' })
  .filter((file) => /\.(ts|mts|mjs)$/.test(file) && !file.includes('.test.') && !file.endsWith('.d.mts'))
  .map((file) => ({ file, text: readFileSync(path.join(desktopDir, file), 'utf8') }));

/** Modules that must load in plain Node (unit tests, scripts): they may import Electron's types only. */
const pureModules = [
  'app-origin.ts',
  'window-options.ts',
  'security-policy.ts',
  'sender-check.ts',
  'protocol-paths.ts',
  'menu-template.ts',
  'preload-bridge.ts',
  path.join('launch', 'electron-binary.mjs'),
];

describe('apps/desktop source rules (SECURITY-CRITICAL)', () => {
  it('finds the sources it checks', () => {
    expect(sources.map((source) => source.file)).toEqual(expect.arrayContaining(['main.ts', 'preload.ts', ...pureModules]));
  });

  it('has one webPreferences object and one BrowserWindow construction, both in window-options.ts', () => {
    const withPreferences = sources.filter((source) => source.text.includes('webPreferences:'));
    expect(withPreferences.map((source) => source.file)).toEqual(['window-options.ts']);
    const constructions = sources.flatMap((source) =>
      (source.text.match(/new (BrowserWindow|BrowserView|WebContentsView)\(/g) ?? []).map(() => source.file),
    );
    expect(constructions).toEqual(['window-options.ts']);
  });

  it('never weakens a window or accepts a bad certificate', () => {
    const forbidden = [
      /nodeIntegration\w*:\s*true/,
      /contextIsolation:\s*false/,
      /sandbox:\s*false/,
      /webSecurity:\s*false/,
      /allowRunningInsecureContent:\s*true/,
      /certificate-error/,
      /setCertificateVerifyProc/,
      /ignore-certificate-errors/,
      /enableBlinkFeatures/,
      /disable-web-security/,
    ];
    for (const { file, text } of sources) {
      for (const pattern of forbidden) expect(`${file}: ${pattern.test(text)}`).toBe(`${file}: false`);
    }
  });

  it('keeps Electron out of the pure modules at runtime (type imports only)', () => {
    for (const file of pureModules) {
      const text = sources.find((source) => source.file === file)?.text ?? '';
      const runtimeImports = text.match(/^import\s+(?!type\b)[^;]*from\s+'electron'/gm) ?? [];
      expect(`${file}: ${runtimeImports.length}`).toBe(`${file}: 0`);
      expect(text).not.toMatch(/require\(['"]electron['"]\)/);
    }
  });

  it('exposes nothing but the contract API from the preload', () => {
    const preload = sources.find((source) => source.file === 'preload.ts')?.text ?? '';
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).toMatch(/exposeInMainWorld\(preloadGlobalName, api\)/);
    expect(preload).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });

  it('imports nothing in the preload that a sandboxed renderer lacks (Electron and our pure modules only)', () => {
    // Electron's typings pull in Node's types, so the typechecker cannot catch this: the test does.
    for (const file of ['preload.ts', 'preload-bridge.ts']) {
      const text = sources.find((source) => source.file === file)?.text ?? '';
      const specifiers = [...text.matchAll(/^import\s[^;]*?from\s+'([^']+)'/gms)].map((match) => match[1]);
      expect(specifiers.length).toBeGreaterThan(0);
      for (const specifier of specifiers) {
        expect(`${file}: ${specifier}`).toMatch(/: (electron|\.\/[\w-]+\.js|\.\.\/\.\.\/src\/shared\/[\w/-]+\.js)$/);
      }
    }
  });
});
