/**
 * Produced XVAs checked by independent tools (GNU tar, Debian's xxhsum), the HTTP rules of /export and /import
 * (HTTP/1.0 200 without Content-Length, 401, 302, 403 for chunked uploads, the empty probe PUT), and an archive
 * with one altered chunk failing to import with a checksum error and leaving nothing behind.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { TAR_END, tarHeader, tarPadding } from '#sim/xva/tar.js';
import { diskDigests, eventually, hasTool, httpsCall, importCounts, MiB, prepareVm, rpc, tarMembers } from './helpers/transfer-fixtures.js';

const basic = `Basic ${Buffer.from('root:xenith').toString('base64')}`;

describe('XVA export checked by GNU tar and xxhsum; import error paths', () => {
  let pool: SimulatedPool;
  let vm: string;
  let xva: Buffer;
  let dir: string;
  let session: string;

  beforeAll(async () => {
    pool = await startSimulatedPool({ hosts: 2, vms: 6, seed: 31, baseAddress: '127.0.0.200', timeScale: 0.02 });
    ({ vm } = prepareVm(pool, { sizes: [20 * MiB + 512, 6 * MiB], density: 0.6 }));
    dir = mkdtempSync(join(tmpdir(), 'xva-tools-'));
    session = (await rpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith'])) as string;
  });
  afterAll(async () => {
    await pool?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const sharedSr = (): string => [...pool.engine.store.rows('SR')].find((r) => r.record.shared === true && r.record.content_type !== 'iso')!.ref;

  it('answers HTTP/1.0 200 with no Content-Length and a task-id, Basic auth accepted', async () => {
    const res = await httpsCall(`${pool.masterUrl}/export?uuid=${String(pool.engine.store.get('VM', vm).uuid)}`, { headers: { authorization: basic } });
    if (res.status === 302) {
      const again = await httpsCall(String(res.headers.location), { headers: { authorization: basic } });
      Object.assign(res, again);
    }
    expect(res.statusLine).toBe('HTTP/1.0 200');
    expect(res.headers['content-type']).toBe('application/octet-stream');
    expect(res.headers['content-disposition']).toBe('attachment; filename="export.xva"');
    expect(res.headers['content-length']).toBeUndefined();
    expect(String(res.headers['task-id'])).toMatch(/^OpaqueRef:/);
    xva = res.body;
    writeFileSync(join(dir, 'vm.xva'), xva);
  });

  it('refuses an unauthenticated export with 401', async () => {
    const res = await httpsCall(`${pool.masterUrl}/export?ref=${vm}`);
    expect(res.status).toBe(401);
  });

  it('is listed by GNU tar: ova.xml first, then chunks with .xxhash files, zero chunks skipped but first and last kept', (ctx) => {
    if (!hasTool('tar')) return ctx.skip('GNU tar is not installed');
    const names = execFileSync('tar', ['-tf', join(dir, 'vm.xva')], { encoding: 'utf8' }).trim().split('\n');
    expect(names[0]).toBe('ova.xml');
    const vdis = (pool.engine.store.get('VM', vm).VBDs as string[]).map((v) => pool.engine.store.get('VBD', v)).filter((v) => v.type === 'Disk').map((v) => String(v.VDI));
    const dirs = [...new Set(names.slice(1).map((n) => n.split('/')[0]!))];
    expect(dirs).toHaveLength(vdis.length);
    for (const d of dirs) {
      const chunks = names.filter((n) => n.startsWith(`${d}/`) && !n.endsWith('.xxhash'));
      expect(names.filter((n) => n.startsWith(`${d}/`) && n.endsWith('.xxhash'))).toHaveLength(chunks.length);
      expect(chunks[0]).toBe(`${d}/00000000`);
      for (const c of chunks) expect(c).toMatch(/^Ref:\d+\/\d{8}$/);
    }
    const sizes = vdis.map((v) => disksFor(pool.engine).blockCount(v));
    const lastChunks = dirs.map((d) => Math.max(...names.filter((n) => n.startsWith(`${d}/`) && !n.endsWith('.xxhash')).map((n) => Number(n.split('/')[1]))));
    expect(lastChunks.sort()).toEqual(sizes.map((s) => s - 1).sort());
    const totalChunks = names.filter((n) => n.includes('/') && !n.endsWith('.xxhash')).length;
    const nonZero = vdis.reduce((n, v) => n + disksFor(pool.engine).nonZeroBlockCount(v), 0);
    expect(totalChunks).toBeLessThan(sizes.reduce((a, b) => a + b, 0));
    expect(totalChunks).toBeGreaterThanOrEqual(nonZero);
  });

  it('has chunk checksums that xxhsum -H1 (XXH64) agrees with', (ctx) => {
    if (!hasTool('xxhsum') || !hasTool('tar')) return ctx.skip('xxhsum (Debian xxhash) or GNU tar is not installed');
    const out = join(dir, 'x');
    execFileSync('mkdir', ['-p', out]);
    execFileSync('tar', ['-xf', join(dir, 'vm.xva'), '-C', out]);
    let checked = 0;
    for (const d of readdirSync(out).filter((n) => n.startsWith('Ref:'))) {
      for (const f of readdirSync(join(out, d)).filter((n) => !n.endsWith('.xxhash'))) {
        const expected = readFileSync(join(out, d, `${f}.xxhash`), 'latin1');
        expect(expected).toMatch(/^[0-9A-F]{16}$/);
        const line = execFileSync('xxhsum', ['-H1', join(out, d, f)], { encoding: 'utf8' });
        expect(line.split(/\s+/)[0]!.toUpperCase()).toBe(expected);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(2);
  });

  it('imports its own export (exact Content-Length) with the same disk contents', async () => {
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'import', ''])) as string;
    const res = await httpsCall(`${pool.masterUrl}/import?session_id=${session}&task_id=${task}&sr_id=${sharedSr()}`, { method: 'PUT', body: xva, headers: { 'content-length': String(xva.length) } });
    expect(res.status).toBe(200);
    expect(res.headers['task-id']).toBe(task);
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    expect(pool.engine.store.get('task', task).status).toBe('success');
  });

  it('fails an archive with one altered chunk with a checksum error and leaves nothing behind', async () => {
    const members = tarMembers(xva);
    const chunk = members.filter((m) => /\/\d{8}$/.test(m.name))[1]!;
    const bad = Buffer.from(xva);
    bad[chunk.offset + 100] = bad[chunk.offset + 100]! ^ 0xff;
    const before = importCounts(pool);
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'import', ''])) as string;
    const res = await httpsCall(`${pool.masterUrl}/import?session_id=${session}&task_id=${task}&sr_id=${sharedSr()}`, { method: 'PUT', body: bad });
    expect(res.status).toBe(200);
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    const t = pool.engine.store.get('task', task);
    expect(t.status).toBe('failure');
    expect((t.error_info as string[])[0]).toBe('IMPORT_ERROR');
    expect((t.error_info as string[])[1]).toContain(`Block ${chunk.name} checksum failed`);
    expect(importCounts(pool)).toEqual(before);
  });

  it('accepts legacy SHA-1 .checksum files in place of .xxhash', async () => {
    const members = tarMembers(xva);
    const parts: Buffer[] = [];
    let lastData: Buffer = Buffer.alloc(0);
    for (const m of members) {
      const data = xva.subarray(m.offset, m.offset + m.size);
      const name = m.name.endsWith('.xxhash') ? m.name.replace(/\.xxhash$/, '.checksum') : m.name;
      const body = m.name.endsWith('.xxhash') ? Buffer.from(createHash('sha1').update(lastData).digest('hex'), 'latin1') : data;
      if (!m.name.endsWith('.xxhash')) lastData = Buffer.from(data);
      parts.push(tarHeader(name, body.length), body, tarPadding(body.length));
    }
    parts.push(TAR_END);
    const legacy = Buffer.concat(parts);
    expect(execFileSync('tar', ['-tf', '-'], { input: legacy, encoding: 'utf8' })).toContain('.checksum');
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'import', ''])) as string;
    await httpsCall(`${pool.masterUrl}/import?session_id=${session}&task_id=${task}&sr_id=${sharedSr()}`, { method: 'PUT', body: legacy });
    await eventually(() => pool.engine.store.get('task', task).status !== 'pending');
    expect(pool.engine.store.get('task', task).status).toBe('success');
    const newVm = /OpaqueRef:[0-9a-f-]+/.exec(String(pool.engine.store.get('task', task).result))![0];
    expect(Object.values(diskDigests(pool, newVm)).sort()).toEqual(Object.values(diskDigests(pool, vm)).sort());
  });

  it('refuses chunked transfer-encoding with 403 and IMPORT_ERROR_CANNOT_HANDLE_CHUNKED', async () => {
    const task = (await rpc(pool.masterUrl, 'task.create', [session, 'import', ''])) as string;
    const res = await httpsCall(`${pool.masterUrl}/import?session_id=${session}&task_id=${task}&sr_id=${sharedSr()}`, { method: 'PUT', body: xva.subarray(0, 4096), headers: { 'transfer-encoding': 'chunked' } });
    expect(res.status).toBe(403);
    expect(pool.engine.store.get('task', task).error_info).toEqual(['IMPORT_ERROR_CANNOT_HANDLE_CHUNKED']);
  });

  it('tolerates the empty probe PUT (no task_id, 1 PiB Content-Length): 200, nothing created, no task left', async () => {
    const before = importCounts(pool);
    const tasks = pool.engine.store.count('task');
    const { request } = await import('node:https');
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${pool.masterUrl}/import?session_id=${session}&sr_id=${sharedSr()}`, { method: 'PUT', rejectUnauthorized: false, headers: { 'content-length': '1125899906842624' } }, (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
        req.destroy();
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(status).toBe(200);
    await eventually(() => pool.engine.store.count('task') === tasks);
    expect(importCounts(pool)).toEqual(before);
  });

  it('redirects an export to the host that sees a local SR', async () => {
    const { store } = pool.engine;
    const master = pool.engine.masterRef;
    const local = [...store.rows('VDI')].find((r) => {
      const sr = store.row('SR', String(r.record.SR))?.record;
      const pbds = (sr?.PBDs as string[] | undefined) ?? [];
      return sr?.shared === false && sr.content_type === 'user' && pbds.length === 1 && store.get('PBD', pbds[0]!).host !== master && (r.record.VBDs as string[]).length > 0;
    });
    expect(local).toBeDefined();
    const vbd = store.get('VBD', (local!.record.VBDs as string[])[0]!);
    const owner = String(store.get('PBD', (store.get('SR', String(local!.record.SR)).PBDs as string[])[0]!).host);
    const res = await httpsCall(`${pool.masterUrl}/export?session_id=${session}&ref=${String(vbd.VM)}`);
    expect(res.status).toBe(302);
    expect(String(res.headers.location)).toBe(`https://${pool.engine.hostAddresses.get(owner)}:${new URL(pool.masterUrl).port}/export?session_id=${session}&ref=${String(vbd.VM)}`);
  });
});
