import type { Bridge } from '../bridge/bridge.js';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
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
   * How long a burst may wait for its next frame: past this, what arrived is applied anyway, so a burst whose
   * last frame never comes (a dropped connection) cannot freeze the UI. The reconnect's reset replaces it.
   */
  burstTimeoutMs?: number;
}

/**
 * Keeps the objects store fed: asks for the object stream every time the bridge (re)connects — the server then
 * sends a reset snapshot — and coalesces the delta frames of one animation frame into one store update. A burst
 * the server sends as several frames (a snapshot, a pool arriving whole) is held until its last frame, so it
 * becomes one store update and one tree rebuild instead of one per chunk.
 */
export function startObjectStream(bridge: Bridge, options: ObjectStreamOptions = {}): () => void {
  const schedule = options.schedule ?? browserFrameScheduler;
  const apply = options.apply ?? ((frames) => useObjectsStore.getState().applyBatch(frames));
  const burstTimeoutMs = options.burstTimeoutMs ?? 2000;
  let queue: ObjectsDeltaFrame[] = [];
  let scheduled = false;
  let stopped = false;
  /** Runs while the newest queued frame says more follows; when it fires, the burst is applied as it stands. */
  let burstTimer: ReturnType<typeof setTimeout> | null = null;

  const clearBurstTimer = () => {
    if (burstTimer !== null) clearTimeout(burstTimer);
    burstTimer = null;
  };
  const flush = () => {
    scheduled = false;
    if (stopped || queue.length === 0) return;
    // A burst still arriving (a flush scheduled before its first frame came): its last frame or the timer flushes.
    if (queue[queue.length - 1]!.more && burstTimer !== null) return;
    const frames = queue;
    queue = [];
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
    clearBurstTimer();
    if (frame.more) {
      burstTimer = setTimeout(() => {
        burstTimer = null;
        requestFlush();
      }, burstTimeoutMs);
      return;
    }
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
    clearBurstTimer();
    offDelta();
    offConnection();
  };
}
