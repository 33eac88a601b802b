import type { ObjectChange } from '../../shared/api/object-delta-schema.js';
import { isOfType, type XapiClass, type XapiObject, type XapiRecord } from '../../shared/xapi/objects.js';
import { structurallyEqual } from '../../shared/util/structurally-equal.js';
import { RecordCompactor } from './record-compactor.js';
import { RefIndex, type IndexedRelation, type RelationClass } from './ref-index.js';

/** One change the mirror made, in the order it made them. */
export type MirrorChange =
  | { kind: 'add'; object: XapiObject }
  | { kind: 'change'; change: ObjectChange; object: XapiObject }
  | { kind: 'remove'; id: string; type: string };

/**
 * A record to store: its ref, class and fields as the pool sent them (XML-RPC or JSON-RPC: the mirror normalises
 * them). The mirror takes ownership of `fields` (normalised in place, a new object becomes the stored object
 * itself), so callers hand it a fresh object they no longer use.
 */
export interface IncomingRecord {
  ref: string;
  type: string;
  fields: Record<string, unknown>;
}

/**
 * Every connected pool's objects, keyed by ref, with relation indexes. Updates return what changed field by
 * field, and objects are replaced (never mutated) so holders of an old object keep a consistent snapshot. Records
 * are stored compactly (`RecordCompactor`: shared refs, shared empty sets and maps, V8's shared field names): this
 * is the server's one copy of every record.
 */
export class ObjectMirror {
  readonly #objects = new Map<string, XapiObject>();
  readonly #byPool = new Map<string, Set<string>>();
  /** Per pool being (re)loaded, the objects the load has not brought yet: gone from the pool if it never does. */
  readonly #unconfirmed = new Map<string, Set<string>>();
  readonly #compactor = new RecordCompactor();
  readonly index = new RefIndex();
  readonly #listeners = new Set<(changes: readonly MirrorChange[]) => void>();

  get size(): number {
    return this.#objects.size;
  }

  /** The object `id` of class `type`, typed as that class's record (undefined when it is of another class). */
  get<C extends XapiClass>(id: string, type: C): XapiRecord<C> | undefined {
    const object = this.#objects.get(id);
    return isOfType(object, type) ? object : undefined;
  }

  /** The object `id` whatever its class: narrow on `$type` to read its fields. */
  object(id: string): XapiObject | undefined {
    return this.#objects.get(id);
  }

  /** The objects whose indexed ref field points at `target` (`referrers('VBD.VM', vmRef)`: the VM's VBDs). */
  referrers<R extends IndexedRelation>(relation: R, target: string): XapiRecord<RelationClass<R>>[] {
    const out: XapiRecord<RelationClass<R>>[] = [];
    for (const id of this.index.lookup(relation, target)) {
      const object = this.#objects.get(id);
      // The index only lists objects of the relation's class.
      if (object) out.push(object as XapiRecord<RelationClass<R>>);
    }
    return out;
  }

  /** The objects of one class, optionally of one pool. */
  *ofType<C extends XapiClass>(type: C, poolId?: string): IterableIterator<XapiRecord<C>> {
    for (const object of this.objects(poolId)) if (object.$type === type) yield object as XapiRecord<C>;
  }

  /** All objects, optionally of one pool. */
  *objects(poolId?: string): IterableIterator<XapiObject> {
    if (poolId === undefined) {
      yield* this.#objects.values();
      return;
    }
    for (const id of this.#byPool.get(poolId) ?? []) {
      const object = this.#objects.get(id);
      if (object) yield object;
    }
  }

