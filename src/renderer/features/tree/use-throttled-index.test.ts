import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ObjectsDeltaFrame } from '../../../shared/api/object-delta-schema.js';
import { emptyObjectIndex, type ObjectIndex } from '../../store/apply-delta.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { testRecord } from '../../testing/test-record.js';
import { followThrottled, treeFollowInterval } from './use-throttled-index.js';

const add = (id: string): ObjectsDeltaFrame => ({ reset: false, added: [testRecord('VM', id, { name_label: id })], changed: [], removed: [] });

beforeEach(() => {
  vi.useFakeTimers();
  useObjectsStore.setState({ ...emptyObjectIndex });
});
afterEach(() => vi.useRealTimers());

describe('followThrottled', () => {
  it('passes a change on at once after a quiet spell, then at most once per interval, the last change always', () => {
    const shown: ObjectIndex[] = [];
    const stop = followThrottled(useObjectsStore, () => 200, (index) => shown.push(index));
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(300);
    useObjectsStore.getState().applyBatch([add('a')]);
    expect(shown.map((index) => index.objects.size)).toEqual([0, 1]);
    // A burst: nothing more until the interval is over, then the newest state once.
    for (const id of ['b', 'c', 'd']) {
      vi.advanceTimersByTime(16);
      useObjectsStore.getState().applyBatch([add(id)]);
    }
    expect(shown).toHaveLength(2);
    vi.advanceTimersByTime(200);
    expect(shown.map((index) => index.objects.size)).toEqual([0, 1, 4]);
    // A store update that changes no object (applyBatch of nothing) is not passed on.
    useObjectsStore.setState({ ...useObjectsStore.getState() });
    vi.advanceTimersByTime(1000);
    expect(shown).toHaveLength(3);
    stop();
    useObjectsStore.getState().applyBatch([add('e')]);
    vi.advanceTimersByTime(1000);
    expect(shown).toHaveLength(3);
  });

  it('passes every change on at once while the interval is 0, and throttles as soon as it is not', () => {
    let interval = 0;
    const shown: number[] = [];
    const stop = followThrottled(useObjectsStore, () => interval, (index) => shown.push(index.objects.size));
    for (const id of ['a', 'b', 'c']) {
      vi.advanceTimersByTime(1);
      useObjectsStore.getState().applyBatch([add(id)]);
    }
    expect(shown).toEqual([0, 1, 2, 3]);
    interval = 100;
    vi.advanceTimersByTime(1);
    useObjectsStore.getState().applyBatch([add('d')]);
    expect(shown).toEqual([0, 1, 2, 3]);
    vi.advanceTimersByTime(100);
    expect(shown).toEqual([0, 1, 2, 3, 4]);
    stop();
  });
});

describe('treeFollowInterval', () => {
  it('lets a cheap rebuild follow at once and keeps an expensive one to about a tenth of the time, at most 200 ms', () => {
    expect(treeFollowInterval(0.3)).toBe(0);
    expect(treeFollowInterval(3.9)).toBe(0);
    expect(treeFollowInterval(8)).toBe(80);
    expect(treeFollowInterval(45)).toBe(200);
  });
});
