import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import type { XapiObject } from '../../shared/xapi/objects.js';
import { AppendOnlyMap } from './append-only-map.js';

/** The mirror as the renderer holds it: objects by id and, per XAPI class, the ids of that class. */
export interface ObjectIndex {
  readonly objects: ReadonlyMap<string, XapiObject>;
  readonly idsByType: ReadonlyMap<string, readonly string[]>;
}

export const emptyObjectIndex: ObjectIndex = { objects: new Map(), idsByType: new Map() };

/**
 * Applies a batch of delta frames (coalesced over one animation frame) with referential stability: an object the
 * batch does not touch keeps its identity, a changed one becomes `{...old, ...fields}`, and a type's id list is
 * only rebuilt when ids of that type came or went. The object map is copied once per batch, not per object — and
 * not at all for a batch that only adds objects (a pool loading), which is appended (AppendOnlyMap).
 * Returns the same index when the batch changes nothing, so subscribers are not woken for nothing.
 */
export function applyDeltas(index: ObjectIndex, frames: readonly ObjectsDeltaFrame[]): ObjectIndex {
  let start = 0;
  for (let i = frames.length - 1; i >= 0; i--) {
    if (frames[i]!.reset) {
      start = i;
      break;
    }
  }
  const reset = frames[start]?.reset === true;
  if (!reset && frames.every((frame) => frame.added.length === 0 && frame.changed.length === 0 && frame.removed.length === 0)) {
    return index;
  }

  const appended = appendOnly(reset ? emptyObjectIndex.objects : index.objects, frames, start);
  if (appended) return { objects: appended.objects, idsByType: reset ? rebuildAllTypes(appended.objects) : rebuildTypes(index.idsByType, appended.objects, appended.membership) };

  const objects = reset ? new Map<string, XapiObject>() : new Map(index.objects);
  /** Objects created during this batch: later changes in the same batch may update them in place. */
  const fresh = new Set<string>();
  /** Per type, ids that appeared or disappeared in this batch (only those types' lists are rebuilt). */
  const membership = new Map<string, { appeared: Set<string>; vanished: Set<string> }>();
  const touch = (type: string) => {
    let entry = membership.get(type);
    if (!entry) membership.set(type, (entry = { appeared: new Set(), vanished: new Set() }));
    return entry;
  };
  let changedAnything = reset;

  for (let f = start; f < frames.length; f++) {
    const frame = frames[f]!;
    for (const object of frame.added) {
      const before = objects.get(object.$id);
      if (before?.$type !== object.$type) {
        if (before) touch(before.$type).vanished.add(before.$id);
        touch(object.$type).appeared.add(object.$id);
      }
      // The wire schema checks only the tags; the records are the server mirror's, typed by their class.
      objects.set(object.$id, object as XapiObject);
      fresh.delete(object.$id); // The server's object is not ours to mutate.
      changedAnything = true;
    }
    for (const { $id, fields } of frame.changed) {
      const before = objects.get($id);
      if (!before) continue; // A change for an object we never got: the next snapshot brings it.
      if (fresh.has($id)) Object.assign(before as Record<string, unknown>, fields);
      else {
        // The server sends a class's own fields, as the mirror normalised them: the record keeps its type.
        objects.set($id, { ...before, ...fields, $id, $type: before.$type, $pool: before.$pool } as XapiObject);
        fresh.add($id);
      }
      changedAnything = true;
    }
    for (const id of frame.removed) {
      const before = objects.get(id);
      if (!before) continue;
      objects.delete(id);
      fresh.delete(id);
      touch(before.$type).vanished.add(id);
      changedAnything = true;
    }
  }
  if (!changedAnything) return index;

  const idsByType = reset ? rebuildAllTypes(objects) : rebuildTypes(index.idsByType, objects, membership);
  return { objects, idsByType };
}

/**
 * A batch that only brings objects not there yet (a pool loading, new objects appearing) is appended to the map's
 * storage instead of copying the map (AppendOnlyMap); null for any other batch, which takes the copying path.
 */
function appendOnly(
  objects: ReadonlyMap<string, XapiObject>,
  frames: readonly ObjectsDeltaFrame[],
  start: number,
): { objects: ReadonlyMap<string, XapiObject>; membership: Map<string, { appeared: Set<string>; vanished: Set<string> }> } | null {
  const additions = new Map<string, XapiObject>();
  const membership = new Map<string, { appeared: Set<string>; vanished: Set<string> }>();
  for (let f = start; f < frames.length; f++) {
    const frame = frames[f]!;
    if (frame.changed.length > 0 || frame.removed.length > 0) return null;
    for (const object of frame.added) {
      if (objects.has(object.$id) || additions.has(object.$id)) return null;
      // The wire schema checks only the tags; the records are the server mirror's, typed by their class.
      additions.set(object.$id, object as XapiObject);
      let entry = membership.get(object.$type);
      if (!entry) membership.set(object.$type, (entry = { appeared: new Set(), vanished: new Set() }));
      entry.appeared.add(object.$id);
    }
  }
  const extended = AppendOnlyMap.extend(objects, additions);
  return extended ? { objects: extended, membership } : null;
}

function rebuildAllTypes(objects: ReadonlyMap<string, XapiObject>): Map<string, readonly string[]> {
  const idsByType = new Map<string, string[]>();
  for (const object of objects.values()) {
    const ids = idsByType.get(object.$type);
    if (ids) ids.push(object.$id);
    else idsByType.set(object.$type, [object.$id]);
  }
  return idsByType;
}

/**
 * Rebuilds only the touched types' lists: ids that stayed keep their order, new ones are appended. Ids that only
 * appeared (a pool loading: batch after batch of new objects) cost their own number, not the whole list's.
 */
function rebuildTypes(
  previous: ReadonlyMap<string, readonly string[]>,
  objects: ReadonlyMap<string, XapiObject>,
  membership: ReadonlyMap<string, { appeared: ReadonlySet<string>; vanished: ReadonlySet<string> }>,
): ReadonlyMap<string, readonly string[]> {
  if (membership.size === 0) return previous;
  const idsByType = new Map(previous);
  for (const [type, { appeared, vanished }] of membership) {
    const old = previous.get(type) ?? [];
    const isOfType = (id: string) => objects.get(id)?.$type === type;
    if (vanished.size === 0) {
      // An id appears only when it was not of this type before the batch, so none is in `old` already.
      const ids = old.concat([...appeared].filter(isOfType));
      if (ids.length === 0) idsByType.delete(type);
      else idsByType.set(type, ids);
      continue;
    }
    const ids = old.filter((id) => !vanished.has(id) || isOfType(id));
    const present = new Set(ids);
    for (const id of appeared) if (!present.has(id) && isOfType(id)) ids.push(id);
    const final = ids.filter(isOfType);
    if (final.length === 0) idsByType.delete(type);
    else idsByType.set(type, final);
  }
  return idsByType;
}
