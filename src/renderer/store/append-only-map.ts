/** The storage a chain of views shares: entries in insertion order, and each key's place in that order. */
interface Shared<K, V> {
  readonly entries: Map<K, V>;
  readonly order: Map<K, number>;
}

/**
 * A read-only view of the first `size` entries of a map that only ever grows at its end. Extending the newest view
 * adds to the shared map and hands out a new view, without copying: a pool loading batch after batch of new
 * objects costs each batch its own size, where a copy per batch would cost the whole mirror — and leave megabytes
 * of garbage per animation frame. Earlier views still read exactly as they were (a key added after them is absent
 * from them, and iteration stops at their size), which the tree's change check relies on.
 *
 * Only new keys can be added this way; anything else (a changed or removed object) starts a new plain Map, as
 * before — so a view never sees a value change under it.
 */
export class AppendOnlyMap<K, V> implements ReadonlyMap<K, V> {
  readonly #shared: Shared<K, V>;
  readonly size: number;

  private constructor(shared: Shared<K, V>, size: number) {
    this.#shared = shared;
    this.size = size;
  }

  /**
   * `current` with `additions` (keys it does not have) appended, or null when it cannot be done without a copy:
   * `current` is not the newest view of its storage (or not such a view at all) — the caller copies then.
   */
  static extend<K, V>(current: ReadonlyMap<K, V>, additions: ReadonlyMap<K, V>): AppendOnlyMap<K, V> | null {
    let shared: Shared<K, V>;
    if (current instanceof AppendOnlyMap) {
      const view = current as AppendOnlyMap<K, V>;
      if (view.size !== view.#shared.entries.size) return null;
      shared = view.#shared;
    } else {
      // The first extension of a plain map takes a copy once; the extensions after it copy nothing.
      shared = { entries: new Map(current), order: new Map() };
      let place = 0;
      for (const key of shared.entries.keys()) shared.order.set(key, place++);
    }
    for (const [key, value] of additions) {
      if (shared.entries.has(key)) throw new Error('AppendOnlyMap.extend: a key that is there already');
      shared.order.set(key, shared.entries.size);
      shared.entries.set(key, value);
    }
    return new AppendOnlyMap(shared, shared.entries.size);
  }

  #sees(key: K): boolean {
    if (this.size === this.#shared.entries.size) return this.#shared.entries.has(key);
    const place = this.#shared.order.get(key);
    return place !== undefined && place < this.size;
  }

  get(key: K): V | undefined {
    // The newest view (the store's own) reads straight from the map; only an older one checks the key's place.
    if (this.size === this.#shared.entries.size) return this.#shared.entries.get(key);
    return this.#sees(key) ? this.#shared.entries.get(key) : undefined;
  }

  has(key: K): boolean {
    return this.#sees(key);
  }

  entries(): MapIterator<[K, V]> {
    // The newest view iterates the map itself (nothing is added while a caller iterates: additions come from the
    // store's own update, never from a reader).
    return this.size === this.#shared.entries.size ? this.#shared.entries.entries() : this.#firstEntries();
  }

  *#firstEntries(): MapIterator<[K, V]> {
    let left = this.size;
    if (left === 0) return;
    for (const entry of this.#shared.entries) {
      yield entry;
      if (--left === 0) return;
    }
  }

  *keys(): MapIterator<K> {
    for (const [key] of this.entries()) yield key;
  }

  values(): MapIterator<V> {
    return this.size === this.#shared.entries.size ? this.#shared.entries.values() : this.#firstValues();
  }

  *#firstValues(): MapIterator<V> {
    for (const [, value] of this.#firstEntries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[K, V]> {
    return this.entries();
  }

  forEach(callback: (value: V, key: K, map: ReadonlyMap<K, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) callback.call(thisArg, value, key, this);
  }
}
