import type { XapiObject } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf } from '../../store/mirror-read.js';

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Orders names naturally (vm-2 before vm-10), ignoring case and accents. */
export const compareNames = collator.compare;

/** Sorts objects by name naturally, then by ref, so equal names keep a stable order. */
export function byName(a: XapiObject, b: XapiObject): number {
  return compareNames(nameOf(a), nameOf(b)) || (a.$id < b.$id ? -1 : a.$id > b.$id ? 1 : 0);
}

/** Sorts ids by their objects' name_label naturally, then by id so equal names keep a stable order. */
export function sortIdsByName(ids: readonly string[], objects: ObjectIndex['objects']): string[] {
  // Decorated once: a collator compare per pair is the cost, not map lookups (10,000 VMs: ~25 ms).
  const entries = ids.map((id) => ({ id, name: nameOf(objects.get(id)) }));
  entries.sort((a, b) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return entries.map((entry) => entry.id);
}

/** Orders two decorated entries by name, then id. */
function byEntry(a: { id: string; name: string }, b: { id: string; name: string }): number {
  return collator.compare(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * The ids of one XAPI class sorted by name, re-sorted only when an id comes or goes or a name changes: a VM
 * starting or stopping moves rows without paying for a sort of 10,000 names. Ids only added at the end (a pool
 * loading batch by batch, a VM created) are sorted among themselves and merged in: one compare per row, not a sort.
 */
export class NameOrder {
  #ids: readonly string[] | null = null;
  #names = new Map<string, string>();
  #sorted: readonly string[] = [];

  sorted(ids: readonly string[], objects: ObjectIndex['objects']): readonly string[] {
    const previous = this.#ids;
    const sameNames = (list: readonly string[], count = list.length) => {
      for (let i = 0; i < count; i++) if (nameOf(objects.get(list[i]!)) !== this.#names.get(list[i]!)) return false;
      return true;
    };
    if (ids === previous && sameNames(ids)) return this.#sorted;
    if (previous && ids.length > previous.length && previous.every((id, i) => ids[i] === id) && sameNames(previous)) {
      const added = ids.slice(previous.length).map((id) => ({ id, name: nameOf(objects.get(id)) }));
      added.sort(byEntry);
      for (const entry of added) this.#names.set(entry.id, entry.name);
      this.#sorted = this.#merge(added);
      this.#ids = ids;
      return this.#sorted;
    }
    this.#ids = ids;
    this.#names = new Map(ids.map((id) => [id, nameOf(objects.get(id))]));
    this.#sorted = sortIdsByName(ids, objects);
    return this.#sorted;
  }

  /** The sorted ids with `added` (sorted, with names) merged in. */
  #merge(added: readonly { id: string; name: string }[]): string[] {
    const out: string[] = [];
    let j = 0;
    for (const id of this.#sorted) {
      const current = { id, name: this.#names.get(id)! };
      while (j < added.length && byEntry(added[j]!, current) < 0) out.push(added[j++]!.id);
      out.push(id);
    }
    while (j < added.length) out.push(added[j++]!.id);
    return out;
  }
}
