import { beforeEach, describe, expect, it } from 'vitest';
import { testRecord } from '../testing/test-record.js';
import { emptyObjectIndex } from './apply-delta.js';
import { selectIdsOfType, selectIdsOfTypeInPool, selectObject, useObjectsStore } from './objects-store.js';

beforeEach(() => useObjectsStore.setState({ ...emptyObjectIndex }));

const seed = () =>
  useObjectsStore.getState().applyBatch([
    {
      reset: true,
      changed: [],
      removed: [],
      added: [
        testRecord('VM', 'v1', { power_state: 'Halted' }),
        testRecord('VM', 'v2', { power_state: 'Running' }, 'p2'),
        testRecord('host', 'h1'),
      ],
    },
  ]);

describe('useObjectsStore', () => {
  it('selects narrowly: by id (of a class, when given), ids by class, ids by class and pool', () => {
    seed();
    const state = useObjectsStore.getState();
    expect(selectObject('v2')(state)?.$pool).toBe('p2');
    expect(selectObject('v2', 'VM')(state)?.power_state).toBe('Running');
    expect(selectObject('h1', 'VM')(state)).toBeUndefined();
    expect(selectObject('h1', 'host')(state)?.$id).toBe('h1');
    expect(selectIdsOfType('VM')(state)).toEqual(['v1', 'v2']);
    expect(selectIdsOfType('SR')(state)).toEqual([]);
    expect(selectIdsOfType('SR')(state)).toBe(selectIdsOfType('network')(state));
    expect(selectIdsOfTypeInPool('VM', 'p2')(state)).toEqual(['v2']);
  });

  it('wakes subscribers once per batch, and not at all for a batch that changes nothing', () => {
    seed();
    let updates = 0;
    const off = useObjectsStore.subscribe(() => updates++);
    const { applyBatch } = useObjectsStore.getState();
    applyBatch([
      { reset: false, added: [], removed: [], changed: [{ $id: 'v1', fields: { power_state: 'Running' } }] },
      { reset: false, added: [], removed: ['h1'], changed: [{ $id: 'v2', fields: { power_state: 'Halted' } }] },
    ]);
    applyBatch([{ reset: false, added: [], removed: ['unknown'], changed: [] }]);
    off();
    expect(updates).toBe(1);
    expect(selectObject('v1', 'VM')(useObjectsStore.getState())?.power_state).toBe('Running');
  });
});
