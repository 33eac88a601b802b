import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';

interface Ev { id: string; class: string; operation: string; ref: string; snapshot?: Record<string, unknown> }
interface Batch { events: Ev[]; valid_ref_counts: Record<string, number>; token: string }

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const from = (classes: string[], token: string, timeout = 0.05): Promise<Batch> => call('event.from', classes, token, timeout) as Promise<Batch>;

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.62', '127.0.0.63']), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('event.from', () => {
  it('returns an add for every object with the empty token, and tokens that order lexicographically', async () => {
    const first = await from(['*'], '');
    expect(first.token).toMatch(/^\d{20},\d{20}$/);
    const vmAdds = first.events.filter((e) => e.class === 'vm');
    expect(vmAdds.length).toBe(pool.engine.store.count('VM'));
    expect(vmAdds.every((e) => e.operation === 'add' && e.snapshot !== undefined)).toBe(true);
    expect(first.events.some((e) => e.class === 'session')).toBe(false);
    expect(first.valid_ref_counts.vm).toBe(pool.engine.store.count('VM'));
    expect(typeof first.valid_ref_counts.task).toBe('number');
    await call('VM.set_name_description', 'OpaqueRef:vm1', 'x');
    const second = await from(['vm'], first.token);
    expect(second.token > first.token).toBe(true);
    // 9 → 10 digits must still compare right: tokens are zero-padded
    expect('00000000000000000009,00000000000000000000' < '00000000000000000010,00000000000000000000').toBe(true);
  });

  it('coalesces a create and a modify after the token into one add, and reports a delete without snapshot', async () => {
    const t0 = (await from(['network'], '')).token;
    const net = String(await call('network.create', { name_label: 'a' }));
    await call('network.set_name_label', net, 'b');
    await call('network.add_to_other_config', net, 'k', 'v');
    const b1 = await from(['network'], t0);
    const mine = b1.events.filter((e) => e.ref === net);
    expect(mine.length).toBe(1);
    expect(mine[0]).toMatchObject({ operation: 'add', class: 'network' });
    expect(mine[0]!.snapshot).toMatchObject({ name_label: 'b', other_config: { k: 'v' } });
    await call('network.destroy', net);
    const b2 = await from(['network'], b1.token);
    const del = b2.events.find((e) => e.ref === net)!;
    expect(del.operation).toBe('del');
    expect('snapshot' in del).toBe(false);
    // created and deleted after the token: the client never saw it, so nothing is reported
    const net2 = String(await call('network.create', { name_label: 'c' }));
    await call('network.destroy', net2);
    expect((await from(['network'], b2.token)).events.filter((e) => e.ref === net2)).toEqual([]);
  });

  it('filters by class and by class/ref, and reports modifications of related objects', async () => {
    const t = (await from(['*'], '')).token;
    await call('VM.set_name_description', 'OpaqueRef:vm2', 'only vm2');
    await call('VM.set_name_description', 'OpaqueRef:vm3', 'only vm3');
    const one = await from(['VM/OpaqueRef:vm2'], t);
    expect(one.events.map((e) => e.ref)).toEqual(['OpaqueRef:vm2']);
    expect((await from(['host'], t)).events).toEqual([]);
    await errorOf(from(['a/b/c'], t)).then((e) => expect(e.code).toBe('EVENT_SUBSCRIPTION_PARSE_FAILURE'));
    await errorOf(from(['*'], 'garbage')).then((e) => expect(e).toMatchObject({ code: 'EVENT_FROM_TOKEN_PARSE_FAILURE', params: ['garbage'] }));
  });

  it('blocks until a change arrives, and returns an empty batch at the timeout', async () => {
    const t = (await from(['*'], '')).token;
    const empty = await from(['vm'], t, 0.2);
    expect(empty.events).toEqual([]);
    const waiting = from(['vm'], empty.token, 30);
    setTimeout(() => void fetch(`${pool.controlUrl}/objects/VM/OpaqueRef:vm3`, { method: 'POST', body: '{"name_label":"woken"}' }), 100);
    const woke = await waiting;
    expect(woke.events.map((e) => [e.ref, e.operation, e.snapshot?.name_label])).toEqual([['OpaqueRef:vm3', 'mod', 'woken']]);
  });

  it('inject returns a token just before a mod of that object; unknown refs are HANDLE_INVALID', async () => {
    const token = String(await call('event.inject', 'pool', pool.engine.poolRef()));
    const b = await from(['pool'], token);
    expect(b.events).toMatchObject([{ class: 'pool', operation: 'mod', ref: pool.engine.poolRef() }]);
    expect((await errorOf(call('event.inject', 'VM', 'OpaqueRef:nope'))).code).toBe('HANDLE_INVALID');
  });

  it('sends valid_ref_counts as <i4> over XML-RPC', async () => {
    const body = `<?xml version="1.0"?><methodCall><methodName>event.from</methodName><params><param><value>${s}</value></param><param><value><array><data><value>pool</value></data></array></value></param><param><value></value></param><param><value><double>0.01</double></value></param></params></methodCall>`;
    const xml = await (await fetch(`${pool.masterUrl}/`, { method: 'POST', body, headers: { 'content-type': 'text/xml' } })).text();
    expect(xml).toMatch(/<name>valid_ref_counts<\/name><value><struct>(<member><name>[^<]+<\/name><value><i4>\d+<\/i4><\/value><\/member>)+<\/struct>/);
    expect(xml).toContain('<name>operation</name><value>add</value>');
  });
});

describe('legacy event.register / event.next', () => {
  it('queues events after register and needs registration', async () => {
    const s2 = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
    expect(await errorOf(jsonRpc(pool.masterUrl, 'event.next', [s2]))).toMatchObject({ code: 'SESSION_NOT_REGISTERED', params: [s2] });
    await jsonRpc(pool.masterUrl, 'event.register', [s2, ['vm']]);
    await call('VM.set_name_description', 'OpaqueRef:vm1', 'legacy');
    const evs = (await jsonRpc(pool.masterUrl, 'event.next', [s2])) as Ev[];
    expect(evs.some((e) => e.ref === 'OpaqueRef:vm1' && e.operation === 'mod' && e.snapshot?.name_description === 'legacy')).toBe(true);
    await jsonRpc(pool.masterUrl, 'event.unregister', [s2, ['vm']]);
    expect((await errorOf(jsonRpc(pool.masterUrl, 'event.next', [s2]))).code).toBe('SESSION_NOT_REGISTERED');
  });

  it('raises EVENTS_LOST when the queue overflows', async () => {
    const s3 = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
    await jsonRpc(pool.masterUrl, 'event.register', [s3, ['vm']]);
    const big = 'x'.repeat(100_000);
    for (let i = 0; i < 120; i++) pool.engine.store.update('VM', 'OpaqueRef:vm2', { other_config: { big, i: String(i) } });
    expect((await errorOf(jsonRpc(pool.masterUrl, 'event.next', [s3]))).code).toBe('EVENTS_LOST');
  });
});
