import { randomUUID } from 'node:crypto';
import type { EventBus, ServerEvent } from '../events/event-bus.js';

/** How the server reaches one connected client (a window, a browser tab). */
export interface ClientSink {
  send(event: ServerEvent): void;
  /** Bytes queued towards the client and not yet sent: the object stream waits while this is high. */
  backlogBytes(): number;
}

/** Connected clients: routes broadcast and targeted events to each client's sink. */
export class ClientHub {
  readonly #sinks = new Map<string, ClientSink>();
  readonly #closeListeners = new Set<(clientId: string) => void>();

  constructor(bus: EventBus) {
    bus.subscribe((event) => {
      if (event.clientId !== undefined) this.#sinks.get(event.clientId)?.send(event);
      else for (const sink of this.#sinks.values()) sink.send(event);
    });
  }

  add(sink: ClientSink, clientId: string = randomUUID()): string {
    this.#sinks.set(clientId, sink);
    return clientId;
  }

  remove(clientId: string): void {
    if (!this.#sinks.delete(clientId)) return;
    for (const listener of this.#closeListeners) listener(clientId);
  }

  sink(clientId: string): ClientSink | undefined {
    return this.#sinks.get(clientId);
  }

  onClientClosed(listener: (clientId: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }
}
