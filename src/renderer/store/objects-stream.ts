import type { Bridge } from '../bridge/bridge.js';
import type { ObjectsDeltaFrame } from './apply-delta.js';
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
}

/**
 * Keeps the objects store fed: asks for the object stream every time the bridge (re)connects — the server then
 * sends a reset snapshot — and coalesces the delta frames of one animation frame into one store update.
 */
export function startObjectStream(bridge: Bridge, options: ObjectStreamOptions = {}): () => void {
  const schedule = options.schedule ?? browserFrameScheduler;
  const apply = options.apply ?? ((frames) => useObjectsStore.getState().applyBatch(frames));
  let queue: ObjectsDeltaFrame[] = [];
  let scheduled = false;
  let stopped = false;

  const flush = () => {
    scheduled = false;
    if (stopped || queue.length === 0) return;
    const frames = queue;
    queue = [];
    apply(frames);
  };
  const offDelta = bridge.subscribe('objects.delta', (frame) => {
    // A reset makes everything queued before it moot: the queue never outgrows one snapshot plus its tail.
    if (frame.reset) queue = [];
    queue.push(frame);
    if (!scheduled) {
      scheduled = true;
      schedule(flush);
    }
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
