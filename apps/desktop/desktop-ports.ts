import { app } from 'electron';
import type { Logger } from '../../src/main/logging/logger.js';
import type { ServerPorts } from '../../src/main/ports.js';
import { chooseSecretStore } from '../../src/main/secrets/choose-secret-store.js';

/** The server's host-specific parts inside Electron: the OS keychain (or session-only, said out loud) and userData. */
export async function desktopPorts(logger: Logger, notify: (message: string) => void): Promise<ServerPorts> {
  return {
    secrets: await chooseSecretStore(logger, notify),
    paths: { dataDir: app.getPath('userData') },
    logger,
    host: { mode: 'desktop', version: app.getVersion(), electron: process.versions.electron ?? null },
  };
}
