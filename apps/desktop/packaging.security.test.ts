import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);

/** electron-builder.yml as electron-builder reads it (its own YAML parser and schema validator). */
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, unknown>;

describe('electron-builder.yml (SECURITY-CRITICAL)', () => {
  it('is valid against electron-builder’s own schema', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util/out/DebugLogger.js') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('flips the fuses the security checklist asks for', () => {
    expect(config['electronFuses']).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(config['asar']).toBe(true);
  });

  it('packages the built app only, starting at the bundled main process', () => {
    expect(config['extraMetadata']).toEqual({ main: 'dist/desktop/main.cjs' });
    expect(config['files']).toEqual(['dist/**', '!dist/**/*.map', 'package.json']);
    expect(config['productName']).toBe('Xenith');
  });

  it('targets AppImage and deb, dmg, and nsis', () => {
    const target = (platform: string) => (config[platform] as { target: string[] }).target;
    expect(target('linux')).toEqual(['AppImage', 'deb']);
    expect(target('mac')).toEqual(['dmg']);
    expect(target('win')).toEqual(['nsis']);
  });
});
