/** How many `/rrd_updates` requests each host served, by the archive step it answered from (for the control port). */
import type { Engine } from '../api/engine.js';

const counts = new WeakMap<Engine, Map<string, Map<number, number>>>();

/** Counts one request answered by `hostRef` from its `step`-second archive. */
export function countRrdUpdatesRequest(engine: Engine, hostRef: string, step: number): void {
  const byHost = counts.get(engine) ?? new Map<string, Map<number, number>>();
  counts.set(engine, byHost);
  const bySteps = byHost.get(hostRef) ?? new Map<number, number>();
  byHost.set(hostRef, bySteps);
  bySteps.set(step, (bySteps.get(step) ?? 0) + 1);
}

/** `{total, byHost: {<host ref>: {<step>: n}}}` since the pool started. */
export function rrdUpdatesRequests(engine: Engine): { total: number; byHost: Record<string, Record<string, number>> } {
  let total = 0;
  const byHost: Record<string, Record<string, number>> = {};
  for (const [host, bySteps] of counts.get(engine) ?? []) {
    byHost[host] = {};
    for (const [step, n] of bySteps) {
      byHost[host][String(step)] = n;
      total += n;
    }
  }
  return { total, byHost };
}
