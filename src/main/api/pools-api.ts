import type { PoolManager } from '../pools/pool-manager.js';
import type { ObjectStream } from '../stream/object-stream.js';
import type { TrustBroker } from '../trust/trust-broker.js';
import type { PartialImplementation } from './implementation.js';

type PoolMethods =
  | 'pool.add'
  | 'pool.connect'
  | 'pool.disconnect'
  | 'pool.forget'
  | 'pool.list'
  | 'pool.reconnectAs'
  | 'trust.decide'
  | 'trust.pending'
  | 'objects.subscribe';

/** The pool, trust and object-stream calls. */
export function createPoolsApi(pools: PoolManager, broker: TrustBroker, stream: ObjectStream): PartialImplementation<PoolMethods> {
  return {
    'pool.add': async (input) => pools.add(input),
    'pool.connect': async ({ poolId }) => pools.connect(poolId),
    'pool.disconnect': async ({ poolId }) => pools.disconnect(poolId),
    'pool.forget': async ({ poolId }) => ({ forgotten: await pools.forget(poolId) }),
    'pool.list': async () => pools.list(),
    'pool.reconnectAs': async ({ poolId, user, password }) => pools.reconnectAs(poolId, user, password),
    'trust.decide': async ({ requestId, accept }) => ({ decided: broker.decide(requestId, accept) }),
    'trust.pending': async () => broker.pending(),
    'objects.subscribe': async (_input, { clientId }) => ({ objects: stream.subscribe(clientId) }),
  };
}
