import type { Logger } from './logging/logger.js';
import type { SecretStore } from './secrets/secret-store.js';

/** Where the server keeps its files. */
export interface ServerPaths {
  /** Directory for settings and other state. */
  readonly dataDir: string;
}

/** What hosts the server: Electron's main process or the headless serve command. */
export interface HostInfo {
  readonly mode: 'desktop' | 'serve';
  readonly version: string;
  /** Electron's version when running inside Electron, otherwise null. */
  readonly electron: string | null;
}

/** The host-specific parts handed to the composition root, so the server itself stays host-agnostic. */
export interface ServerPorts {
  readonly secrets: SecretStore;
  readonly paths: ServerPaths;
  readonly logger: Logger;
  readonly host: HostInfo;
}
