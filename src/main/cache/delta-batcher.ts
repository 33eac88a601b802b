import type { ObjectChange, ObjectDelta } from '../../shared/api/object-delta-schema.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import type { MirrorChange } from './object-mirror.js';

type Pending = { kind: 'add'; object: XapiObject } | { kind: 'change'; fields: Record<string, unknown> } | { kind: 'remove' };

/**
 * Coalesces mirror changes for one client until it is ready for the next batch: an add followed by changes
 * stays one add with the latest object, changes merge field by field, an add then a remove cancels out.
 * Memory is bounded by the number of distinct objects touched, never by the number of events.
 */
export class DeltaBatcher {
  readonly #pending = new Map<string, Pending>();
  /** Ids the client already has, so that an add then a remove still tells it to remove. */
  readonly #known = new Set<string>();

  get isEmpty(): boolean {
    return this.#pending.size === 0;
  }

  /** How many objects have changes waiting. */
  get size(): number {
    return this.#pending.size;
  }

  push(changes: readonly MirrorChange[]): void {
    for (const change of changes) {
      const id = change.kind === 'remove' ? change.id : change.kind === 'add' ? change.object.$id : change.change.$id;
      const before = this.#pending.get(id);
      if (change.kind === 'add') {
        this.#pending.set(id, { kind: 'add', object: change.object });
      } else if (change.kind === 'change') {
        if (before?.kind === 'add') this.#pending.set(id, { kind: 'add', object: change.object });
        else if (before?.kind === 'change') this.#pending.set(id, { kind: 'change', fields: { ...before.fields, ...change.change.fields } });
        else this.#pending.set(id, { kind: 'change', fields: { ...change.change.fields } });
      } else if (before?.kind === 'add' && !this.#known.has(id)) {
        this.#pending.delete(id);
      } else {
        this.#pending.set(id, { kind: 'remove' });
      }
    }
  }

  /**
   * Takes what is pending as one delta (null when there is nothing to send): everything, or the `limit` objects that
   * have waited longest, the rest staying for the next take (each object's entry is whole, so any cut is safe).
   */
  take(limit = Number.POSITIVE_INFINITY): ObjectDelta | null {
    if (this.#pending.size === 0) return null;
    const added: XapiObject[] = [];
    const changed: ObjectChange[] = [];
    const removed: string[] = [];
    let taken = 0;
    for (const [id, pending] of this.#pending) {
      if (taken++ >= limit) break;
      this.#pending.delete(id);
      if (pending.kind === 'add') {
        added.push(pending.object);
        this.#known.add(id);
      } else if (pending.kind === 'change') changed.push({ $id: id, fields: pending.fields });
      else {
        removed.push(id);
        this.#known.delete(id);
      }
    }
    return { added, changed, removed };
  }

  /** Records ids the client received in a snapshot. */
  markKnown(ids: Iterable<string>): void {
    for (const id of ids) this.#known.add(id);
  }
}
