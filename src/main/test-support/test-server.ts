import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../logging/logger.js';
import { createSessionSecretStore } from '../secrets/secret-store.js';
import { createServer, type XenithServer } from '../server.js';

/** A real server on a throwaway data directory, for tests. */
export function createTestServer(): { server: XenithServer; dataDir: string } {
  const dataDir = mkdtempSync(join(tmpdir(), 'xenith-test-'));
  const server = createServer({
    secrets: createSessionSecretStore(),
    paths: { dataDir },
    logger: silentLogger,
    host: { mode: 'serve', version: '9.9.9-test', electron: null },
  });
  return { server, dataDir };
}
