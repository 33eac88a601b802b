/**
 * Raw VDI transfer checked by a real VHD implementation: qemu-img (Debian qemu-utils) reads a VHD exported by
 * /export_raw_vdi to the same bytes as the VDI, a VHD written by `qemu-img convert -O vpc` imports through
 * /import_raw_vdi to the bytes it was made from, and a differencing VHD against a base carries just the changes.
 * xapi's sparse `chunked` raw frames land where they say, and complete the task at their end frame.
 */
import { execFileSync } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { eventually, httpsCall, MiB, prepareVm, rpc } from './helpers/transfer-fixtures.js';

const hasQemuImg = ((): boolean => {
  try {
    execFileSync('qemu-img', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('raw VDI transfer and VHD', () => {
  let pool: SimulatedPool;
  let session: string;
  let dir: string;
  let vdi: string;
  const size = 21 * MiB + 512;

  beforeAll(async () => {
    pool = await startSimulatedPool({ hosts: 1, vms: 3, seed: 41, baseAddress: '127.0.0.210', timeScale: 0.02 });
    vdi = prepareVm(pool, { sizes: [size], density: 0.6 }).vdis[0]!;
    session = (await rpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith'])) as string;
    dir = mkdtempSync(join(tmpdir(), 'vhd-qemu-'));
  });
  afterAll(async () => {
    await pool?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sr = (): string => String(pool.engine.store.get('VDI', vdi).SR);
  const newVdi = (bytes: number): string => pool.engine.store.create('VDI', { virtual_size: bytes, SR: sr(), type: 'user', name_label: 'scratch' });
  const exportRaw = (v: string, format: string, extra = ''): ReturnType<typeof httpsCall> =>
    httpsCall(`${pool.masterUrl}/export_raw_vdi?session_id=${session}&vdi=${v}&format=${format}${extra}`);
  const importRaw = async (v: string, format: string, body: Buffer): Promise<Record<string, unknown>> => {
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'upload', ''])) as string;
    const res = await httpsCall(`${pool.masterUrl}/import_raw_vdi?session_id=${session}&task_id=${task}&vdi=${v}&format=${format}`, { method: 'PUT', body });
    expect(res.status).toBe(200);
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    return pool.engine.store.get('task', task);
  };

  it('exports raw bytes equal to the VDI, with the raw content type and file name', async () => {
    const uuid = String(pool.engine.store.get('VDI', vdi).uuid);
    const res = await exportRaw(uuid, 'raw');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${uuid}.raw"`);
    expect(res.body.length).toBe(size);
    expect(res.body.equals(disksFor(pool.engine).read(vdi, 0, size))).toBe(true);
  });

  it('exports a VHD that qemu-img reads back to the same bytes', async (ctx) => {
    if (!hasQemuImg) return ctx.skip('qemu-img (Debian qemu-utils) is not installed');
    const res = await exportRaw(vdi, 'vhd');
    expect(res.headers['content-type']).toBe('application/vhd');
    writeFileSync(join(dir, 'out.vhd'), res.body);
    const info = JSON.parse(execFileSync('qemu-img', ['info', '--output=json', join(dir, 'out.vhd')], { encoding: 'utf8' })) as { format: string; 'virtual-size': number };
    expect(info.format).toBe('vpc');
    expect(info['virtual-size']).toBe(size);
    execFileSync('qemu-img', ['convert', '-f', 'vpc', '-O', 'raw', join(dir, 'out.vhd'), join(dir, 'out.raw')]);
    const raw = readFileSync(join(dir, 'out.raw'));
    expect(raw.length).toBe(size);
    expect(raw.equals(disksFor(pool.engine).read(vdi, 0, size))).toBe(true);
    // sparse: fewer bytes than the disk, since empty 2 MiB blocks are not allocated
    expect(res.body.length).toBeLessThan(size + 2 * MiB);
  });

  it('imports a VHD made by qemu-img convert -O vpc to the bytes it was made from', async (ctx) => {
    if (!hasQemuImg) return ctx.skip('qemu-img (Debian qemu-utils) is not installed');
    const bytes = 9 * MiB;
    const source = Buffer.alloc(bytes);
    for (let i = 0; i < 2 * MiB; i++) source[i] = (i * 31 + (i >> 9)) & 0xff; // data, then a hole
    source.fill(0x5a, 6 * MiB + 1000, 7 * MiB + 3000); // data across a block boundary
    writeFileSync(join(dir, 'in.raw'), source);
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vpc', '-o', 'subformat=dynamic,force_size=on', join(dir, 'in.raw'), join(dir, 'in.vhd')]);
    const target = newVdi(bytes);
    const task = await importRaw(target, 'vhd', readFileSync(join(dir, 'in.vhd')));
    expect(task.status).toBe('success');
    expect(disksFor(pool.engine).read(target, 0, bytes).equals(source)).toBe(true);
    // the same bytes sent raw give the same digest
    const twin = newVdi(bytes);
    expect((await importRaw(twin, 'raw', source)).status).toBe('success');
    expect(disksFor(pool.engine).contentDigest(twin)).toBe(disksFor(pool.engine).contentDigest(target));
  });

  it('carries only the changes in a differencing VHD (base=), which rebuilds the VDI on a copy of its base', async () => {
    const disks = disksFor(pool.engine);
    const copy = newVdi(size);
    expect((await importRaw(copy, 'raw', (await exportRaw(vdi, 'raw')).body)).status).toBe('success');
    expect(disks.contentDigest(copy)).toBe(disks.contentDigest(vdi));
    disks.writeRange(vdi, 3 * MiB + 7, Buffer.from('changed after the base was taken'));
    const diff = await exportRaw(vdi, 'vhd', `&base=${copy}`);
    expect(diff.status).toBe(200);
    const full = await exportRaw(vdi, 'vhd');
    expect(diff.body.length).toBeLessThan(full.body.length);
    expect(diff.body.readUInt32BE(60)).toBe(4); // footer disk type: differencing
    expect((await importRaw(copy, 'vhd', diff.body)).status).toBe('success');
    expect(disks.contentDigest(copy)).toBe(disks.contentDigest(vdi));
  });

  /** vhd-tool's Chunked frame: offset (uint64 LE), length (uint32 LE), then the data. */
  const frame = (offset: number, data: Buffer): Buffer => {
    const header = Buffer.alloc(12);
    header.writeBigUInt64LE(BigInt(offset), 0);
    header.writeUInt32LE(data.length, 8);
    return Buffer.concat([header, data]);
  };

  it('writes chunked raw frames where they say, in any order, and completes at the end frame of an upload announced longer', async () => {
    const bytes = 5 * MiB;
    const expected = Buffer.alloc(bytes);
    const stretches: [number, Buffer][] = [[3 * MiB + 17, Buffer.alloc(100_000, 0x33)], [0, Buffer.from('boot sector')], [MiB - 5, Buffer.alloc(10, 0x44)]];
    for (const [offset, data] of stretches) data.copy(expected, offset);
    const body = Buffer.concat([...stretches.map(([offset, data]) => frame(offset, data)), Buffer.alloc(12)]);
    const target = newVdi(bytes);
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'upload', ''])) as string;
    // As XAPI's clients do when they cannot know the length: announce more than is sent, and keep the connection open.
    const req = httpsRequest(`${pool.masterUrl}/import_raw_vdi?session_id=${session}&task_id=${task}&vdi=${target}&format=raw&chunked=true`, {
      method: 'PUT',
      rejectUnauthorized: false,
      headers: { 'content-length': String(2 ** 40) },
    });
    req.on('error', () => {});
    req.write(body);
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    req.destroy();
    expect(pool.engine.store.get('task', task).status).toBe('success');
    expect(disksFor(pool.engine).read(target, 0, bytes).equals(expected)).toBe(true);
  });

  it('refuses chunked frames past the end of the disk, and chunked VHD, as xapi does', async () => {
    const past = await importRaw(newVdi(MiB), 'raw&chunked=true', Buffer.concat([frame(MiB - 2, Buffer.alloc(4, 1)), Buffer.alloc(12)]));
    expect(past.status).toBe('failure');
    expect((past.error_info as string[])[0]).toBe('VDI_IO_ERROR');
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'upload', ''])) as string;
    const refused = await httpsCall(`${pool.masterUrl}/import_raw_vdi?session_id=${session}&task_id=${task}&vdi=${newVdi(MiB)}&format=vhd&chunked=true`, { method: 'PUT', body: Buffer.alloc(12) });
    expect(refused.status).toBe(404);
    expect(pool.engine.store.get('task', task).error_info).toEqual(['INTERNAL_ERROR', 'Cannot handle chunked VHD']);
  });

  it('rejects a corrupt VHD with VDI_IO_ERROR', async () => {
    const body = Buffer.from((await exportRaw(vdi, 'vhd')).body);
    body[520] = body[520]! ^ 0xff; // inside the dynamic header: its checksum no longer matches
    const task = await importRaw(newVdi(size), 'vhd', body);
    expect(task.status).toBe('failure');
    expect((task.error_info as string[])[0]).toBe('VDI_IO_ERROR');
  });
});
