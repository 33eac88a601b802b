import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { useObjectsStore } from '../../store/objects-store.js';

const indexOf = (state: ObjectIndex): ObjectIndex => ({ objects: state.objects, idsByType: state.idsByType });

/**
 * Calls `show` with the store's index now, then for each change: at once after a quiet spell of `intervalMs`,
 * otherwise once that long after the last call (the last change always follows). Returns the unsubscribe.
 */
export function followThrottled(store: Pick<StoreApi<ObjectIndex>, 'getState' | 'subscribe'>, intervalMs: number, show: (index: ObjectIndex) => void): () => void {
  let shownAt = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const showNow = () => {
    timer = null;
    shownAt = performance.now();
    show(indexOf(store.getState()));
  };
  showNow();
  const unsubscribe = store.subscribe((state, previous) => {
    if ((state.objects === previous.objects && state.idsByType === previous.idsByType) || timer) return;
    const wait = shownAt + intervalMs - performance.now();
    if (wait <= 0) showNow();
    else timer = setTimeout(showNow, wait);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/**
 * The objects store as the tree reads it, through followThrottled: a pool loading applies a batch every animation
 * frame, and rebuilding the tree's shape from 100,000 objects after each of them made those frames long. Passed
 * on from the store's listener, the tree's render also runs in a task of its own, after the frame that applied
 * the batch. Rows read their own objects live, so icons and states still change at once.
 */
export function useThrottledObjectIndex(intervalMs = 200): ObjectIndex {
  const [index, setIndex] = useState<ObjectIndex>(() => indexOf(useObjectsStore.getState()));
  useEffect(
    () =>
      followThrottled(useObjectsStore, intervalMs, (next) =>
        setIndex((shown) => (shown.objects === next.objects && shown.idsByType === next.idsByType ? shown : next)),
      ),
    [intervalMs],
  );
  return index;
}
