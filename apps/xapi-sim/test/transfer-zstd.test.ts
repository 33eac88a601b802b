/**
 * zstd transfers checked by Debian's `zstd` binary: a `use_compression=zstd` export (Node's own zlib zstd)
 * decompresses with it and GNU tar lists the result; an XVA compressed by
 * the binary imports with the same disk contents; a truncated zstd upload fails and leaves nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { diskDigests, eventually, hasTool, httpsCall, importCounts, MiB, prepareVm, rpc } from './helpers/transfer-fixtures.js';

const basic = `Basic ${Buffer.from('root:xenith').toString('base64')}`;
const ZSTD_MAGIC = '28b52ffd';

describe.skipIf(!hasTool('zstd') || !hasTool('tar'))('zstd XVA transfers against the zstd binary (Debian zstd, GNU tar)', () => {
  let pool: SimulatedPool;
  let vm: string;
  let dir: string;
  let session: string;

  beforeAll(async () => {
    pool = await startSimulatedPool({ hosts: 1, vms: 3, seed: 41, baseAddress: '127.0.0.205', timeScale: 0.02 });
    ({ vm } = prepareVm(pool, { sizes: [9 * MiB + 512, 3 * MiB], density: 0.7 }));
    dir = mkdtempSync(join(tmpdir(), 'xva-zstd-'));
    session = (await rpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith'])) as string;
  });
  afterAll(async () => {
    await pool?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sharedSr = (): string => [...pool.engine.store.rows('SR')].find((r) => r.record.shared === true && r.record.content_type !== 'iso')!.ref;
  const exportOf = async (compression: string): Promise<Buffer> => {
    const res = await httpsCall(`${pool.masterUrl}/export?ref=${vm}&use_compression=${compression}`, { headers: { authorization: basic } });
    expect(res.status).toBe(200);
    return res.body;
  };
  /** PUTs an XVA with its exact length; returns the finished task's record. */
  const importXva = async (body: Buffer): Promise<Record<string, unknown>> => {
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'import', ''])) as string;
    const res = await httpsCall(`${pool.masterUrl}/import?session_id=${session}&task_id=${task}&sr_id=${sharedSr()}`, { method: 'PUT', body, headers: { 'content-length': String(body.length) } });
    expect(res.status).toBe(200);
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    return pool.engine.store.get('task', task);
  };

  it('exports use_compression=zstd that `zstd -d` decompresses and `tar -tf` lists', async () => {
    const compressed = await exportOf('zstd');
    expect(compressed.subarray(0, 4).toString('hex')).toBe(ZSTD_MAGIC);
    const file = join(dir, 'vm.xva.zst');
    writeFileSync(file, compressed);
    const info = execFileSync('zstd', ['-lv', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    expect(Number(/# Zstandard Frames: (\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(1);
    const tar = execFileSync('zstd', ['-d', '-c', file], { maxBuffer: 256 * MiB });
    expect(tar.length).toBeGreaterThan(compressed.length);
    const names = execFileSync('tar', ['-tf', '-'], { input: tar, encoding: 'utf8', maxBuffer: 16 * MiB }).trim().split('\n');
    expect(names[0]).toBe('ova.xml');
    expect(names.some((n) => /^Ref:\d+\/00000000$/.test(n))).toBe(true);
    expect(names.some((n) => /^Ref:\d+\/00000000\.xxhash$/.test(n))).toBe(true);
  });

  it('imports an XVA compressed by the zstd binary with the same disk contents', async () => {
    const plain = await exportOf('false');
    const compressed = execFileSync('zstd', ['-c', '-q'], { input: plain, maxBuffer: 256 * MiB });
    expect(compressed.subarray(0, 4).toString('hex')).toBe(ZSTD_MAGIC);
    const task = await importXva(compressed);
    expect(task.error_info).toEqual([]);
    expect(task.status).toBe('success');
    const newVm = /OpaqueRef:[0-9a-f-]+/.exec(String(task.result))![0];
    expect(newVm).not.toBe(vm);
    expect(diskDigests(pool, newVm)).toEqual(diskDigests(pool, vm));
  });

  it('fails a truncated zstd upload and leaves nothing behind', async () => {
    const compressed = await exportOf('zstd');
    const before = importCounts(pool);
    const task = await importXva(compressed.subarray(0, Math.floor(compressed.length * 0.6)));
    expect(task.status).toBe('failure');
    expect(String((task.error_info as string[])[0])).toMatch(/^IMPORT_ERROR/);
    expect(importCounts(pool)).toEqual(before);
  });
});
