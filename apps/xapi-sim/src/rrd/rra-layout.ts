/** The round-robin archives xcp-rrdd keeps for every host and VM: 5 s × 120, 60 s × 120, 1 h × 168, 1 day × 366. */

export const BASE_STEP_S = 5;

export interface RraSpec { step: number; rows: number }

export const RRAS: readonly RraSpec[] = [
  { step: 5, rows: 120 },
  { step: 60, rows: 120 },
  { step: 3600, rows: 168 },
  { step: 86400, rows: 366 },
];

export type ConsolidationFn = 'AVERAGE' | 'MIN' | 'MAX' | 'LAST';
export const CONSOLIDATION_FNS: readonly ConsolidationFn[] = ['AVERAGE', 'MIN', 'MAX', 'LAST'];

/**
 * The archive rrd_updates reads (rrd_updates.ml): among those whose step is at least `interval`, the finest that
 * still reaches back to `start`; when none does, the coarsest.
 */
export function chooseRra(start: number, interval: number, now: number): RraSpec {
  const candidates = RRAS.filter((r) => r.step >= interval);
  const pool = candidates.length > 0 ? candidates : [RRAS[RRAS.length - 1]!];
  // Reaches back: its oldest row is no more than one step after `start`.
  return pool.find((r) => Math.floor(now / r.step) * r.step - (r.rows - 1) * r.step <= start + r.step) ?? pool[pool.length - 1]!;
}

/** Row timestamps newest first: the last completed step back to `start` (inclusive), at most `rra.rows`. */
export function rowTimes(rra: RraSpec, start: number, now: number): number[] {
  const end = Math.floor(now / rra.step) * rra.step;
  const out: number[] = [];
  for (let t = end; t >= start && out.length < rra.rows; t -= rra.step) out.push(t);
  return out;
}
