/**
 * Conformance with the real `xen-api` npm client (vatesfr/xen-orchestra), on both of its transports, over HTTPS
 * with the simulator's self-signed certificates.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'xen-api';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';

interface XapiObject { $type: string; $ref: string; $id: string; [k: string]: unknown }
interface Client {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  callAsync(method: string, ...args: unknown[]): Promise<unknown>;
  objects: { all: Record<string, XapiObject> };
  objectsFetched: Promise<void>;
  pool: XapiObject;
  _url: { hostname: string };
}

/** Polls `check` until it returns true (the client applies events asynchronously); fails after `ms`. */
async function eventually(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Object count the client should hold: every object of every class it lists through get_all_records. */
function expectedCount(pool: SimulatedPool): number {
  const types = new Set(pool.engine.methodNames().filter((m) => m.endsWith('.get_all_records') && !m.startsWith('Async.')).map((m) => m.split('.')[0]!));
  let n = 0;
  for (const cls of pool.engine.store.classes()) if (types.has(cls)) n += pool.engine.store.count(cls);
  return n;
}

const countOf = (pool: SimulatedPool, xapi: Client): { client: number; sim: number } => ({
  client: Object.keys(xapi.objects.all).length,
  sim: expectedCount(pool),
});

for (const [transport, addresses] of [['json-rpc', ['127.0.0.22', '127.0.0.23']], ['xml-rpc', ['127.0.0.32', '127.0.0.33']]] as const) {
  describe(`xen-api npm client over ${transport}`, () => {
    let pool: SimulatedPool;
    let xapi: Client;

    beforeAll(async () => {
      pool = await startSimulatedPool({ poolSeed: tinyPool([...addresses]), timeScale: 0.02 });
      xapi = createClient({ url: pool.masterUrl, auth: { user: 'root', password: 'xenith' }, allowUnauthorized: true, transport }) as unknown as Client;
      await xapi.connect();
      await xapi.objectsFetched;
    });
    afterAll(async () => {
      await xapi?.disconnect();
      await pool?.stop();
    });

    it('connects and its objects collection reaches the simulator object counts', async () => {
      expect(xapi.pool.$type).toBe('pool');
      await eventually(() => { const c = countOf(pool, xapi); return c.client === c.sim; });
      const vm1 = Object.values(xapi.objects.all).find((o) => o.$ref === 'OpaqueRef:vm1')!;
      expect(vm1.$type).toBe('VM');
      expect(vm1.VBDs).toEqual(['OpaqueRef:vbd1']);
    });

    it('callAsync VM.start resolves and the VM is Running with consoles on its host', async () => {
      await xapi.callAsync('VM.start', 'OpaqueRef:vm1', false, false);
      const vm = pool.engine.store.get('VM', 'OpaqueRef:vm1');
      expect(vm.power_state).toBe('Running');
      expect((vm.consoles as string[]).length).toBe(2);
      await eventually(() => Object.values(xapi.objects.all).some((o) => o.$ref === 'OpaqueRef:vm1' && o.power_state === 'Running'));
      await xapi.callAsync('VM.hard_shutdown', 'OpaqueRef:vm1');
      expect(pool.engine.store.get('VM', 'OpaqueRef:vm1').power_state).toBe('Halted');
    });

    it('delivers call errors with code and params', async () => {
      const err = (await xapi.call('VM.clean_shutdown', 'OpaqueRef:vm2').catch((e: unknown) => e)) as { code: string; params: string[] };
      expect(err.code).toBe('VM_BAD_POWER_STATE');
      expect(err.params).toEqual(['OpaqueRef:vm2', 'running', 'halted']);
      const err2 = (await xapi.callAsync('VM.start', 'OpaqueRef:tpl1', false, false).catch((e: unknown) => e)) as { code: string; params: string[] };
      expect(err2.code).toBe('VM_IS_TEMPLATE');
      expect(err2.params).toEqual(['OpaqueRef:tpl1']);
    });

    it('sees a change made through the control port in its collection', async () => {
      const res = await fetch(`${pool.controlUrl}/objects/VM/OpaqueRef:vm3`, { method: 'POST', body: JSON.stringify({ name_label: `changed-${transport}` }) });
      expect(res.status).toBe(200);
      await eventually(() => Object.values(xapi.objects.all).some((o) => o.$ref === 'OpaqueRef:vm3' && o.name_label === `changed-${transport}`));
    });

    it('follows HOST_IS_SLAVE from a member host to the master', async () => {
      const member = pool.hosts.find((h) => !h.master)!;
      const other = createClient({ url: member.url, auth: { user: 'root', password: 'xenith' }, allowUnauthorized: true, transport, watchEvents: false }) as unknown as Client;
      try {
        await other.connect();
        expect(other._url.hostname).toBe(addresses[0]);
        expect(await other.call('VM.get_name_label', 'OpaqueRef:vm2')).toBe('vm2');
      } finally {
        await other.disconnect();
      }
    });
  });
}
