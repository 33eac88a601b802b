import type { HostInfo } from '../ports.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { PartialImplementation } from './implementation.js';

/** app.version and app.health. */
export function createAppApi(
  host: HostInfo,
  poolCounts: () => { total: number; connected: number; failing: number },
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
      const { total, connected, failing } = poolCounts();
      return {
        // Degraded only by a pool that should be connected and is not; one disconnected on purpose is fine.
        status: failing > 0 ? 'degraded' : 'ok',
        uptimeSeconds: (Date.now() - startedAt) / 1000,
        rssBytes: process.memoryUsage().rss,
        pools: { total, connected },
        secrets: { store: secrets.store, kind: secrets.kind, persistent: secrets.persistent },
      };
    },
  };
}
