import type { EventName, EventPayload } from '../../shared/api/contract.js';
import type { ServerEvent } from '../events/event-bus.js';

/**
 * For each event, the key under which a slow client keeps only the latest one: every event that says "this is
 * now the state of X" replaces the previous one about X. null means every event counts and is kept in order.
 * A new event must be listed here (the type requires it), so nobody adds one without deciding.
 */
const coalescingKeys: { [E in EventName]: (payload: EventPayload<E>) => string | null } = {
  'settings.changed': () => 'settings',
  'pool.status': (payload) => `pool:${payload.poolId}`,
  'pool.removed': (payload) => `pool:${payload.poolId}`,
  'trust.request': (payload) => `trust:${payload.requestId}`,
  'trust.settled': (payload) => `trust:${payload.requestId}`,
  'jobs.changed': (payload) => `job:${payload.job.jobId}`,
  // Targeted, and paced by the object stream itself (it merges batches while the client is behind).
  'objects.delta': () => null,
  'tokens.changed': () => 'tokens',
  // Targeted, and each carries points the client has not had: none may be dropped.
  'stats.changed': () => null,
};

/** The coalescing key of one event (see coalescingKeys). */
export function coalescingKey(event: ServerEvent): string | null {
  return (coalescingKeys[event.event] as (payload: unknown) => string | null)(event.payload);
}

/** Broadcast events held back for one slow client: the latest per key, in the order they last changed. */
export class HeldEvents {
  readonly #events = new Map<string, ServerEvent>();
  #unkeyed = 0;

  get size(): number {
    return this.#events.size;
  }

  hold(event: ServerEvent): void {
    const key = coalescingKey(event) ?? `#${this.#unkeyed++}`;
    // Delete first so the entry moves to the end: the client sees it after whatever changed before it.
    this.#events.delete(key);
    this.#events.set(key, event);
  }

  /** Takes the oldest event held, if any. */
  shift(): ServerEvent | undefined {
    const first = this.#events.entries().next();
    if (first.done) return undefined;
    this.#events.delete(first.value[0]);
    return first.value[1];
  }

  /** Empties the holder and returns what it held, oldest first. */
  take(): ServerEvent[] {
    const events = [...this.#events.values()];
    this.#events.clear();
    return events;
  }
}
