/** One DiskStore per engine, attached on first use (the host servers attach it when they are built). */
import type { Engine } from '../api/engine.js';
import { DiskStore, type DiskStoreOptions } from './disk-store.js';

const stores = new WeakMap<Engine, DiskStore>();

/** The engine's disk store; `opts` only matter on the first call for an engine. */
export function disksFor(engine: Engine, opts?: DiskStoreOptions): DiskStore {
  let s = stores.get(engine);
  if (!s) {
    s = new DiskStore(engine.store, opts);
    stores.set(engine, s);
    engine.shutdownSignal.addEventListener('abort', () => s?.detach(), { once: true });
  }
  return s;
}
