import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isAtLeast, minimumNodeVersion } from './node-version-guard.js';

describe('node version guard', () => {
  it('matches package.json engines', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { engines: { node: string } };
    expect(pkg.engines.node).toBe(`>=${minimumNodeVersion.replace(/\.0$/, '')}`);
  });

  it('compares versions numerically', () => {
    expect(isAtLeast('22.19.0', '22.19.0')).toBe(true);
    expect(isAtLeast('22.9.0', '22.19.0')).toBe(false);
    expect(isAtLeast('24.1.0', '22.19.0')).toBe(true);
    expect(isAtLeast('20.20.2', '22.19.0')).toBe(false);
  });

  it('runs on this Node (the tests run on the Node 24 Electron ships)', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
  });

  it('stops an older Node with one clear sentence', () => {
    // Simulate an older Node by overriding process.versions before the guard is evaluated.
    const script =
      "Object.defineProperty(process.versions, 'node', { value: '20.20.2' });" +
      "await import('./src/main/cli/node-version-guard.ts');";
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('xenith serve needs Node 22.19.0 or newer; this is Node 20.20.2');
  });
});
