import { homedir } from 'node:os';
import { join } from 'node:path';

/** The per-user directory for Xenith's settings, following each platform's convention. */
export function defaultDataDir(): string {
  if (process.env.XENITH_DATA_DIR) return process.env.XENITH_DATA_DIR;
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Xenith');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'Xenith');
  return join(process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'xenith');
}
