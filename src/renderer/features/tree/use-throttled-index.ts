import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { useObjectsStore } from '../../store/objects-store.js';

const indexOf = (state: ObjectIndex): ObjectIndex => ({ objects: state.objects, idsByType: state.idsByType });

/**
 * Calls `show` with the store's index now, then for each change: at once when `intervalMs()` is 0 or after a quiet
 * spell that long, otherwise once that long after the last call (the last change always follows). Returns the
 * unsubscribe.
 */
export function followThrottled(store: Pick<StoreApi<ObjectIndex>, 'getState' | 'subscribe'>, intervalMs: () => number, show: (index: ObjectIndex) => void): () => void {
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
    const wait = shownAt + intervalMs() - performance.now();
    if (wait <= 0) showNow();
    else timer = setTimeout(showNow, wait);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}

/** Below this cost a rebuild of the tree's shape fits in a frame beside everything else: no need to wait. */
const cheapRebuildMs = 4;
/** The longest the tree's shape trails the store: five updates a second while a big pool keeps changing. */
const longestIntervalMs = 200;

/**
 * How long the tree's shape may trail the store, from what its last rebuild cost: none for a cheap rebuild (a
 * small pool's tree follows every change at once, as a person expects), else ten times the cost, so rebuilding
 * takes at most about a tenth of the time, and never more than 200 ms.
 */
export function treeFollowInterval(lastRebuildMs: number): number {
  return lastRebuildMs < cheapRebuildMs ? 0 : Math.min(longestIntervalMs, lastRebuildMs * 10);
}

/**
 * The objects store as the tree reads it, through followThrottled: a pool loading applies a batch every animation
 * frame, and rebuilding the tree's shape from 100,000 objects after each of them made those frames long. Passed
 * on from the store's listener, a throttled render also runs in a task of its own, after the frame that applied
 * the batch. Rows read their own objects live, so icons and states still change at once. `rebuildCost.current`
 * is what the caller's last rebuild of the shape took, in ms.
 */
export function useThrottledObjectIndex(rebuildCost: { readonly current: number }): ObjectIndex {
  const [index, setIndex] = useState<ObjectIndex>(() => indexOf(useObjectsStore.getState()));
  useEffect(
    () =>
      followThrottled(
        useObjectsStore,
        () => treeFollowInterval(rebuildCost.current),
        (next) => setIndex((shown) => (shown.objects === next.objects && shown.idsByType === next.idsByType ? shown : next)),
      ),
    [rebuildCost],
  );
  return index;
}
