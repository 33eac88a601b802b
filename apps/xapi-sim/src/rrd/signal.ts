/**
 * Deterministic metric signals: every value is a function of (identity, data source, time, step), so any archive
 * row can be computed on demand — no background sampling. Slow waves with identity-derived phases plus per-step
 * noise whose amplitude shrinks for coarser steps (averaging), the way real consolidated archives look.
 */
import { createHash } from 'node:crypto';

/** A stable number in [0, 1) from the given parts. */
export function unitHash(...parts: (string | number)[]): number {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  return h.readUInt32BE(0) / 2 ** 32;
}

/** A smooth wave in [0, 1] (periods from 10 min to a day), phase-shifted by `key`. */
export function wave(key: string, t: number): number {
  const p1 = unitHash(key, 'p1') * 2 * Math.PI;
  const p2 = unitHash(key, 'p2') * 2 * Math.PI;
  const p3 = unitHash(key, 'p3') * 2 * Math.PI;
  const v = 0.5 * Math.sin((2 * Math.PI * t) / 86_400 + p1) + 0.3 * Math.sin((2 * Math.PI * t) / 3_600 + p2) + 0.2 * Math.sin((2 * Math.PI * t) / 600 + p3);
  return (v + 1) / 2;
}

/** Noise in [-1, 1] for the step containing `t`, damped for coarse steps (an average of many 5 s samples). */
export function noise(key: string, t: number, step: number): number {
  const raw = unitHash(key, Math.floor(t / step), step) * 2 - 1;
  return raw * Math.sqrt(5 / step);
}

/** AVERAGE / MIN / MAX / LAST of a signal around its mean for one row. */
export function consolidate(cf: string, mean: number, spread: number, lastSample: number): number {
  if (cf === 'MIN') return mean - spread;
  if (cf === 'MAX') return mean + spread;
  if (cf === 'LAST') return lastSample;
  return mean;
}
