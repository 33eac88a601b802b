import { describe, expect, it } from 'vitest';
import type { PoolLoading } from '../../shared/api/pool-schema.js';
import { ObjectMirror } from '../cache/object-mirror.js';
import { silentLogger } from '../logging/logger.js';
import { PoolFeed, type FeedRpc } from './pool-feed.js';
import { xapiFailure } from './pool-rpc.js';
import type { RecordMap } from './record-map-scanner.js';

type Tables = Record<string, RecordMap>;

/**
 * A pool's answers, in memory: `get_all_records` per class (in two batches, as a streamed answer comes), and
 * event.from answering from a queue the test fills (each entry a batch of events or a failure).
 */
function fakePool(tables: Tables) {
  const fetched: string[] = [];
  const events: (Error | { class: string; operation: string; ref: string; snapshot?: Record<string, unknown> }[])[] = [];
  let wake: (() => void) | null = null;
  let injects = 0;
  const rpc: FeedRpc = {
    async call<T>(method: string, params: readonly unknown[]): Promise<T> {
      if (method === 'event.inject') return `token-${++injects}` as T;
      if (method !== 'event.from') throw new Error(`unexpected ${method}`);
      if (params[2] === 0.1) {
        const counts = Object.fromEntries(Object.entries(tables).map(([type, rows]) => [type.toLowerCase(), Object.keys(rows).length]));
        return { events: [], valid_ref_counts: counts, token: 'counts' } as T;
      }
      while (events.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const next = events.shift()!;
      if (next instanceof Error) throw next;
      return { events: next, token: 'next' } as T;
    },
    async allRecords(type: string, onBatch: (records: RecordMap) => void): Promise<void> {
      fetched.push(type);
      const entries = Object.entries(tables[type] ?? {});
      const half = Math.ceil(entries.length / 2);
      // Each record a fresh object, as a parse makes: the mirror adopts what it is given.
      const copy = (part: typeof entries) => Object.fromEntries(part.map(([ref, record]) => [ref, structuredClone(record)]));
      await Promise.resolve();
      onBatch(copy(entries.slice(0, half)));
      await Promise.resolve();
      if (entries.length > half) onBatch(copy(entries.slice(half)));
    },
  };
  return {
    rpc,
    fetched,
    get injects() {
      return injects;
    },
    push(next: (typeof events)[number]) {
      events.push(next);
      wake?.();
    },
  };
}

const tables = (): Tables => ({
  pool: { 'OpaqueRef:pool': { name_label: 'p', master: 'OpaqueRef:h1' } },
  host: { 'OpaqueRef:h1': { name_label: 'h1' }, 'OpaqueRef:h2': { name_label: 'h2' } },
  VM: { 'OpaqueRef:v1': { name_label: 'v1', power_state: 'Halted' }, 'OpaqueRef:v2': { name_label: 'v2', power_state: 'Halted' }, 'OpaqueRef:v3': { name_label: 'v3', power_state: 'Running' } },
  VBD: { 'OpaqueRef:b1': { VM: 'OpaqueRef:v1' } },
  SR: { 'OpaqueRef:sr': { name_label: 'sr' } },
  session: { 'OpaqueRef:s': { uuid: 's' } },
});

function startFeed(pool: ReturnType<typeof fakePool>, mirror: ObjectMirror, classes: readonly string[]) {
  const progress: (PoolLoading | null)[] = [];
  const seen: string[] = [];
  const lost: unknown[] = [];
  const complete = new Promise<void>((resolve) => {
    const feed = new PoolFeed({
      poolId: 'p1',
      poolRef: 'OpaqueRef:pool',
      classes,
      mirror,
      rpc: pool.rpc,
      logger: silentLogger,
      renewSession: async () => {
        seen.push('renewed');
      },
      onProgress: (loading) => progress.push(loading),
      onListed: () => seen.push(`listed with ${mirror.size} objects`),
      onComplete: () => {
        seen.push('complete');
        resolve();
      },
      onLost: (error) => lost.push(error),
      eventDebounceMs: 0,
      progressIntervalMs: 0,
    });
    feed.start();
    stops.push(() => feed.stop());
  });
  return { progress, seen, lost, complete };
}

const stops: (() => void)[] = [];
const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 1));
  expect(check()).toBe(true);
};

