import { afterEach, describe, expect, it } from 'vitest';
import { testRecord } from '../../testing/test-record.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { followObjectKinds, staleKeys } from './follow-object-kinds.js';
import { useTreeUiStore } from './tree-ui-store.js';

afterEach(() => {
  useObjectsStore.getState().applyBatch([{ reset: true, added: [], changed: [], removed: [] }]);
  useTreeUiStore.setState({ selectedKey: null, selectedKeys: [], focusedKey: null, history: [], historyIndex: -1 });
});

describe('the selection follows an object whose kind changes', () => {
  it('finds selected VM and template keys that no longer match their object', () => {
    const vm = testRecord('VM', 'v1', { is_a_template: false });
    const template = testRecord('VM', 't1', { is_a_template: true });
    const objects = new Map<string, typeof vm>([['v1', vm], ['t1', template]]);
    expect(staleKeys(['template:v1', 'vm:t1', 'vm:v1', 'host:h1', 'vm:gone'], (id) => objects.get(id))).toEqual([
      ['template:v1', 'vm:v1'],
      ['vm:t1', 'template:t1'],
    ]);
  });

  it('re-keys the selection when a new VM stops being a template after its job selected it', () => {
    const stop = followObjectKinds();
    useObjectsStore.getState().applyBatch([{ reset: false, added: [testRecord('VM', 'v1', { is_a_template: true })], changed: [], removed: [] }]);
    useTreeUiStore.getState().select('template:v1');
    expect(useTreeUiStore.getState().selectedKey).toBe('template:v1');
    useObjectsStore.getState().applyBatch([{ reset: false, added: [], changed: [{ $id: 'v1', fields: { is_a_template: false } }], removed: [] }]);
    expect(useTreeUiStore.getState()).toMatchObject({ selectedKey: 'vm:v1', selectedKeys: ['vm:v1'], focusedKey: 'vm:v1', history: ['vm:v1'] });
    stop();
  });
});
