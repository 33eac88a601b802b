import type { ActionDeps } from '../actions/action-context.js';
import type { StatsCache } from '../stats/stats-cache.js';
import { saveGraphLayout } from '../stats/graph-layout.js';
import type { PartialImplementation } from './implementation.js';

/** Metrics from the shared stats cache, and the Performance tab's saved graphs. */
export function createStatsApi(cache: StatsCache, deps: ActionDeps): PartialImplementation<'stats.query' | 'stats.unwatch' | 'stats.saveLayout' | 'stats.overview'> {
  return {
    'stats.query': async (input, { clientId }) => ({ series: await cache.query(clientId, input) }),
    'stats.overview': async (input, { clientId }) => cache.overview(clientId, input),
    'stats.unwatch': async ({ watchId }, { clientId }) => ({ stopped: cache.unwatch(clientId, watchId) }),
    'stats.saveLayout': async ({ objectId, graphs }) => {
      await saveGraphLayout(deps, objectId, graphs);
      return { saved: true };
    },
  };
}
