import { app } from 'electron';
import type { Logger } from '../../src/main/logging/logger.js';
import type { ServerPorts } from '../../src/main/ports.js';
import { createSessionSecretStore } from '../../src/main/secrets/secret-store.js';

/**
 * The server's host-specific parts inside Electron. Secrets stay in memory for now: the OS keychain
 * adapter arrives with the issue that saves pools.
 */
export function desktopPorts(logger: Logger): ServerPorts {
  return {
    secrets: createSessionSecretStore(),
    paths: { dataDir: app.getPath('userData') },
    logger,
    host: { mode: 'desktop', version: app.getVersion(), electron: process.versions.electron ?? null },
  };
}
