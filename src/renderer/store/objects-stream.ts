import type { Bridge } from '../bridge/bridge.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { frameSize, takeWithinBudget } from './frame-budget.js';
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
   * Most entries (objects added, changed or removed) applied in the first animation frame; then the budget follows
   * how long an update takes, aiming at `frameTargetMs`. A pool arriving whole — a snapshot of 100,000 objects, or
   * a big pool loading while this page was busy — fills in over several frames instead of one frame of half a
   * second, and in as few as the page can afford (each update copies the store once, whatever its size).
   */
  maxEntriesPerFrame?: number;
  /** How long one frame's store update and the render it causes should take at most (default 30 ms). */
  frameTargetMs?: number;
}

const minBudget = 1000;
const maxBudget = 50_000;

/**
 * Keeps the objects store fed: asks for the object stream every time the bridge (re)connects — the server then
 * sends a reset snapshot — and applies what arrived as one store update per animation frame, up to a budget of
 * entries that follows how long updates take: the rest waits for the next frame, so the page stays responsive
 * while a pool fills in.
 */
export function startObjectStream(bridge: Bridge, options: ObjectStreamOptions = {}): () => void {
  const schedule = options.schedule ?? browserFrameScheduler;
  const apply = options.apply ?? ((frames) => useObjectsStore.getState().applyBatch(frames));
  const targetMs = options.frameTargetMs ?? 30;
  let budget = options.maxEntriesPerFrame ?? 5000;
  let queue: ObjectsDeltaFrame[] = [];
  let scheduled = false;
  let stopped = false;

  /**
   * Sizes the next frame's budget from what this one cost: entries per millisecond, aimed at the target, growing at
   * most twofold and shrinking at most by half from one frame to the next (a burst of heavier records is met within
   * a frame or two, and one odd frame does not swing it far).
   */
  const adapt = (entries: number, took: number, moreWaiting: boolean) => {
    if (took <= targetMs && !moreWaiting) return;
    const fitting = Math.floor((entries * targetMs) / Math.max(took, 0.1));
    budget = Math.min(maxBudget, budget * 2, Math.max(minBudget, Math.floor(budget / 2), fitting));
  };
  const flush = () => {
    scheduled = false;
    if (stopped || queue.length === 0) return;
    const frames = takeWithinBudget(queue, budget);
    const capped = queue.length > 0;
    if (capped) requestFlush();
    const entries = frames.reduce((sum, frame) => sum + frameSize(frame), 0);
    const started = performance.now();
    apply(frames);
    const applied = performance.now();
    // React renders a store update in a microtask it queued during the update; this one runs after it, so the
    // time measured is the whole frame's work on the page's side: the store, then the components it changed.
    queueMicrotask(() => {
      const took = performance.now() - started;
      performance.measure('xenith:objects-flush', { start: started, end: started + took, detail: { entries, applyMs: applied - started } });
      performance.clearMeasures('xenith:objects-flush');
      adapt(entries, took, capped);
    });
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
