/** Blobs (blob.create, VM.create_new_blob, GET/PUT /blob), snapshot trees across reverts, and checkpoints that resume where they were. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { ConsoleHub } from '#sim/rfb/console-hub.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';
import { connectConsole, RfbTestClient } from './rfb-client.js';
import { tinyPool } from './tiny-pool.js';

const HOSTS: [string, string] = ['127.0.0.186', '127.0.0.187'];
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const blobUrl = (query: string): string => `${pool.masterUrl}/blob?${query}`;

/** A viewer on the VM's RFB console, through the host it runs on. */
async function openConsoleOn(vm: string, address: string): Promise<RfbTestClient> {
  for (const c of (await call('VM.get_consoles', vm)) as string[]) {
    const rec = (await call('console.get_record', c)) as { protocol: string; uuid: string };
    if (rec.protocol !== 'rfb') continue;
    const { socket } = await connectConsole(address, Number(new URL(pool.masterUrl).port), `/console?uuid=${rec.uuid}`, `session_id=${s}`);
    return RfbTestClient.open(socket, '003.003');
  }
  throw new Error('no rfb console');
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  await call('PBD.create', { SR: 'OpaqueRef:sr1', host: 'OpaqueRef:host2', currently_attached: true, device_config: {} });
});
afterAll(async () => pool?.stop());

