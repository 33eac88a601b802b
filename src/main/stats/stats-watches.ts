import type { StatsResolution } from '../../shared/api/stats-schema.js';

/** One set of open graphs of one client: which objects, at which resolution, which data sources. */
export interface StatsWatch {
  readonly clientId: string;
  readonly watchId: string;
  /** A query's own short-lived watch (it starts the pollers it needs, gets no events). */
  readonly transient: boolean;
  /** Keeps its hosts polled but gets no events (the overview asks again instead). */
  readonly silent?: boolean;
  readonly resolution: StatsResolution;
  readonly objectIds: ReadonlySet<string>;
  readonly sources?: readonly string[] | undefined;
}

/** How many sets of graphs one client may watch at once (a page has a few; more is a runaway or hostile client). */
export const maxWatchesPerClient = 64;

/** Every client's watches, by client and watch id, with a count per watched object. */
export class StatsWatches {
  readonly #byClient = new Map<string, Map<string, StatsWatch>>();
  readonly #objectCounts = new Map<string, number>();

  /** Adds or replaces a client's watch of that id; false (nothing changed) when the client has too many already. */
  set(watch: StatsWatch): boolean {
    const existing = this.#byClient.get(watch.clientId);
    if (existing && !existing.has(watch.watchId) && existing.size >= maxWatchesPerClient) return false;
    this.remove(watch.clientId, watch.watchId);
    const watches = this.#byClient.get(watch.clientId) ?? new Map<string, StatsWatch>();
    watches.set(watch.watchId, watch);
    this.#byClient.set(watch.clientId, watches);
    for (const id of watch.objectIds) this.#objectCounts.set(id, (this.#objectCounts.get(id) ?? 0) + 1);
    return true;
  }

  remove(clientId: string, watchId: string): boolean {
    const watches = this.#byClient.get(clientId);
    const watch = watches?.get(watchId);
    if (!watches || !watch) return false;
    watches.delete(watchId);
    if (watches.size === 0) this.#byClient.delete(clientId);
    for (const id of watch.objectIds) {
      const left = (this.#objectCounts.get(id) ?? 1) - 1;
      if (left > 0) this.#objectCounts.set(id, left);
      else this.#objectCounts.delete(id);
    }
    return true;
  }

  /** Removes every watch of a client; true when it had any. */
  removeClient(clientId: string): boolean {
    const watches = [...(this.#byClient.get(clientId)?.keys() ?? [])];
    for (const watchId of watches) this.remove(clientId, watchId);
    return watches.length > 0;
  }

  watchesObject(id: string): boolean {
    return this.#objectCounts.has(id);
  }

  *all(): IterableIterator<StatsWatch> {
    for (const watches of this.#byClient.values()) yield* watches.values();
  }
}
