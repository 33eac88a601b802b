import type { ObjectMirror } from '../cache/object-mirror.js';
import { DeltaBatcher } from '../cache/delta-batcher.js';
import type { ClientHub } from '../clients/client-hub.js';
import type { EventBus } from '../events/event-bus.js';
import type { XapiObject } from '../../shared/xapi/objects.js';

export interface ObjectStreamOptions {
  /** Longest wait between a change and its batch (the issue asks for ≤ 50 ms). */
  flushIntervalMs?: number;
  /** Objects per snapshot frame, so a big pool never becomes one giant message. */
  snapshotChunk?: number;
  /** A client with more than this many bytes queued gets no new batch; its changes keep coalescing. */
  maxBacklogBytes?: number;
}

interface Subscriber {
  batcher: DeltaBatcher;
}

/**
 * Streams the mirror to each subscribed client: a snapshot in chunks (the first frame says reset), then a
 * batch of coalesced changes at most every flush interval. A slow client is skipped while its queue is
 * full, so its pending changes merge instead of piling up.
 */
export class ObjectStream {
  readonly #subscribers = new Map<string, Subscriber>();
  readonly #mirror: ObjectMirror;
  readonly #bus: EventBus;
  readonly #hub: ClientHub;
  readonly #options: Required<ObjectStreamOptions>;
  #timer: NodeJS.Timeout | null = null;

  constructor(mirror: ObjectMirror, bus: EventBus, hub: ClientHub, options: ObjectStreamOptions = {}) {
    this.#mirror = mirror;
    this.#bus = bus;
    this.#hub = hub;
    this.#options = { flushIntervalMs: 20, snapshotChunk: 5000, maxBacklogBytes: 4 * 1024 * 1024, ...options };
    mirror.onChanges((changes) => {
      for (const subscriber of this.#subscribers.values()) subscriber.batcher.push(changes);
      if (this.#subscribers.size > 0) this.#schedule();
    });
    hub.onClientClosed((clientId) => this.#subscribers.delete(clientId));
  }

  /** (Re)starts a client's stream with a full snapshot; returns how many objects it holds. */
  subscribe(clientId: string): number {
    const batcher = new DeltaBatcher();
    this.#subscribers.set(clientId, { batcher });
    const objects = [...this.#mirror.all()];
    batcher.markKnown(objects.map((object) => object.$id));
    const chunk = this.#options.snapshotChunk;
    for (let start = 0; start === 0 || start < objects.length; start += chunk) {
      const added: XapiObject[] = objects.slice(start, start + chunk);
      this.#bus.emitTo(clientId, 'objects.delta', { reset: start === 0, added, changed: [], removed: [] });
    }
    return objects.length;
  }

  close(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#subscribers.clear();
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#flush();
    }, this.#options.flushIntervalMs);
  }

  #flush(): void {
    let waiting = false;
    for (const [clientId, { batcher }] of this.#subscribers) {
      if (batcher.isEmpty) continue;
      const sink = this.#hub.sink(clientId);
      if (sink && sink.backlogBytes() > this.#options.maxBacklogBytes) {
        waiting = true;
        continue;
      }
      const delta = batcher.take();
      if (!delta) continue;
      // A pool arriving whole (50,000 objects) goes out in chunks, so the client parses one while the next is sent.
      const chunk = this.#options.snapshotChunk;
      for (let start = chunk; start < delta.added.length; start += chunk) {
        this.#bus.emitTo(clientId, 'objects.delta', { reset: false, added: delta.added.slice(start - chunk, start), changed: [], removed: [] } as never);
      }
      const lastStart = Math.max(0, Math.ceil(delta.added.length / chunk) - 1) * chunk;
      this.#bus.emitTo(clientId, 'objects.delta', { reset: false, added: delta.added.slice(lastStart), changed: delta.changed, removed: delta.removed } as never);
    }
    if (waiting) this.#schedule();
  }
}
