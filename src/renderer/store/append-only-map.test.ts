import { describe, expect, it } from 'vitest';
import { AppendOnlyMap } from './append-only-map.js';

const entries = (pairs: Array<[string, number]>) => new Map(pairs);

describe('AppendOnlyMap', () => {
  it('appends without changing what earlier views read', () => {
    const plain = entries([['a', 1]]);
    const first = AppendOnlyMap.extend(plain, entries([['b', 2]]))!;
    const second = AppendOnlyMap.extend(first, entries([['c', 3], ['d', 4]]))!;
    expect([...plain]).toEqual([['a', 1]]);
    expect([...first]).toEqual([['a', 1], ['b', 2]]);
    expect([...second]).toEqual([['a', 1], ['b', 2], ['c', 3], ['d', 4]]);
    expect([first.size, second.size]).toEqual([2, 4]);
    // A key added after a view is absent from it, by get, has and every iterator.
    expect(first.get('c')).toBeUndefined();
    expect(first.has('d')).toBe(false);
    expect(second.get('c')).toBe(3);
    expect([...first.keys()]).toEqual(['a', 'b']);
    expect([...first.values()]).toEqual([1, 2]);
    expect([...second.values()]).toEqual([1, 2, 3, 4]);
    const seen: string[] = [];
    first.forEach((value, key) => seen.push(`${key}${value}`));
    expect(seen).toEqual(['a1', 'b2']);
  });

  it('will not extend a view that is not the newest (the caller copies then), nor add a key that is there', () => {
    const first = AppendOnlyMap.extend(new Map<string, number>(), entries([['a', 1]]))!;
    AppendOnlyMap.extend(first, entries([['b', 2]]));
    expect(AppendOnlyMap.extend(first, entries([['x', 9]]))).toBeNull();
    expect(first.has('x')).toBe(false);
    const empty = AppendOnlyMap.extend(new Map<string, number>(), new Map())!;
    expect([...empty]).toEqual([]);
    expect(empty.size).toBe(0);
  });
});
