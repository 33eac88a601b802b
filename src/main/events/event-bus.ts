import type { EventName, EventPayload } from '../../shared/api/contract.js';

/** One pushed event as transports see it. */
export interface ServerEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
}

export type EventListener = (event: ServerEvent) => void;

/** Fans server events out to every connected transport. */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.#listeners) listener({ event, payload } as ServerEvent);
  }
}
