/**
 * When each host was down (`host_metrics.live` false: killed from the control port, shut down, rebooting), so its
 * archives and those of the VMs it ran hold unknown (NaN) rows for that time, as xcp-rrdd's do: nobody sampled them.
 */
import type { Engine } from '../api/engine.js';

interface Downtime { from: number; to: number }

const downtimes = new WeakMap<Engine, Map<string, Downtime[]>>();

function hostOfMetrics(engine: Engine, metricsRef: string): string | undefined {
  for (const row of engine.store.rows('host')) if (row.record.metrics === metricsRef) return row.ref;
  return undefined;
}

/** Follows `host_metrics.live` from now on; called once per engine. */
export function trackHostDowntime(engine: Engine): void {
  const byHost = new Map<string, Downtime[]>();
  downtimes.set(engine, byHost);
  engine.store.onChange((c) => {
    if (c.cls !== 'host_metrics' || c.op === 'del') return;
    const live = engine.store.row('host_metrics', c.ref)?.record.live;
    const host = hostOfMetrics(engine, c.ref);
    if (!host || typeof live !== 'boolean') return;
    const list = byHost.get(host) ?? [];
    const open = list.at(-1);
    const now = Date.now() / 1000;
    if (!live && (!open || open.to !== Infinity)) list.push({ from: now, to: Infinity });
    if (live && open && open.to === Infinity) open.to = now;
    byHost.set(host, list);
  });
}

/**
 * Whether the row ending at `t` (epoch s) of an archive of `step` seconds is unknown for this host: more than half
 * of its interval fell in downtime (xcp-rrdd's xff of 0.5).
 */
export function rowDuringDowntime(engine: Engine, hostRef: string, t: number, step: number): boolean {
  const list = downtimes.get(engine)?.get(hostRef);
  if (!list) return false;
  const from = t - step;
  let down = 0;
  for (const d of list) down += Math.max(0, Math.min(t, d.to) - Math.max(from, d.from));
  return down > step / 2;
}
