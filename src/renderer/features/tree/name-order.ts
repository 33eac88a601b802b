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

/**
 * The ids of one XAPI class sorted by name, re-sorted only when an id comes or goes or a name changes: a VM
 * starting or stopping moves rows without paying for a sort of 10,000 names.
 */
export class NameOrder {
  #ids: readonly string[] | null = null;
  #names = new Map<string, string>();
  #sorted: readonly string[] = [];

  sorted(ids: readonly string[], objects: ObjectIndex['objects']): readonly string[] {
    if (ids === this.#ids && ids.every((id) => nameOf(objects.get(id)) === this.#names.get(id))) return this.#sorted;
    this.#ids = ids;
    this.#names = new Map(ids.map((id) => [id, nameOf(objects.get(id))]));
    this.#sorted = sortIdsByName(ids, objects);
    return this.#sorted;
  }
}
