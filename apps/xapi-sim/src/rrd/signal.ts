/**
 * Deterministic metric signals: every value is a function of (identity, data source, time, step), so any archive
 * row can be computed on demand — no background sampling. Slow waves with identity-derived phases plus per-step
 * noise whose amplitude shrinks for coarser steps (averaging), the way real consolidated archives look.
 */
/**
 * A stable number in [0, 1) from the given parts: FNV-1a over their text with a final avalanche (murmur3's fmix32).
 * Not cryptographic, only well spread and fast: an rrd_updates answer for a busy host computes millions of them.
 */
export function unitHash(...parts: (string | number)[]): number {
  const text = parts.join('\u0000');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}

/** The three phases of a key's wave, computed once per key. */
const phases = new Map<string, [number, number, number]>();

function phasesOf(key: string): [number, number, number] {
  let found = phases.get(key);
  if (!found) {
    found = [unitHash(key, 'p1') * 2 * Math.PI, unitHash(key, 'p2') * 2 * Math.PI, unitHash(key, 'p3') * 2 * Math.PI];
    // Keys are per data source of each VM and host: bounded by the pool's size.
    if (phases.size > 1_000_000) phases.clear();
    phases.set(key, found);
  }
  return found;
}

/** A smooth wave in [0, 1] (periods from 10 min to a day), phase-shifted by `key`. */
export function wave(key: string, t: number): number {
  const [p1, p2, p3] = phasesOf(key);
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
