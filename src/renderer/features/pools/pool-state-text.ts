import type { PoolState, PoolSummary } from '../../../shared/api/pool-schema.js';

export type StateTone = 'ok' | 'busy' | 'bad' | 'idle';

const count = (value: number) => value.toLocaleString('en');

/** "Loading 3,214 of 10,000 VMs…" for what is still arriving (the total left out when the pool did not say it). */
function loadingText(vms: number, total: number | null): string {
  return total === null ? `Loading ${count(vms)} VMs…` : `Loading ${count(Math.min(vms, total))} of ${count(total)} VMs…`;
}

/** A pool's connection state as a short sentence for the tree, with a tone for its colour. */
export function describePoolState(pool: Pick<PoolSummary, 'state' | 'nextRetryAt' | 'error'> & Partial<Pick<PoolSummary, 'loading'>>, nowMs: number): { text: string; tone: StateTone } {
  switch (pool.state) {
    case 'connected':
      return pool.loading ? { text: loadingText(pool.loading.vms, pool.loading.vmsTotal), tone: 'ok' } : { text: 'Connected', tone: 'ok' };
    case 'connecting':
      return { text: pool.loading ? loadingText(pool.loading.vms, pool.loading.vmsTotal) : 'Connecting…', tone: 'busy' };
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

/**
 * The status bar's loading line while the objects of any pool are still arriving — "Loading 3,214 of 10,000
 * VMs…", summed over every pool loading — or null when none is.
 */
export function describeLoading(pools: Iterable<Partial<Pick<PoolSummary, 'loading'>>>): string | null {
  let loading = false;
  let vms = 0;
  let total: number | null = 0;
  for (const pool of pools) {
    if (!pool.loading) continue;
    loading = true;
    vms += pool.loading.vms;
    total = total === null || pool.loading.vmsTotal === null ? null : total + pool.loading.vmsTotal;
  }
  return loading ? loadingText(vms, total) : null;
}
