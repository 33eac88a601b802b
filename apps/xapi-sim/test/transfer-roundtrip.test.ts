/**
 * A VM travels between two simulated pools the way Xen Orchestra copies one: the real `xen-api` client's
 * getResource('/export/') on the source piped into putResource(stream, '/import/', {query: {sr_id}}) on the target
 * (no length: the 1 PiB Content-Length upload with its empty probe PUT). The imported disks must hold the same bytes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'xen-api';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { diskDigests, eventually, flowing, importCounts, prepareVm } from './helpers/transfer-fixtures.js';

interface Client {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  call(method: string, ...args: unknown[]): Promise<unknown>;
  getResource(path: string, opts: Record<string, unknown>): Promise<{ body: NodeJS.ReadableStream; headers: Record<string, string>; task: Promise<unknown> }>;
  putResource(body: unknown, path: string, opts: Record<string, unknown>): Promise<unknown>;
}

const auth = { user: 'root', password: 'xenith' };
/** First bytes of the export body: a tar starting with ova.xml, a gzip header, a zstd frame. */
const MAGIC = { false: Buffer.from('ova.').toString('hex'), true: '1f8b0800', zstd: '28b52ffd' };

describe('VM export/import between two pools with the xen-api client', () => {
  let source: SimulatedPool;
  let target: SimulatedPool;
  let src: Client;
  let dst: Client;

  beforeAll(async () => {
    source = await startSimulatedPool({ hosts: 2, vms: 8, seed: 21, baseAddress: '127.0.0.150', timeScale: 0.02 });
    target = await startSimulatedPool({ hosts: 2, vms: 2, seed: 22, baseAddress: '127.0.0.160', timeScale: 0.02 });
    src = createClient({ url: source.masterUrl, auth, allowUnauthorized: true, watchEvents: ['task'] }) as Client;
    dst = createClient({ url: target.masterUrl, auth, allowUnauthorized: true, watchEvents: ['task'] }) as Client;
    await Promise.all([src.connect(), dst.connect()]);
  });
  afterAll(async () => {
    await Promise.allSettled([src?.disconnect(), dst?.disconnect()]);
    await Promise.allSettled([source?.stop(), target?.stop()]);
  });

  // Each case exports a different VM (indexes 2 and 3 belong to the tests further down).
  for (const [compression, index] of [['false', 0], ['true', 1], ['zstd', 4]] as const) {
    it(`round-trips a VM's disks intact (use_compression=${compression})`, async () => {
      const { vm } = prepareVm(source, { index });
      const before = diskDigests(source, vm);
      const sr = [...target.engine.store.rows('SR')].find((r) => r.record.shared === true && r.record.content_type !== 'iso')!.ref;
      const exported = await src.getResource('/export/', { query: { ref: vm, use_compression: compression } });
      const body = flowing(exported.body);
      let head = '';
      exported.body.once('data', (c: Buffer) => (head = c.subarray(0, 4).toString('hex')));
      const imported = (await dst.putResource(body, '/import/', { query: { sr_id: sr } })) as string[];
      await exported.task;
      expect(head).toBe(MAGIC[compression]);
      expect(imported).toHaveLength(1);
      const newVm = imported[0]!;
      const { store } = target.engine;
      expect(store.get('VM', newVm).name_label).toBe(source.engine.store.get('VM', vm).name_label);
      expect(store.get('VM', newVm).uuid).not.toBe(source.engine.store.get('VM', vm).uuid);
      expect(store.get('VM', newVm).power_state).toBe('Halted');
      expect(store.get('VM', newVm).current_operations).toEqual({});
      const newVdis = (store.get('VM', newVm).VBDs as string[]).map((v) => store.get('VBD', v)).filter((v) => v.type === 'Disk').map((v) => String(v.VDI));
      for (const vdi of newVdis) expect(store.get('VDI', vdi).SR).toBe(sr);
      expect(diskDigests(target, newVm)).toEqual(before);
      expect(Object.keys(before).length).toBeGreaterThan(0);
    });
  }

  it('shows {task: import} on the new VM while the disks stream, then clears it', async () => {
    const { vm } = prepareVm(source, { index: 2, sizes: [96 * 1024 * 1024], density: 1 });
    const sr = String(target.engine.store.get('pool', target.engine.poolRef()).default_SR);
    const seen: Record<string, string>[] = [];
    const off = target.engine.store.onChange((c) => {
      if (c.cls === 'VM' && c.op !== 'del' && Object.keys(c.row.record.current_operations as object).length > 0) seen.push(c.row.record.current_operations as Record<string, string>);
    });
    const exported = await src.getResource('/export/', { query: { uuid: String(source.engine.store.get('VM', vm).uuid) } });
    const task = (await dst.call('task.create', 'VM import', '')) as string;
    const result = await dst.putResource(flowing(exported.body), '/import/', { query: { sr_id: sr }, task });
    off();
    expect(seen.length).toBeGreaterThan(0);
    expect(Object.entries(seen[0]!)).toEqual([[task, 'import']]);
    expect(result).toHaveLength(1);
    await eventually(() => target.engine.store.get('task', task).status === 'success');
    expect(String(target.engine.store.get('task', task).result)).toMatch(/^<value><array><data><value>OpaqueRef:[0-9a-f-]+<\/value><\/data><\/array><\/value>$/);
  });

  it('leaves nothing behind when the upload stops half-way', async () => {
    const { vm } = prepareVm(source, { index: 3, sizes: [32 * 1024 * 1024], density: 1 });
    const counts = importCounts(target);
    const exported = await src.getResource('/export/', { query: { ref: vm } });
    const chunks: Buffer[] = [];
    for await (const c of exported.body as AsyncIterable<Buffer>) chunks.push(c);
    const whole = Buffer.concat(chunks);
    const { Readable } = await import('node:stream');
    const half = Readable.from([whole.subarray(0, Math.floor(whole.length / 2))]);
    const sr = String(target.engine.store.get('pool', target.engine.poolRef()).default_SR);
    await expect(dst.putResource(half, '/import/', { query: { sr_id: sr } })).rejects.toMatchObject({ code: 'IMPORT_ERROR_PREMATURE_EOF' });
    expect(importCounts(target)).toEqual(counts);
  });
});