describe('PoolFeed', () => {
  it('loads the first rows first, then VMs, then the rest, and never what the mirror skips', async () => {
    const pool = fakePool(tables());
    const mirror = new ObjectMirror();
    const run = startFeed(pool, mirror, ['VBD', 'VM', 'session', 'SR', 'host', 'pool']);
    await run.complete;
    stops.pop()!();
    expect(pool.fetched.slice(0, 3).sort()).toEqual(['SR', 'host', 'pool']);
    expect(pool.fetched.slice(3)).toEqual(['VM', 'VBD']);
    // Listed once the pool, its hosts and its storage were in: 4 objects, no VM yet.
    expect(run.seen).toEqual(['listed with 4 objects', 'complete']);
    expect(mirror.size).toBe(8);
    expect(mirror.object('OpaqueRef:s')).toBeUndefined();
    expect(run.progress[0]).toEqual({ vms: 0, vmsTotal: 3, objects: 0, objectsTotal: 8 });
    expect(run.progress.at(-2)).toEqual({ vms: 3, vmsTotal: 3, objects: 8, objectsTotal: 8 });
    expect(run.progress.at(-1)).toBeNull();
  });

  it('applies events as they come: additions, changes and removals', async () => {
    const pool = fakePool(tables());
    const mirror = new ObjectMirror();
    const run = startFeed(pool, mirror, ['pool', 'host', 'VM']);
    await run.complete;
    pool.push([
      { class: 'vm', operation: 'mod', ref: 'OpaqueRef:v1', snapshot: { name_label: 'v1', power_state: 'Running' } },
      { class: 'vm', operation: 'add', ref: 'OpaqueRef:v4', snapshot: { name_label: 'v4', power_state: 'Halted' } },
      { class: 'host', operation: 'del', ref: 'OpaqueRef:h2' },
      { class: 'session', operation: 'add', ref: 'OpaqueRef:s2', snapshot: {} },
    ]);
    await until(() => mirror.object('OpaqueRef:v4') !== undefined);
    stops.pop()!();
    expect(mirror.get('OpaqueRef:v1', 'VM')?.power_state).toBe('Running');
    expect(mirror.object('OpaqueRef:h2')).toBeUndefined();
    expect(mirror.object('OpaqueRef:s2')).toBeUndefined();
  });

  it('reloads everything in place when events were lost, removing what is gone, and after a new login', async () => {
    const data = tables();
    const pool = fakePool(data);
    const mirror = new ObjectMirror();
    const run = startFeed(pool, mirror, ['pool', 'host', 'VM']);
    await run.complete;
    delete data.VM!['OpaqueRef:v2'];
    pool.push(xapiFailure('EVENTS_LOST', []));
    await until(() => mirror.object('OpaqueRef:v2') === undefined);
    expect(pool.injects).toBe(2);
    pool.push(xapiFailure('SESSION_INVALID', ['OpaqueRef:old']));
    await until(() => pool.injects === 3);
    stops.pop()!();
    expect(run.seen).toEqual(['listed with 3 objects', 'complete', 'renewed']);
    expect(run.lost).toEqual([]);
    expect(mirror.get('OpaqueRef:v1', 'VM')).toBeDefined();
  });

  it('reports a lost connection on any other failure, and stops', async () => {
    const pool = fakePool(tables());
    const mirror = new ObjectMirror();
    const run = startFeed(pool, mirror, ['pool', 'host']);
    await run.complete;
    pool.push(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    await until(() => run.lost.length === 1);
    expect(pool.injects).toBe(1);
    stops.pop()!();
  });

  it('skips a class the pool refuses to list, keeping what the mirror had of it, and fails on a lost connection', async () => {
    const data = tables();
    const pool = fakePool(data);
    const listAll = pool.rpc.allRecords.bind(pool.rpc);
    let refuse: Error | null = null;
    pool.rpc.allRecords = async (type, onBatch, options) => {
      if (type === 'VBD' && refuse) throw refuse;
      return listAll(type, onBatch, options);
    };
    const mirror = new ObjectMirror();
    const run = startFeed(pool, mirror, ['pool', 'host', 'VM', 'VBD']);
    await run.complete;
    refuse = xapiFailure('PERMISSION_DENIED', ['VBD.get_all_records']);
    delete data.VM!['OpaqueRef:v3'];
    pool.push(xapiFailure('EVENTS_LOST', []));
    await until(() => mirror.object('OpaqueRef:v3') === undefined);
    expect(mirror.get('OpaqueRef:b1', 'VBD')).toBeDefined();
    expect(run.lost).toEqual([]);
    refuse = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    pool.push(xapiFailure('EVENTS_LOST', []));
    await until(() => run.lost.length === 1);
    stops.pop()!();
  });
});
