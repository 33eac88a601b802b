import type { Bridge } from '../bridge/bridge.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { takeWithinBudget } from './frame-budget.js';
import { useObjectsStore } from './objects-store.js';

/** Runs a callback once, soon: on the next animation frame while the page is shown. */
export type FrameScheduler = (callback: () => void) => void;

/**
 * Animation frames while the page is visible; a timer while it is hidden, where browsers stop animation frames
 * and the queue would otherwise only grow.
 */
export const browserFrameScheduler: FrameScheduler = (callback) => {
  if (typeof document !== 'undefined' && document.visibilityState === 'hidden') setTimeout(callback, 250);
  else requestAnimationFrame(() => callback());
};

export interface ObjectStreamOptions {
  schedule?: FrameScheduler;
  apply?: (frames: readonly ObjectsDeltaFrame[]) => void;
  onError?: (error: { code: string; message: string }) => void;
  /**
   * Most entries (objects added, changed or removed) applied in one animation frame. A pool arriving whole — a
   * snapshot of 100,000 objects, or a big pool loading while this page was busy — fills in over several frames
   * instead of one frame of half a second.
   */
  maxEntriesPerFrame?: number;
}

/**
 * Keeps the objects store fed: asks for the object stream every time the bridge (re)connects — the server then
 * sends a reset snapshot — and applies what arrived as one store update per animation frame, at most
 * `maxEntriesPerFrame` entries of it: the rest waits for the next frame, so the page stays responsive while a pool
 * fills in.
 */
export function startObjectStream(bridge: Bridge, options: ObjectStreamOptions = {}): () => void {
  const schedule = options.schedule ?? browserFrameScheduler;
  const apply = options.apply ?? ((frames) => useObjectsStore.getState().applyBatch(frames));
  const budget = options.maxEntriesPerFrame ?? 5000;
  let queue: ObjectsDeltaFrame[] = [];
  let scheduled = false;
  let stopped = false;

  const flush = () => {
    scheduled = false;
    if (stopped || queue.length === 0) return;
    const frames = takeWithinBudget(queue, budget);
    if (queue.length > 0) requestFlush();
    apply(frames);
  };
  const requestFlush = () => {
    if (scheduled) return;
    scheduled = true;
    schedule(flush);
  };
  const offDelta = bridge.subscribe('objects.delta', (frame) => {
    // A reset makes everything queued before it moot: the queue never outgrows one snapshot plus its tail.
    if (frame.reset) queue = [];
    queue.push(frame);
    requestFlush();
  });
  const offConnection = bridge.onConnectionChange((connected) => {
    if (!connected) return;
    void bridge.call('objects.subscribe', {}).then((result) => {
      if (!result.ok) options.onError?.(result.error);
    });
  });
  return () => {
    stopped = true;
    offDelta();
    offConnection();
  };
}
