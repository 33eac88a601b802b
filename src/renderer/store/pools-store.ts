import { create } from 'zustand';
import type { PoolSummary, TrustRequest } from '../../shared/api/pool-schema.js';

/** Known pools with their live connection status, and the certificate questions waiting for the user. */
export interface PoolsState {
  /** By pool id, in the order the server listed or first announced them. */
  readonly pools: ReadonlyMap<string, PoolSummary>;
  /** Oldest first: the trust dialog shows the head of this list. */
  readonly trustRequests: readonly TrustRequest[];
  replacePools(list: readonly PoolSummary[]): void;
  upsertPool(pool: PoolSummary): void;
  removePool(poolId: string): void;
  replaceTrustRequests(list: readonly TrustRequest[]): void;
  addTrustRequest(request: TrustRequest): void;
  settleTrustRequest(requestId: string): void;
}

export const usePoolsStore = create<PoolsState>()((set) => ({
  pools: new Map(),
  trustRequests: [],
  replacePools: (list) => set({ pools: new Map(list.map((pool) => [pool.poolId, pool])) }),
  upsertPool: (pool) =>
    set((state) => {
      const pools = new Map(state.pools);
      pools.set(pool.poolId, pool);
      return { pools };
    }),
  removePool: (poolId) =>
    set((state) => {
      if (!state.pools.has(poolId)) return {};
      const pools = new Map(state.pools);
      pools.delete(poolId);
      return { pools };
    }),
  replaceTrustRequests: (list) => set({ trustRequests: [...list] }),
  addTrustRequest: (request) =>
    set((state) =>
      state.trustRequests.some((known) => known.requestId === request.requestId)
        ? {}
        : { trustRequests: [...state.trustRequests, request] },
    ),
  settleTrustRequest: (requestId) =>
    set((state) =>
      state.trustRequests.some((known) => known.requestId === requestId)
        ? { trustRequests: state.trustRequests.filter((known) => known.requestId !== requestId) }
        : {},
    ),
}));

/** The pool ids in list order (stable while no pool comes or goes; use with `useShallow`). */
export const selectPoolIds = (state: PoolsState): string[] => [...state.pools.keys()];

/** One pool's summary by id. */
export const selectPool =
  (poolId: string) =>
  (state: PoolsState): PoolSummary | undefined =>
    state.pools.get(poolId);

/** The certificate question to show now: the oldest one. */
export const selectOldestTrustRequest = (state: PoolsState): TrustRequest | undefined => state.trustRequests[0];
