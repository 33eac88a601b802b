/**
 * `rrd_updates` (xcp-rrdd rrd_updates.ml): the rows of one archive from `start` to now, newest first, for the host
 * (with host=true) and the VMs resident on it, in rrdtool-xport XML or JSON (values as strings, `%0.15g`).
 */
import type { Engine } from '../api/engine.js';
import { hostMetrics, residentVms, rowValue, vmMetrics, type MetricOwner } from './data-sources.js';
import { chooseRra, rowTimes, type ConsolidationFn } from './rra-layout.js';
import { formatRrdValue } from './value-format.js';

export interface RrdUpdatesQuery {
  /** Epoch seconds; negative = relative to now. */
  start: number;
  cf: ConsolidationFn;
  /** Wanted step in seconds (0 = finest). */
  interval: number;
  host: boolean;
  /** Restrict to these VM uuids (empty = every resident VM). */
  vmUuids: string[];
}

export interface Xport {
  start: number;
  step: number;
  end: number;
  legend: string[];
  rows: { t: number; values: number[] }[];
}

export function computeRrdUpdates(engine: Engine, hostRef: string, q: RrdUpdatesQuery, now = Date.now() / 1000): Xport {
  const start = q.start < 0 ? now + q.start : q.start;
  const rra = chooseRra(start, q.interval, now);
  const owners: MetricOwner[] = [];
  if (q.host) owners.push(hostMetrics(engine, hostRef));
  const wanted = new Set(q.vmUuids);
  for (const vm of residentVms(engine, hostRef)) {
    const owner = vmMetrics(engine, vm);
    if (wanted.size === 0 || wanted.has(owner.uuid)) owners.push(owner);
  }
  const legend: string[] = [];
  for (const o of owners) for (const ds of o.sources) legend.push(`${q.cf}:${o.kind}:${o.uuid}:${ds.name}`);
  const times = rowTimes(rra, start, now);
  const rows = times.map((t) => ({ t, values: owners.flatMap((o) => o.sources.map((ds) => rowValue(o, ds, t, rra.step, q.cf))) }));
  const end = times[0] ?? Math.floor(now / rra.step) * rra.step;
  return { start: times[times.length - 1] ?? Math.floor(start), step: rra.step, end, legend, rows };
}

const esc = (s: string): string => s.replace(/[<>&]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));

export function xportXml(x: Xport): string {
  const meta = `<meta><start>${x.start}</start><step>${x.step}</step><end>${x.end}</end><rows>${x.rows.length}</rows><columns>${x.legend.length}</columns><legend>${x.legend.map((l) => `<entry>${esc(l)}</entry>`).join('')}</legend></meta>`;
  const data = x.rows.map((r) => `<row><t>${r.t}</t>${r.values.map((v) => `<v>${formatRrdValue(v)}</v>`).join('')}</row>`).join('');
  return `<xport>${meta}<data>${data}</data></xport>`;
}

export function xportJson(x: Xport): string {
  return JSON.stringify({
    meta: { start: x.start, step: x.step, end: x.end, rows: x.rows.length, columns: x.legend.length, legend: x.legend },
    data: x.rows.map((r) => ({ t: r.t, values: r.values.map(formatRrdValue) })),
  });
}
