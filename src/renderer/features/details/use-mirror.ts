import { useCallback, useEffect, useRef, useState } from 'react';
import { structurallyEqual } from '../../../shared/util/structurally-equal.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { useObjectsStore } from '../../store/objects-store.js';

/**
 * `next`, sharing what is unchanged with `previous`: the same value when equal, and for arrays each element that
 * is equal to the one at the same place. A list where one VM changed keeps the other rows' identities, so memoised
 * rows do not re-render and per-row caches (the Search filter's) stay warm.
 */
export function shareUnchanged<T>(previous: T, next: T): T {
  if (!Array.isArray(previous) || !Array.isArray(next)) return structurallyEqual(previous, next) ? previous : next;
  let reused = 0;
  const merged = next.map((item, i) => {
    if (i < previous.length && structurallyEqual(previous[i], item)) {
      reused++;
      return previous[i];
    }
    return item;
  });
  return (reused === next.length && next.length === previous.length ? previous : merged) as T;
}

/**
 * Data derived from the whole mirror, live: `derive` runs when the mirror changes, and the component re-renders
 * only when the result differs structurally (a tab about one VM ignores changes to the other 9,999).
 * `deps` are what `derive` closes over (the subject's id, the clock…).
 */
export function useMirror<T>(derive: (index: ObjectIndex) => T, deps: readonly unknown[]): T {
  const last = useRef<{ objects: ObjectIndex['objects']; derive: unknown; value: T } | null>(null);
  // `deps` are the caller's dependencies of `derive`: a new derive only when they change.
  const stableDerive = useCallback(derive, deps);
  const selector = useCallback(
    (state: ObjectIndex): T => {
      const cached = last.current;
      if (cached && cached.objects === state.objects && cached.derive === stableDerive) return cached.value;
      const next = stableDerive(state);
      const value = cached ? shareUnchanged(cached.value, next) : next;
      last.current = { objects: state.objects, derive: stableDerive, value };
      return value;
    },
    [stableDerive],
  );
  return useObjectsStore(selector);
}

/** The wall clock, refreshed every `periodMs` (uptimes and "time since" values tick with it). */
export function useNow(periodMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}
