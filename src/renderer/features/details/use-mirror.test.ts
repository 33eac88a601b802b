import { describe, expect, it } from 'vitest';
import { shareUnchanged } from './use-mirror.js';

describe('shareUnchanged', () => {
  it('keeps the previous value when nothing changed', () => {
    const previous = [{ id: 1 }, { id: 2 }];
    expect(shareUnchanged(previous, [{ id: 1 }, { id: 2 }])).toBe(previous);
    const record = { name: 'vm' };
    expect(shareUnchanged(record, { name: 'vm' })).toBe(record);
  });

  it('keeps the identity of unchanged rows when one row changes', () => {
    const previous = [{ id: 1 }, { id: 2 }, { id: 3 }];
    const next = shareUnchanged(previous, [{ id: 1 }, { id: 20 }, { id: 3 }, { id: 4 }]);
    expect(next).not.toBe(previous);
    expect(next[0]).toBe(previous[0]);
    expect(next[1]).toEqual({ id: 20 });
    expect(next[2]).toBe(previous[2]);
    expect(next).toHaveLength(4);
  });
});
