import { randomUUID } from 'node:crypto';
import type { EventBus, ServerEvent } from '../events/event-bus.js';
import { HeldEvents } from './event-coalescing.js';

/** How the server reaches one connected client (a window, a browser tab). */
export interface ClientSink {
  send(event: ServerEvent): void;
  /** Bytes queued towards the client and not yet sent: the object stream waits while this is high. */
  backlogBytes(): number;
}

export interface ClientHubOptions {
  /** A client with more than this many bytes queued gets no broadcast event; they coalesce until it catches up. */
  maxBacklogBytes?: number;
  /** How often held events are offered again to a client that was behind. */
  retryMs?: number;
}

interface Client {
  sink: ClientSink;
  held: HeldEvents;
}

/**
 * Connected clients: routes broadcast and targeted events to each client's sink. A client whose queue is full
 * (a slow link, a tab in the background) gets no broadcast event until it drains, and then only the latest per
 * job, pool, certificate question or setting — never a growing queue. Targeted events (its object stream) go
 * through: the object stream paces them itself.
 */
export class ClientHub {
  readonly #clients = new Map<string, Client>();
  readonly #closeListeners = new Set<(clientId: string) => void>();
  readonly #options: Required<ClientHubOptions>;
  #timer: NodeJS.Timeout | null = null;

  constructor(bus: EventBus, options: ClientHubOptions = {}) {
    this.#options = { maxBacklogBytes: 4 * 1024 * 1024, retryMs: 50, ...options };
    bus.subscribe((event) => {
      if (event.clientId !== undefined) this.#clients.get(event.clientId)?.sink.send(event);
      else for (const client of this.#clients.values()) this.#offer(client, event);
    });
  }

  add(sink: ClientSink, clientId: string = randomUUID()): string {
    this.#clients.set(clientId, { sink, held: new HeldEvents() });
    return clientId;
  }

  remove(clientId: string): void {
    if (!this.#clients.delete(clientId)) return;
    for (const listener of this.#closeListeners) listener(clientId);
  }

  sink(clientId: string): ClientSink | undefined {
    return this.#clients.get(clientId)?.sink;
  }

  /** Whether a client is behind: events held back for it, or more queued in its transport than the limit. */
  isBehind(clientId: string): boolean {
    const client = this.#clients.get(clientId);
    return client !== undefined && (client.held.size > 0 || client.sink.backlogBytes() > this.#options.maxBacklogBytes);
  }

  onClientClosed(listener: (clientId: string) => void): () => void {
    this.#closeListeners.add(listener);
    return () => this.#closeListeners.delete(listener);
  }

  #offer(client: Client, event: ServerEvent): void {
    // Once a client is behind, every later event waits too, so none overtakes an older one about the same thing.
    if (client.held.size === 0 && client.sink.backlogBytes() <= this.#options.maxBacklogBytes) {
      client.sink.send(event);
      return;
    }
    client.held.hold(event);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#release();
    }, this.#options.retryMs);
    // Held events must not keep a stopping process alive.
    this.#timer.unref();
  }

  #release(): void {
    let waiting = false;
    for (const client of this.#clients.values()) {
      if (client.held.size === 0) continue;
      // Only as much as the limit allows: released all at once, what piled up while the client was behind would
      // land in its socket's queue in one go (tens of MB for a slow client during a pool's load).
      while (client.held.size > 0 && client.sink.backlogBytes() <= this.#options.maxBacklogBytes) client.sink.send(client.held.shift()!);
      if (client.held.size > 0) waiting = true;
    }
    if (waiting) this.#schedule();
  }
}
