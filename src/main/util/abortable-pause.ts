/**
 * Waits `ms`, or until `signal` aborts. The abort listener goes when the pause ends: the signal lives as long as the
 * feed, and a busy pool pauses some 80 times a second — listeners left on it (each holding its timer and promise)
 * grew the heap without end in the soak benchmark.
 */
export const pause = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (ms <= 0 || signal.aborted) return resolve();
    const stop = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      resolve();
    };
    const timer = setTimeout(stop, ms);
    signal.addEventListener('abort', stop, { once: true });
  });
