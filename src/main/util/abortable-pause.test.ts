import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pause } from './abortable-pause.js';

describe('pause', () => {
  it('leaves no listener on a long-lived signal, however many pauses end', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 200; i++) await pause(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends at once when the signal aborts, and at once when it had', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = pause(60_000, controller.signal);
    controller.abort();
    await waiting;
    await pause(60_000, controller.signal);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
