import { describe, expect, it } from 'vitest';
import { maxWatchesPerClient, StatsWatches } from './stats-watches.js';

const watch = (clientId: string, watchId: string, ids: string[]) => ({ clientId, watchId, transient: false, resolution: '5s' as const, objectIds: new Set(ids) });

describe('StatsWatches', () => {
  it('counts watched objects across clients and forgets a closed client\'s watches', () => {
    const watches = new StatsWatches();
    watches.set(watch('a', 'cpu', ['vm1', 'vm2']));
    watches.set(watch('b', 'cpu', ['vm1']));
    watches.set(watch('a', 'cpu', ['vm3']));
    expect(['vm1', 'vm2', 'vm3'].map((id) => watches.watchesObject(id))).toEqual([true, false, true]);
    expect(watches.removeClient('a')).toBe(true);
    expect(watches.watchesObject('vm3')).toBe(false);
    expect(watches.remove('b', 'cpu')).toBe(true);
    expect([...watches.all()]).toEqual([]);
  });

  it('refuses a client more watches than a page needs, but lets it replace one', () => {
    const watches = new StatsWatches();
    for (let i = 0; i < maxWatchesPerClient; i++) expect(watches.set(watch('a', `w${i}`, ['vm']))).toBe(true);
    expect(watches.set(watch('a', 'one-more', ['vm']))).toBe(false);
    expect(watches.set(watch('a', 'w0', ['vm2']))).toBe(true);
    expect(watches.set(watch('b', 'w0', ['vm']))).toBe(true);
  });
});