describe('blobs', () => {
  it('VM.create_new_blob names a blob in the VM; PUT stores it (Content-Length required), GET reads it with its type', async () => {
    const blob = String(await call('VM.create_new_blob', 'OpaqueRef:vm1', 'XenCenter.VNCSnapshot', 'image/png', false));
    expect(get('VM', 'OpaqueRef:vm1').blobs).toEqual({ 'XenCenter.VNCSnapshot': blob });
    expect(get('blob', blob)).toMatchObject({ mime_type: 'image/png', size: 0, public: false });
    expect(await errorOf(call('VM.create_new_blob', 'OpaqueRef:vm1', 'XenCenter.VNCSnapshot', 'image/png', false))).toMatchObject({ code: 'MAP_DUPLICATE_KEY' });

    expect((await fetch(blobUrl(`ref=${blob}&session_id=${s}`))).status).toBe(404); // never written
    const body = Buffer.from('\x89PNG fake image bytes');
    const put = await fetch(blobUrl(`ref=${blob}&session_id=${s}`), { method: 'PUT', body });
    expect(put.status).toBe(200);
    expect(get('blob', blob)).toMatchObject({ size: body.length });
    expect((get('blob', blob).last_updated as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    const read = await fetch(blobUrl(`uuid=${String(get('blob', blob).uuid)}&session_id=${s}`));
    expect(read.status).toBe(200);
    expect(read.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await read.arrayBuffer())).toEqual(body);
  });

  it('refuses a missing ref, an unknown blob, a private blob without a session, and a PUT without a length', async () => {
    const blob = String(await call('blob.create', 'text/plain', false));
    expect((await fetch(blobUrl('nothing=1'))).status).toBe(400);
    expect((await fetch(blobUrl(`ref=OpaqueRef:nope&session_id=${s}`))).status).toBe(404);
    expect((await fetch(blobUrl(`ref=${blob}`))).status).toBe(401);
    expect((await fetch(blobUrl(`ref=${blob}`), { method: 'PUT', body: 'x' })).status).toBe(401);
    const chunked = await fetch(blobUrl(`ref=${blob}&session_id=${s}`), {
      method: 'PUT',
      body: new ReadableStream({ start: (c) => { c.enqueue(new TextEncoder().encode('x')); c.close(); } }),
      duplex: 'half',
    } as RequestInit);
    expect(chunked.status).toBe(411);
    const open = String(await call('blob.create', '', true));
    expect(get('blob', open).mime_type).toBe('application/octet-stream');
    await fetch(blobUrl(`ref=${open}&session_id=${s}`), { method: 'PUT', body: 'public' });
    expect(await (await fetch(blobUrl(`ref=${open}`))).text()).toBe('public');
  });

  it("completes the client's task_id of an upload, and fails it when the upload is refused", async () => {
    const blob = String(await call('blob.create', 'text/plain', false));
    const ok = String(await call('task.create', 'upload', ''));
    expect((await fetch(blobUrl(`ref=${blob}&session_id=${s}&task_id=${ok}`), { method: 'PUT', body: 'x' })).status).toBe(200);
    expect(get('task', ok)).toMatchObject({ status: 'success' });
    const refused = String(await call('task.create', 'upload', ''));
    expect((await fetch(blobUrl(`ref=OpaqueRef:nope&session_id=${s}&task_id=${refused}`), { method: 'PUT', body: 'x' })).status).toBe(404);
    expect(get('task', refused)).toMatchObject({ status: 'failure', error_info: ['HANDLE_INVALID', 'Unknown reference'] });
  });

  it('blob.destroy drops it from the VM; destroying a snapshot destroys its blobs', async () => {
    const blob = String(await call('VM.create_new_blob', 'OpaqueRef:vm2', 'note', 'text/plain', false));
    await call('blob.destroy', blob);
    expect(get('VM', 'OpaqueRef:vm2').blobs).toEqual({});
    const snap = String(await call('VM.snapshot', 'OpaqueRef:vm2', 'with a blob', []));
    expect(get('VM', snap).blobs).toEqual({});
    const shot = String(await call('VM.create_new_blob', snap, 'XenCenter.VNCSnapshot', 'image/png', false));
    await call('VM.destroy', snap);
    expect(pool.engine.store.has('blob', shot)).toBe(false);
  });
});

describe('snapshot trees', () => {
  it('branches after reverts (VM.parent, children, snapshot_of); destroying a snapshot rebases its children onto its parent', async () => {
    const vm = 'OpaqueRef:vm3';
    const a = String(await call('VM.snapshot', vm, 'a', []));
    const b = String(await call('VM.snapshot', vm, 'b', []));
    expect(get('VM', b).parent).toBe(a);
    await call('VM.revert', a);
    const c = String(await call('VM.snapshot', vm, 'c', []));
    await call('VM.revert', a);
    const d = String(await call('VM.snapshot', vm, 'd', []));
    // a has three branches: b, c and d (where the VM now is).
    expect(new Set(get('VM', a).children as string[])).toEqual(new Set([b, c, d]));
    expect(get('VM', vm).parent).toBe(d);
    expect(get('VM', b).snapshot_info).toMatchObject({ 'power-state-at-snapshot': 'Halted' });
    for (const snap of [a, b, c, d]) expect(get('VM', snap).snapshot_of).toBe(vm);

    const rootParent = get('VM', a).parent;
    await call('VM.destroy', a);
    for (const child of [b, c, d]) expect(get('VM', child).parent).toBe(rootParent);
    expect(get('VM', vm).parent).toBe(d);
    expect(new Set(get('VM', vm).snapshots as string[])).toEqual(new Set([b, c, d]));
  });
});

describe('checkpoints', () => {
  it('a revert to a checkpoint, then a resume on the same host, runs the guest from the checkpoint: same screen, same boot time, no reboot', async () => {
    const vm = 'OpaqueRef:vm1';
    await call('VM.start_on', vm, 'OpaqueRef:host2', false, false);
    const viewer = await openConsoleOn(vm, HOSTS[1]);
    await viewer.waitForText((t) => t.includes('vm1 login:'));
    viewer.type('before');
    await viewer.waitForText((t) => t.includes('login: before'));
    const metrics = String(get('VM', vm).metrics);
    const bootedAt = (get('VM_metrics', metrics).start_time as Date).getTime();

    const cp = String(await call('VM.checkpoint', vm, 'with memory'));
    expect(get('VM', cp).snapshot_info).toMatchObject({ 'power-state-at-snapshot': 'Running' });
    viewer.type('after');
    await viewer.waitForText((t) => t.includes('login: beforeafter'));
    viewer.close();

    await call('VM.revert', cp);
    expect(get('VM', vm)).toMatchObject({ power_state: 'Suspended', parent: cp });
    const suspendVdi = String(get('VM', vm).suspend_VDI);
    await call('VM.resume_on', vm, 'OpaqueRef:host2', false, false);
    expect(get('VM', vm)).toMatchObject({ power_state: 'Running', resident_on: 'OpaqueRef:host2', suspend_VDI: 'OpaqueRef:NULL' });
    expect(pool.engine.store.has('VDI', suspendVdi)).toBe(false);
    expect((get('VM_metrics', String(get('VM', vm).metrics)).start_time as Date).getTime()).toBe(bootedAt);

    const again = await openConsoleOn(vm, HOSTS[1]);
    const screen = await again.waitForText((t) => t.includes('login: before'));
    expect(screen).not.toContain('beforeafter');
    expect(ConsoleHub.of(pool.engine).peek(vm)!.boots).toBe(0);
    again.close();
  });
});
