import path from 'node:path';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { missingDisplayReason, resolveElectronBinary } from './electron-binary.mjs';

describe('resolveElectronBinary', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A fake node_modules/electron on disk: package.json, and optionally path.txt and the binary. */
  function electronPackage({ pathTxt, binary }: { pathTxt?: string; binary?: boolean }): string {
    const dir = mkdtempSync(path.join(tmpdir(), 'xenith-electron-'));
    dirs.push(dir);
    writeFileSync(path.join(dir, 'package.json'), '{"name":"electron"}');
    if (pathTxt !== undefined) writeFileSync(path.join(dir, 'path.txt'), pathTxt);
    if (binary && pathTxt) {
      mkdirSync(path.join(dir, 'dist'), { recursive: true });
      writeFileSync(path.join(dir, 'dist', pathTxt), '');
    }
    return dir;
  }

  it('finds the binary named by path.txt', () => {
    const dir = electronPackage({ pathTxt: 'electron', binary: true });
    expect(resolveElectronBinary({ electronDir: dir, env: {} })).toEqual({
      available: true,
      path: path.join(dir, 'dist', 'electron'),
    });
  });

  it('reports a missing path.txt (the download never ran) without trying to download', () => {
    const dir = electronPackage({});
    const result = resolveElectronBinary({ electronDir: dir, env: {} });
    expect(result).toMatchObject({ available: false, reason: expect.stringMatching(/binary not installed.*path\.txt/) });
  });

  it('reports a path.txt whose binary is missing', () => {
    const dir = electronPackage({ pathTxt: 'electron', binary: false });
    expect(resolveElectronBinary({ electronDir: dir, env: {} })).toMatchObject({
      available: false,
      reason: expect.stringContaining(path.join(dir, 'dist', 'electron')),
    });
  });

  it('honours ELECTRON_OVERRIDE_DIST_PATH like the electron package does', () => {
    const dir = electronPackage({ pathTxt: 'electron', binary: false });
    const override = mkdtempSync(path.join(tmpdir(), 'xenith-electron-dist-'));
    dirs.push(override);
    writeFileSync(path.join(override, 'electron'), '');
    expect(resolveElectronBinary({ electronDir: dir, env: { ELECTRON_OVERRIDE_DIST_PATH: override } })).toEqual({
      available: true,
      path: path.join(override, 'electron'),
    });
  });

  it('reports an electron package that is not installed at all', () => {
    expect(resolveElectronBinary({ electronDir: path.join(tmpdir(), 'no-such-electron-dir'), env: {} })).toMatchObject({
      available: false,
      reason: expect.stringMatching(/not installed/),
    });
  });
});

describe('missingDisplayReason', () => {
  it('needs DISPLAY or WAYLAND_DISPLAY on Linux only', () => {
    expect(missingDisplayReason({ platform: 'linux', env: {} })).toMatch(/no display/);
    expect(missingDisplayReason({ platform: 'linux', env: { DISPLAY: ':99' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'linux', env: { WAYLAND_DISPLAY: 'wayland-0' } })).toBeNull();
    expect(missingDisplayReason({ platform: 'darwin', env: {} })).toBeNull();
  });
});
