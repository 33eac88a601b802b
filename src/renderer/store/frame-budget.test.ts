import { describe, expect, it } from 'vitest';
import type { ObjectsDeltaFrame } from '../../shared/api/object-delta-schema.js';
import { frameSize, takeWithinBudget } from './frame-budget.js';

const vm = (id: string) => ({ $id: id, $type: 'VM', $pool: 'p1' });
const frame = (parts: Partial<ObjectsDeltaFrame>): ObjectsDeltaFrame => ({ reset: false, added: [], changed: [], removed: [], ...parts });
const entries = (frames: readonly ObjectsDeltaFrame[]) =>
  frames.flatMap((f) => [...f.added.map((o) => `+${o.$id}`), ...f.changed.map((c) => `~${c.$id}`), ...f.removed.map((id) => `-${id}`)]);

describe('takeWithinBudget', () => {
  it('takes whole frames while they fit and splits the one that crosses the budget, keeping every entry once and in order', () => {
    const queue = [
      frame({ reset: true, added: [vm('a'), vm('b')] }),
      frame({ added: [vm('c')], changed: [{ $id: 'a', fields: {} }, { $id: 'b', fields: {} }], removed: ['c'], more: true }),
      frame({ removed: ['a'] }),
    ];
    const all = entries(queue);
    const parts: ObjectsDeltaFrame[][] = [];
    while (queue.length > 0) parts.push(takeWithinBudget(queue, 4));
    expect(parts.map((part) => part.reduce((sum, f) => sum + frameSize(f), 0))).toEqual([4, 3]);
    expect(parts.flatMap(entries)).toEqual(all);
    expect(parts.flat().filter((f) => f.reset)).toHaveLength(1);
    expect(parts[0]![0]!.reset).toBe(true);
  });

  it('always takes something, so a queue drains whatever the budget', () => {
    const queue = [frame({ added: [vm('a'), vm('b')] })];
    expect(entries(takeWithinBudget(queue, 0))).toEqual(['+a']);
    expect(entries(takeWithinBudget(queue, 0))).toEqual(['+b']);
    expect(queue).toEqual([]);
  });

  it('passes empty frames along with the next entries', () => {
    const queue = [frame({}), frame({ added: [vm('a')] })];
    expect(takeWithinBudget(queue, 1)).toHaveLength(2);
  });
});
