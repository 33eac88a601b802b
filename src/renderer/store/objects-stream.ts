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
   * Most entries (objects added, changed or removed) applied in the first animation frame; then the budget follows
   * how long an update takes, aiming at `frameTargetMs`. A pool arriving whole — a snapshot of 100,000 objects, or
   * a big pool loading while this page was busy — fills in over several frames instead of one frame of half a
   * second, and in as few as the page can afford (each update copies the store once, whatever its size).
   */
  maxEntriesPerFrame?: number;
  /** How long one frame's store update should take at most (default 40 ms). */
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
  const targetMs = options.frameTargetMs ?? 40;
  let budget = options.maxEntriesPerFrame ?? 5000;
  let queue: ObjectsDeltaFrame[] = [];
  let scheduled = false;
  let stopped = false;

  const flush = () => {
    scheduled = false;
    if (stopped || queue.length === 0) return;
    const frames = takeWithinBudget(queue, budget);
    const capped = queue.length > 0;
    if (capped) requestFlush();
    const started = performance.now();
    apply(frames);
    const took = performance.now() - started;
    // Halve what made a frame too long; double what left room, when more was waiting.
    if (took > targetMs) budget = Math.max(minBudget, Math.floor(budget / 2));
    else if (capped && took < targetMs / 2) budget = Math.min(maxBudget, budget * 2);
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
