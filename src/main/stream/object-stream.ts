import type { ObjectMirror } from '../cache/object-mirror.js';
import { DeltaBatcher } from '../cache/delta-batcher.js';
import type { ClientHub } from '../clients/client-hub.js';
import type { EventBus } from '../events/event-bus.js';
import type { ObjectDelta } from '../../shared/api/object-delta-schema.js';

export interface ObjectStreamOptions {
  /** Least time between two batches to a client; a change after a quiet spell goes out at once. */
  flushIntervalMs?: number;
  /**
   * Objects per snapshot frame, so a big pool never becomes one giant message: 1000 VM records are about 3.5 MB,
   * which a browser turns into a string and parses in one task of some 20 ms; 5000 made tasks of over 100 ms.
   */
  snapshotChunk?: number;
  /** A client with more than this many bytes queued gets no new batch; its changes keep coalescing. */
  maxBacklogBytes?: number;
  /**
   * Most objects sent to one client per flush; the rest follow in the next flushes, each waiting for the client's
   * queue to drain. A client that fell behind during a big pool's load is never handed the whole pool in one burst
   * (tens of MB queued at once, and the event loop busy serialising them for everyone).
   */
  maxObjectsPerFlush?: number;
}

interface Subscriber {
  batcher: DeltaBatcher;
}

/**
 * Streams the mirror to each subscribed client: a snapshot in chunks (the first frame says reset), then a
 * batch of coalesced changes at most every flush interval; a burst of several frames marks all but its last
 * with `more`. A slow client is skipped while its queue is
 * full, so its pending changes merge instead of piling up.
 */
export class ObjectStream {
  readonly #subscribers = new Map<string, Subscriber>();
  readonly #mirror: ObjectMirror;
  readonly #bus: EventBus;
  readonly #hub: ClientHub;
  readonly #options: Required<ObjectStreamOptions>;
  /** Cancels the scheduled flush; null when none is scheduled. */
  #cancelFlush: (() => void) | null = null;
  /** When the last flush ran (performance.now()). */
  #lastFlush = -Infinity;

  constructor(mirror: ObjectMirror, bus: EventBus, hub: ClientHub, options: ObjectStreamOptions = {}) {
    this.#mirror = mirror;
    this.#bus = bus;
    this.#hub = hub;
    this.#options = { flushIntervalMs: 20, snapshotChunk: 1000, maxBacklogBytes: 4 * 1024 * 1024, maxObjectsPerFlush: 5000, ...options };
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
    const objects = [...this.#mirror.objects()];
    batcher.markKnown(objects.map((object) => object.$id));
    this.#emitBurst(clientId, true, { added: objects, changed: [], removed: [] });
    return objects.length;
  }

  /**
   * What waits for each subscribed client, in the order they subscribed: objects with changes not sent yet (merged,
   * so at most one entry per object) and bytes queued in its transport.
   */
  backlogs(): { clientId: string; pendingObjects: number; queuedBytes: number }[] {
    return [...this.#subscribers].map(([clientId, { batcher }]) => ({ clientId, pendingObjects: batcher.size, queuedBytes: this.#hub.sink(clientId)?.backlogBytes() ?? 0 }));
  }

  close(): void {
    this.#clearTimer();
    this.#subscribers.clear();
  }

  /**
   * Flushes as soon as the current changes are in (once the event batch that made them is applied) when the last
   * flush is at least a flush interval old, else when it will be: a lone change goes out at once, a busy pool's
   * changes still go at most once per interval.
   */
  #schedule(): void {
    if (this.#cancelFlush) return;
    const run = () => {
      this.#cancelFlush = null;
      this.#flush();
    };
    const wait = this.#lastFlush + this.#options.flushIntervalMs - performance.now();
    if (wait > 0) {
      const timer = setTimeout(run, wait);
      this.#cancelFlush = () => clearTimeout(timer);
    } else {
      const immediate = setImmediate(run);
      this.#cancelFlush = () => clearImmediate(immediate);
    }
  }

  #clearTimer(): void {
    this.#cancelFlush?.();
    this.#cancelFlush = null;
  }

  #flush(): void {
    this.#lastFlush = performance.now();
    let waiting = false;
    const { maxObjectsPerFlush, snapshotChunk, maxBacklogBytes } = this.#options;
    for (const [clientId, { batcher }] of this.#subscribers) {
      const sink = this.#hub.sink(clientId);
      const behind = () => this.#hub.isBehind(clientId) || (sink !== undefined && sink.backlogBytes() > maxBacklogBytes);
      // A chunk at a time, until the client is behind: 5,000 VM records taken at once were 18 MB queued at once.
      for (let sent = 0; !batcher.isEmpty && sent < maxObjectsPerFlush && !behind(); ) {
        const delta = batcher.take(Math.min(snapshotChunk, maxObjectsPerFlush - sent));
        if (!delta) break;
        sent += delta.added.length + delta.changed.length + delta.removed.length;
        this.#emitBurst(clientId, false, delta);
      }
      if (!batcher.isEmpty) waiting = true;
    }
    if (waiting) this.#schedule();
  }

  /**
   * Sends a delta as one burst of frames: new objects in chunks of `snapshotChunk` (a pool arriving whole —
   * 100,000 objects — is never one giant message, and the client parses a chunk while the next is sent), changes
   * and removals with the last. Every frame but the last says `more`, so the client applies the burst as one
   * store update instead of one per chunk. `reset` goes on the first frame only.
   */
  #emitBurst(clientId: string, reset: boolean, delta: ObjectDelta): void {
    const chunk = this.#options.snapshotChunk;
    const frames = Math.max(1, Math.ceil(delta.added.length / chunk));
    for (let i = 0; i < frames; i++) {
      const last = i === frames - 1;
      this.#bus.emitTo(clientId, 'objects.delta', {
        reset: reset && i === 0,
        added: delta.added.slice(i * chunk, (i + 1) * chunk),
        changed: last ? delta.changed.slice() : [],
        removed: last ? delta.removed.slice() : [],
        ...(last ? {} : { more: true }),
      });
    }
  }
}
