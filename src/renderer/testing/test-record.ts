import { fieldKinds } from '../../shared/xapi/fields.gen.js';
import type { XapiClass, XapiObject, XapiRecord } from '../../shared/xapi/objects.js';
import type { XapiRecords } from '../../shared/xapi/records.gen.js';
import { applyDeltas, emptyObjectIndex, type ObjectIndex } from '../store/apply-delta.js';

/** Fresh empty values by field kind (see fields.gen.ts); booleans have none, so a test says which it means. */
const emptyByKind: Record<string, () => unknown> = {
  i: () => 0,
  f: () => 0,
  s: () => '',
  d: () => '',
  S: () => [],
  M: () => ({}),
  Mi: () => ({}),
  Mf: () => ({}),
};

/**
 * Test data: a mirrored record of class `type` holding `fields`, in pool `pool`. A pool's records carry every
 * field, so the others are filled in empty ('', 0, [], {}); booleans are left out unless given.
 */
export function testRecord<C extends XapiClass>(type: C, id: string, fields: Partial<XapiRecords[C]> = {}, pool = 'p1'): XapiRecord<C> {
  const record: Record<string, unknown> = {};
  for (const [field, kind] of Object.entries(fieldKinds[type] ?? {})) {
    const empty = emptyByKind[kind];
    if (empty) record[field] = empty();
  }
  return Object.assign(record, fields, { $id: id, $type: type, $pool: pool }) as unknown as XapiRecord<C>;
}

/** Test data: a mirror holding exactly `objects`, as the store holds it after a snapshot. */
export function testIndex(objects: readonly XapiObject[]): ObjectIndex {
  return applyDeltas(emptyObjectIndex, [{ reset: true, added: objects, changed: [], removed: [] }]);
}
