import type { ApiError } from '../../shared/api/errors.js';
import type { PoolLoading, PoolState } from '../../shared/api/pool-schema.js';

/** The live part of a pool's summary. */
export interface ConnectionStatus {
  state: PoolState;
  masterAddress: string | null;
  nextRetryAt: string | null;
  error: ApiError | null;
  /** While the pool's objects are still arriving: how far (see PoolLoading). */
  loading?: PoolLoading | null;
}

export const disconnectedStatus: ConnectionStatus = { state: 'disconnected', masterAddress: null, nextRetryAt: null, error: null };
