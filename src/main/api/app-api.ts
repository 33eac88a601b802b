import type { HostInfo } from '../ports.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { PartialImplementation } from './implementation.js';

/** app.version and app.health. */
export function createAppApi(
  host: HostInfo,
  poolCounts: () => { total: number; connected: number },
  secrets: SecretStore,
): PartialImplementation<'app.version' | 'app.health'> {
  const startedAt = Date.now();
  return {
    async 'app.version'() {
      return {
        version: host.version,
        mode: host.mode,
        node: process.versions.node,
        electron: host.electron,
        platform: process.platform,
      };
    },
    async 'app.health'() {
      const pools = poolCounts();
      return {
        status: pools.connected < pools.total ? 'degraded' : 'ok',
        uptimeSeconds: (Date.now() - startedAt) / 1000,
        rssBytes: process.memoryUsage().rss,
        pools,
        secrets: { store: secrets.store, kind: secrets.kind, persistent: secrets.persistent },
      };
    },
  };
}
