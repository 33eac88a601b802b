import type { PoolState, PoolSummary } from '../../../shared/api/pool-schema.js';

export type StateTone = 'ok' | 'busy' | 'bad' | 'idle';

/** A pool's connection state as a short sentence for the tree, with a tone for its colour. */
export function describePoolState(pool: Pick<PoolSummary, 'state' | 'nextRetryAt' | 'error'>, nowMs: number): { text: string; tone: StateTone } {
  switch (pool.state) {
    case 'connected':
      return { text: 'Connected', tone: 'ok' };
    case 'connecting':
      return { text: 'Connecting…', tone: 'busy' };
    case 'reconnecting': {
      const at = pool.nextRetryAt ? Date.parse(pool.nextRetryAt) : Number.NaN;
      const seconds = Math.ceil((at - nowMs) / 1000);
      return { text: Number.isFinite(seconds) && seconds > 0 ? `Reconnecting, next try in ${seconds} s` : 'Reconnecting…', tone: 'busy' };
    }
    case 'disconnected':
      return { text: 'Disconnected', tone: 'idle' };
    case 'error':
      return { text: pool.error?.message ?? 'The connection failed.', tone: 'bad' };
  }
}

const summaryOrder: readonly [PoolState, string][] = [
  ['connected', 'connected'],
  ['connecting', 'connecting'],
  ['reconnecting', 'reconnecting'],
  ['disconnected', 'disconnected'],
  ['error', 'failed'],
];

/** The status bar's line: "2 pools: 1 connected, 1 reconnecting". */
export function summarizePools(pools: Iterable<Pick<PoolSummary, 'state'>>): string {
  const counts = new Map<PoolState, number>();
  let total = 0;
  for (const pool of pools) {
    counts.set(pool.state, (counts.get(pool.state) ?? 0) + 1);
    total++;
  }
  if (total === 0) return 'No pools';
  const parts = summaryOrder.filter(([state]) => counts.has(state)).map(([state, word]) => `${counts.get(state)} ${word}`);
  return `${total} ${total === 1 ? 'pool' : 'pools'}: ${parts.join(', ')}`;
}
