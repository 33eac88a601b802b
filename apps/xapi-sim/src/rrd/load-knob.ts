/**
 * The control port's "load" knob: a piecewise-constant load level in [0, 1] over time, for the whole pool, a host
 * or a VM (the most specific setting wins). Kept as a timeline so history stays consistent after a change.
 */
import type { Engine } from '../api/engine.js';

export const DEFAULT_LOAD = 0.25;

interface Setting { at: number; target: string; value: number }

const timelines = new WeakMap<Engine, Setting[]>();

/** Sets the load of `target` (a host or VM ref, '' for the pool) from time `at` (epoch s) on. */
export function setLoad(engine: Engine, target: string, value: number, at = Date.now() / 1000): void {
  const list = timelines.get(engine) ?? [];
  list.push({ at, target, value: Math.max(0, Math.min(1, value)) });
  timelines.set(engine, list);
}

/** The load level at time `t` for the first of `targets` (most specific first) that has a setting, else the pool's. */
export function loadAt(engine: Engine, targets: string[], t: number): number {
  const list = timelines.get(engine) ?? [];
  for (const target of [...targets, '']) {
    let found: number | undefined;
    for (const s of list) if (s.target === target && s.at <= t) found = s.value;
    if (found !== undefined) return found;
  }
  return DEFAULT_LOAD;
}

/** Current settings, for the control port. */
export function loadSettings(engine: Engine): Setting[] {
  return [...(timelines.get(engine) ?? [])];
}
