import type { Bridge } from '../bridge/bridge.js';
import { usePoolsStore } from './pools-store.js';

/**
 * Keeps the pools store in step with the server: the full pool list and pending certificate questions on every
 * (re)connection, then the status, removal and trust events. Events and call results share one ordered channel,
 * so a list that arrives after an event is never older than that event.
 */
export function startPoolsSync(bridge: Bridge, onError?: (error: { code: string; message: string }) => void): () => void {
  const store = () => usePoolsStore.getState();
  const load = async () => {
    const [pools, trust] = await Promise.all([bridge.call('pool.list', {}), bridge.call('trust.pending', {})]);
    if (pools.ok) store().replacePools(pools.output);
    else onError?.(pools.error);
    if (trust.ok) store().replaceTrustRequests(trust.output);
    else onError?.(trust.error);
  };
  const offs = [
    bridge.onConnectionChange((connected) => {
      if (connected) void load();
    }),
    bridge.subscribe('pool.status', (pool) => store().upsertPool(pool)),
    bridge.subscribe('pool.removed', ({ poolId }) => store().removePool(poolId)),
    bridge.subscribe('trust.request', (request) => store().addTrustRequest(request)),
    bridge.subscribe('trust.settled', ({ requestId }) => store().settleTrustRequest(requestId)),
  ];
  return () => offs.forEach((off) => off());
}
