import { describe, expect, it } from 'vitest';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import type { XapiRecords } from '../../shared/xapi/records.gen.js';
import { testRecord } from '../testing/test-record.js';
import { applyDeltas, emptyObjectIndex, type ObjectIndex } from './apply-delta.js';
import { selectObject } from './objects-store.js';

const vm = (id: string, fields: Partial<XapiRecords['VM']> = {}) => testRecord('VM', id, { name_label: id, power_state: 'Halted', ...fields });
const host = (id: string) => testRecord('host', id, { name_label: id });
const powerState = (index: ObjectIndex, id: string) => selectObject(id, 'VM')(index)?.power_state;
const frame = (parts: Partial<ObjectsDeltaFrame>): ObjectsDeltaFrame => ({ reset: false, added: [], changed: [], removed: [], ...parts });

function seeded(): ObjectIndex {
  return applyDeltas(emptyObjectIndex, [frame({ reset: true, added: [vm('a'), vm('b'), vm('c'), host('h1')] })]);
}

describe('applyDeltas', () => {
  it('indexes a snapshot by id and by type', () => {
    const index = seeded();
    expect([...index.objects.keys()]).toEqual(['a', 'b', 'c', 'h1']);
    expect(index.idsByType.get('VM')).toEqual(['a', 'b', 'c']);
    expect(index.idsByType.get('host')).toEqual(['h1']);
  });

  it('keeps untouched objects and untouched type lists identical, and copies the changed one', () => {
    const before = seeded();
    const after = applyDeltas(before, [frame({ changed: [{ $id: 'b', fields: { power_state: 'Running' } }] })]);
    expect(after.objects).not.toBe(before.objects);
    expect(after.objects.get('a')).toBe(before.objects.get('a'));
    expect(after.objects.get('c')).toBe(before.objects.get('c'));
    expect(after.objects.get('b')).not.toBe(before.objects.get('b'));
    expect(after.objects.get('b')).toEqual({ ...before.objects.get('b'), power_state: 'Running' });
    expect(powerState(before, 'b')).toBe('Halted');
    expect(after.idsByType).toBe(before.idsByType);
  });

  it('merges several changes of one object in a batch into one new object without touching the old one', () => {
    const before = seeded();
    const old = before.objects.get('a');
    const after = applyDeltas(before, [
      frame({ changed: [{ $id: 'a', fields: { power_state: 'Running' } }] }),
      frame({ changed: [{ $id: 'a', fields: { name_label: 'renamed' } }] }),
    ]);
    expect(after.objects.get('a')).toMatchObject({ power_state: 'Running', name_label: 'renamed' });
    expect(old).toMatchObject({ power_state: 'Halted', name_label: 'a' });
  });

  it('never lets a change overwrite the identity fields', () => {
    const after = applyDeltas(seeded(), [frame({ changed: [{ $id: 'a', fields: { $type: 'host', $pool: 'other' } }] })]);
    expect(after.objects.get('a')).toMatchObject({ $id: 'a', $type: 'VM', $pool: 'p1' });
  });

  it('adds and removes ids in the type index, leaving other types alone', () => {
    const before = seeded();
    const after = applyDeltas(before, [frame({ added: [vm('d')], removed: ['b'] })]);
    expect(after.idsByType.get('VM')).toEqual(['a', 'c', 'd']);
    expect(after.idsByType.get('host')).toBe(before.idsByType.get('host'));
    expect(after.objects.has('b')).toBe(false);
    expect(before.objects.has('b')).toBe(true);
  });

  it('drops a type from the index when its last object goes', () => {
    const after = applyDeltas(seeded(), [frame({ removed: ['h1'] })]);
    expect(after.idsByType.has('host')).toBe(false);
  });

  it('handles add then remove, and remove then add, inside one batch', () => {
    const after = applyDeltas(seeded(), [frame({ added: [vm('x')] }), frame({ removed: ['x', 'a'] }), frame({ added: [vm('a', { power_state: 'Running' })] })]);
    expect(after.objects.has('x')).toBe(false);
    expect(after.idsByType.get('VM')).toEqual(['a', 'b', 'c']);
    expect(powerState(after, 'a')).toBe('Running');
  });

  it('ignores changes and removals of objects it never had, returning the same index', () => {
    const before = seeded();
    expect(applyDeltas(before, [frame({ changed: [{ $id: 'nope', fields: { a: 1 } }], removed: ['gone'] })])).toBe(before);
    expect(applyDeltas(before, [frame({})])).toBe(before);
    expect(applyDeltas(before, [])).toBe(before);
  });

  it('a reset drops everything held before it, including earlier frames of the same batch', () => {
    const before = seeded();
    const after = applyDeltas(before, [
      frame({ added: [vm('stale')] }),
      frame({ reset: true, added: [vm('n1')] }),
      frame({ added: [host('h9')], changed: [{ $id: 'n1', fields: { power_state: 'Paused' } }] }),
    ]);
    expect([...after.objects.keys()]).toEqual(['n1', 'h9']);
    expect(powerState(after, 'n1')).toBe('Paused');
    expect(after.idsByType.get('VM')).toEqual(['n1']);
    expect(after.idsByType.get('host')).toEqual(['h9']);
  });

  it('an empty reset empties the store', () => {
    const after = applyDeltas(seeded(), [frame({ reset: true })]);
    expect(after.objects.size).toBe(0);
    expect(after.idsByType.size).toBe(0);
  });

  it('does not mutate the objects the server sent when a later frame changes them', () => {
    const sent = vm('z');
    const after = applyDeltas(seeded(), [frame({ added: [sent] }), frame({ changed: [{ $id: 'z', fields: { power_state: 'Running' } }] })]);
    expect(sent.power_state).toBe('Halted');
    expect(powerState(after, 'z')).toBe('Running');
  });

  it('a pool loading batch by batch: each batch of new objects is appended, and every earlier state reads as it was', () => {
    const states = [seeded()];
    for (let batch = 0; batch < 4; batch++) {
      states.push(applyDeltas(states.at(-1)!, [frame({ added: [vm(`v${batch}a`), vm(`v${batch}b`)] }), frame({ added: [host(`h${batch + 2}`)] })]));
    }
    // Then a change: the copying path, from the appended state.
    const changed = applyDeltas(states.at(-1)!, [frame({ changed: [{ $id: 'v1a', fields: { power_state: 'Running' } }] })]);
    const grown = applyDeltas(changed, [frame({ added: [vm('late')] })]);
    expect(states.map((state) => state.objects.size)).toEqual([4, 7, 10, 13, 16]);
    expect([...states[2]!.objects.keys()]).toEqual(['a', 'b', 'c', 'h1', 'v0a', 'v0b', 'h2', 'v1a', 'v1b', 'h3']);
    expect(states[2]!.objects.has('v2a')).toBe(false);
    expect(states[2]!.objects.get('v2a')).toBeUndefined();
    expect(states[2]!.idsByType.get('VM')).toEqual(['a', 'b', 'c', 'v0a', 'v0b', 'v1a', 'v1b']);
    expect(states[4]!.idsByType.get('host')).toEqual(['h1', 'h2', 'h3', 'h4', 'h5']);
    expect(powerState(states[4]!, 'v1a')).toBe('Halted');
    expect(powerState(changed, 'v1a')).toBe('Running');
    expect(grown.objects.get('late')).toBeDefined();
    expect(changed.objects.has('late')).toBe(false);
    // An object sent again (the server's re-add) is not an append: it replaces, as ever.
    const readded = applyDeltas(grown, [frame({ added: [vm('late', { name_label: 'renamed' })] })]);
    expect(readded.objects.get('late')?.$type === 'VM' && (readded.objects.get('late') as { name_label: string }).name_label).toBe('renamed');
    expect((grown.objects.get('late') as { name_label: string }).name_label).toBe('late');
    expect(readded.objects.size).toBe(grown.objects.size);
  });
});
