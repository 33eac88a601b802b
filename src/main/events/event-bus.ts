import type { EventName, EventPayload } from '../../shared/api/contract.js';

/** One pushed event as transports see it; `clientId` set means it is for that client only. */
export interface ServerEvent<E extends EventName = EventName> {
  event: E;
  payload: EventPayload<E>;
  clientId?: string;
}

export type EventListener = (event: ServerEvent) => void;

/** Fans server events out to every connected transport. */
export class EventBus {
  readonly #listeners = new Set<EventListener>();

  subscribe(listener: EventListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** An event for every client. */
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    this.#deliver({ event, payload } as ServerEvent);
  }

  /** An event for one client (its object stream, say). */
  emitTo<E extends EventName>(clientId: string, event: E, payload: EventPayload<E>): void {
    this.#deliver({ event, payload, clientId } as ServerEvent);
  }

  #deliver(event: ServerEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
