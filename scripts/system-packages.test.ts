import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { systemPackages } from './system-packages.mjs';

/** Tools every Debian machine with Node has (essential packages: coreutils, tar, gzip…) or the project provides. */
const baseTools = new Set([
  'tar', 'gzip', 'sh', 'bash', 'which', 'apt-get', 'npx', 'npm', 'node', 'git', 'kill',
  'mkdir', 'test', 'cp', 'mv', 'rm', 'cat', 'dd', 'truncate', 'head', 'tail', 'ls', 'ln', 'chmod', 'stat', 'du', 'df',
  'mktemp', 'sleep', 'sha256sum', 'sha1sum', 'md5sum', 'cmp',
]);
const roots = ['src', 'test', 'apps', 'e2e', 'scripts', 'bench'];
const skipDirs = new Set(['node_modules', 'dist']);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return skipDirs.has(name) ? [] : sourceFiles(path);
    return /\.(ts|tsx|mjs|js)$/.test(name) ? [path] : [];
  });
}

/** Every external command the code runs by name (`execFile('zstd', …)`) or by absolute path (`'/usr/bin/x'`). */
function commandsRun(): Map<string, string> {
  const found = new Map<string, string>();
  const byName = /\b(?:spawn|spawnSync|execFile|execFileSync|execFileAsync|run)\(\s*'([a-z0-9_-]+)'/g;
  const byPath = /'\/usr\/bin\/([a-z0-9_-]+)'/g;
  for (const file of roots.flatMap(sourceFiles)) {
    if (file.endsWith('system-packages.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    for (const match of [...text.matchAll(byName), ...text.matchAll(byPath)]) found.set(match[1]!, file);
  }
  return found;
}

describe('the system package list (one list for npm test and .ci/run)', () => {
  it('covers every external tool the code and tests run', () => {
    const provided = new Set(Object.values(systemPackages).map((marker) => basename(marker)));
    const missing = [...commandsRun()]
      .filter(([tool]) => !baseTools.has(tool) && !provided.has(tool))
      .map(([tool, file]) => `${tool} (run by ${file})`);
    expect(missing).toEqual([]);
  });

  it('is the list .ci/run installs, not a copy of it', () => {
    const ci = readFileSync('.ci/run', 'utf8');
    expect(ci).toContain('node scripts/system-packages.mjs --install');
    expect(ci).not.toMatch(/apt-get install/);
  });

  it('includes what the keychain tests need (secret-tool, dbus-launch)', () => {
    expect(systemPackages['libsecret-tools']).toBe('/usr/bin/secret-tool');
    expect(systemPackages['dbus-x11']).toBe('/usr/bin/dbus-launch');
  });
});
