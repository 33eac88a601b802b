// @ts-check
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Finds the Electron executable the way the `electron` package would, without ever triggering its lazy
 * download (requiring 'electron' from plain Node downloads the binary when it is missing; offline that fails
 * or hangs). Used by scripts/start.mjs and the Playwright `_electron` spec.
 *
 * @param {{ electronDir: string, env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform, exists?: (file: string) => boolean, readText?: (file: string) => string }} options
 * @returns {{ available: true, path: string } | { available: false, reason: string }}
 */
export function resolveElectronBinary({
  electronDir,
  env = process.env,
  platform = process.platform,
  exists = existsSync,
  readText = (file) => readFileSync(file, 'utf8'),
}) {
  if (!exists(path.join(electronDir, 'package.json'))) {
    return { available: false, reason: `the electron package is not installed (${electronDir})` };
  }
  const pathFile = path.join(electronDir, 'path.txt');
  const relative = exists(pathFile) ? readText(pathFile).trim() : '';
  const override = env['ELECTRON_OVERRIDE_DIST_PATH'];
  if (override) {
    const overridden = path.join(override, relative || (platform === 'win32' ? 'electron.exe' : 'electron'));
    return exists(overridden)
      ? { available: true, path: overridden }
      : { available: false, reason: `binary not installed: ${overridden} (from ELECTRON_OVERRIDE_DIST_PATH) is missing` };
  }
  if (!relative) {
    return {
      available: false,
      reason: `binary not installed: ${pathFile} is missing, the Electron download never completed`,
    };
  }
  const binary = path.join(electronDir, 'dist', relative);
  return exists(binary) ? { available: true, path: binary } : { available: false, reason: `binary not installed: ${binary} is missing` };
}

/**
 * Why Electron cannot open a window on this machine even with its binary present, or null when it can:
 * on Linux a window needs an X11 or Wayland display.
 *
 * @param {{ env?: NodeJS.ProcessEnv, platform?: NodeJS.Platform }} [options]
 * @returns {string | null}
 */
export function missingDisplayReason({ env = process.env, platform = process.platform } = {}) {
  if (platform !== 'linux') return null;
  if (env['DISPLAY'] || env['WAYLAND_DISPLAY']) return null;
  return 'no display: neither DISPLAY nor WAYLAND_DISPLAY is set';
}