  onChanges(listener: (changes: readonly MirrorChange[]) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Adds or updates records and removes refs for one pool. */
  apply(poolId: string, upserts: readonly IncomingRecord[], removals: readonly string[] = []): MirrorChange[] {
    const changes: MirrorChange[] = [];
    for (const record of upserts) {
      const change = this.#upsert(poolId, record);
      if (change) changes.push(change);
    }
    for (const id of removals) {
      const change = this.#remove(id);
      if (change) changes.push(change);
    }
    this.#emit(changes);
    return changes;
  }

  /**
   * Makes the pool's objects exactly `records` (after a reconnect or failover: the event stream may have
   * missed deletions, so anything not in the fresh full fetch is gone).
   */
  replacePool(poolId: string, records: readonly IncomingRecord[]): MirrorChange[] {
    const fresh = new Set(records.map((record) => record.ref));
    const stale = [...(this.#byPool.get(poolId) ?? [])].filter((id) => !fresh.has(id));
    return this.apply(poolId, records, stale);
  }

  /**
   * Starts a full load of a pool that arrives in pieces (`apply` per batch, then `endLoad`): what the pool already
   * has stays in place meanwhile, so a reload after a reconnect never empties the tree, and whatever the load
   * does not bring again is removed at its end. Starting again (a reconnect in the middle of a load) restarts the
   * count from what is there now.
   */
  beginLoad(poolId: string): void {
    this.#unconfirmed.set(poolId, new Set(this.#byPool.get(poolId)));
  }

  /** Keeps the pool's objects of one class through the current load (the pool would not list that class this time). */
  keepThroughLoad(poolId: string, type: string): void {
    const unconfirmed = this.#unconfirmed.get(poolId);
    if (!unconfirmed) return;
    for (const id of unconfirmed) if (this.#objects.get(id)?.$type === type) unconfirmed.delete(id);
  }

  /** Ends a full load: removes the pool's objects the load did not bring (deleted while Xenith was away). */
  endLoad(poolId: string): MirrorChange[] {
    const stale = this.#unconfirmed.get(poolId);
    this.#unconfirmed.delete(poolId);
    return stale && stale.size > 0 ? this.apply(poolId, [], [...stale]) : [];
  }

  /** Drops every object of a pool (disconnect or forget). */
  removePool(poolId: string): MirrorChange[] {
    this.#unconfirmed.delete(poolId);
    return this.apply(poolId, [], [...(this.#byPool.get(poolId) ?? [])]);
  }

  #upsert(poolId: string, incoming: IncomingRecord): MirrorChange | null {
    const ref = this.#compactor.ref(incoming.ref);
    const { type } = incoming;
    const fields = this.#compactor.adopt(type, incoming.fields);
    this.#unconfirmed.get(poolId)?.delete(ref);
    const previous = this.#objects.get(ref);
    if (!previous) {
      // Adopted, not copied: the first sync of a big pool adds 50,000 objects at once.
      // Normalised by its class's field kinds, the record has that class's shape.
      const object = Object.assign(fields, { $id: ref, $type: type, $pool: poolId }) as XapiObject;
      this.#objects.set(ref, object);
      const ids = this.#byPool.get(poolId) ?? new Set<string>();
      ids.add(ref);
      this.#byPool.set(poolId, ids);
      this.index.add(ref, type, object);
      return { kind: 'add', object };
    }
    const changed: Record<string, unknown> = {};
    let any = false;
    for (const [field, value] of Object.entries(fields)) {
      if (!structurallyEqual((previous as Readonly<Record<string, unknown>>)[field], value)) {
        changed[field] = value;
        any = true;
      }
    }
    if (!any) return null;
    const object = { ...previous, ...changed } as XapiObject;
    this.index.remove(ref, type, previous);
    this.index.add(ref, type, object);
    this.#objects.set(ref, object);
    return { kind: 'change', change: { $id: ref, fields: changed }, object };
  }

  #remove(id: string): MirrorChange | null {
    const previous = this.#objects.get(id);
    if (!previous) return null;
    this.#objects.delete(id);
    this.#byPool.get(previous.$pool)?.delete(id);
    this.#unconfirmed.get(previous.$pool)?.delete(id);
    this.index.remove(id, previous.$type, previous);
    this.#compactor.forget(id);
    return { kind: 'remove', id, type: previous.$type };
  }

  #emit(changes: readonly MirrorChange[]): void {
    if (changes.length === 0) return;
    for (const listener of this.#listeners) listener(changes);
  }
}
