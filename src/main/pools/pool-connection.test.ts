import { createHook } from 'node:async_hooks';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ObjectMirror } from '../cache/object-mirror.js';
import { EventBus } from '../events/event-bus.js';
import { silentLogger } from '../logging/logger.js';
import { PinStore } from '../trust/pin-store.js';
import { TrustBroker } from '../trust/trust-broker.js';
import type { ConnectionStatus } from './connection-status.js';
import { PoolConnection } from './pool-connection.js';

const hour = 3_600_000;

/**
 * Promises created and not yet settled in this worker, counted by async_hooks: a retry loop that chains its rounds
 * (each awaiting the next) leaves one more unsettled promise per round, a flat one leaves none.
 */
function trackUnsettledPromises(): { readonly count: number; stop(): void } {
  const unsettled = new Set<number>();
  const hook = createHook({
    init(id, type) {
      if (type === 'PROMISE') unsettled.add(id);
    },
    promiseResolve(id) {
      unsettled.delete(id);
    },
    destroy(id) {
      unsettled.delete(id);
    },
  }).enable();
  return {
    get count() {
      return unsettled.size;
    },
    stop: () => hook.disable(),
  };
}

describe('PoolConnection while the pool is down', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries for 24 simulated hours with one timer and no growing chain of rounds', async () => {
    let attempts = 0;
    const states: ConnectionStatus['state'][] = [];
    const bus = new EventBus();
    const mirror = new ObjectMirror();
    const connection = new PoolConnection(
      {
        poolId: 'p1',
        pins: new PinStore(),
        broker: new TrustBroker(bus),
        mirror,
        logger: silentLogger,
        onStatus: (status) => states.push(status.state),
        retryDelaysMs: [1_000, 2_000, 5_000, 10_000, 15_000],
        // Nothing answers at the pool's address: every round fails the way a host that is down does.
        probe: async (host, port) => {
          attempts++;
          throw Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), { code: 'ECONNREFUSED' });
        },
      },
      [{ host: '192.0.2.10', port: 443 }],
      { user: 'root', password: 'secret' },
    );

    const firstRound = connection.connect({ retry: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(connection.status.state).toBe('reconnecting');
    const promises = trackUnsettledPromises();
    try {
      await vi.advanceTimersByTimeAsync(hour);
      const afterFirstHour = { promises: promises.count, attempts, states: states.length };
      for (let elapsed = 1; elapsed < 24; elapsed++) {
        await vi.advanceTimersByTimeAsync(hour);
        expect(vi.getTimerCount()).toBe(1);
      }
      // About one round every 15 s for 23 hours, each leaving nothing behind.
      expect(attempts - afterFirstHour.attempts).toBeGreaterThan(5_000);
      expect(promises.count - afterFirstHour.promises).toBeLessThan(20);
    } finally {
      promises.stop();
    }
    expect(connection.status.state).toBe('reconnecting');
    expect(connection.status.error?.code).toBe('ECONNREFUSED');
    // connect() settled after its own round: nobody holds a promise for as long as the pool stays down.
    await expect(firstRound).resolves.toBeUndefined();

    await connection.disconnect();
    expect(vi.getTimerCount()).toBe(0);
    expect(connection.status.state).toBe('disconnected');
    const attemptsAtDisconnect = attempts;
    await vi.advanceTimersByTimeAsync(hour);
    expect(attempts).toBe(attemptsAtDisconnect);
  });
});
