/** The behaviour operations through the real `xen-api` npm client: callAsync results, errors and collection updates. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'xen-api';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';

interface XapiObject { $type: string; $ref: string; [k: string]: unknown }
interface Client {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  callAsync(method: string, ...args: unknown[]): Promise<unknown>;
  getObjectByRef(ref: string, fallback?: unknown): XapiObject | undefined;
  objectsFetched: Promise<void>;
}

/** Polls until the client's collection satisfies `check` (it applies events asynchronously). */
async function eventually(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 25));
  }
}

let pool: SimulatedPool;
let xapi: Client;

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.186', '127.0.0.187']), timeScale: 0.01 });
  xapi = createClient({ url: pool.masterUrl, auth: { user: 'root', password: 'xenith' }, allowUnauthorized: true }) as unknown as Client;
  await xapi.connect();
  await xapi.objectsFetched;
});
afterAll(async () => {
  await xapi?.disconnect();
  await pool?.stop();
});

describe('behaviour through the xen-api client', () => {
  it("callAsync('VM.clone') resolves with the new VM's ref, which reaches the collection", async () => {
    const ref = String(await xapi.callAsync('VM.clone', 'OpaqueRef:vm1', 'clone via xen-api'));
    expect(ref).toMatch(/^OpaqueRef:[0-9a-f-]{36}$/);
    await eventually(() => xapi.getObjectByRef(ref, null)?.name_label === 'clone via xen-api');
    expect(xapi.getObjectByRef(ref)).toMatchObject({ $type: 'VM', power_state: 'Halted', is_a_template: false });
  });

  it('errors carry the XAPI code and params', async () => {
    await xapi.callAsync('VM.start', 'OpaqueRef:vm2', false, false);
    const err = (await xapi.call('VM.clone', 'OpaqueRef:vm2', 'nope').catch((e: unknown) => e)) as { code: string; params: string[] };
    expect(err).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm2', 'halted', 'running'] });
    const async = (await xapi.callAsync('VM.snapshot', 'OpaqueRef:dom0-1', 'nope', []).catch((e: unknown) => e)) as { code: string };
    expect(async.code).toBe('OPERATION_NOT_ALLOWED');
  });

  it("get_vms_which_prevent_evacuation, then callAsync('host.evacuate') moves the guests, seen in the collection", async () => {
    const host1 = 'OpaqueRef:host1';
    await xapi.callAsync('VM.start_on', 'OpaqueRef:vm3', host1, false, false);
    const blocking = (await xapi.call('host.get_vms_which_prevent_evacuation', host1)) as Record<string, string[]>;
    expect(blocking['OpaqueRef:vm3']).toEqual(['VM_REQUIRES_SR', 'OpaqueRef:vm3', 'OpaqueRef:sr1']);
    await xapi.call('PBD.create', { SR: 'OpaqueRef:sr1', host: 'OpaqueRef:host2', currently_attached: true, device_config: {} });
    expect(await xapi.call('host.get_vms_which_prevent_evacuation', host1)).toEqual({});
    await xapi.call('host.disable', host1);
    expect(await xapi.callAsync('host.evacuate', host1)).toBe('');
    await eventually(() => xapi.getObjectByRef('OpaqueRef:vm3')?.resident_on === 'OpaqueRef:host2' && xapi.getObjectByRef('OpaqueRef:vm2')?.resident_on === 'OpaqueRef:host2');
    await eventually(() => (xapi.getObjectByRef(host1)?.resident_VMs as string[]).length === 1);
    expect(xapi.getObjectByRef(host1)?.allowed_operations).toEqual(expect.arrayContaining(['reboot', 'shutdown', 'enable']));
  });
});
