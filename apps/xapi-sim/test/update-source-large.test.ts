/** A large XenServer update generated as it is downloaded: a valid zip (Python's zipfile checks the CRC) holding a correctly signed package. */
import { execFile } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { parseUpdatePackage } from '#sim/updates/update-package.js';
import { jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
const control = async (path: string, body: unknown = {}): Promise<Record<string, string>> => {
  const res = await fetch(`${pool.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
};

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.188', '127.0.0.189']), http: true, timeScale: 0.01 });
});
afterAll(async () => pool?.stop());

it('streams an 8 MiB package in a zip that zipfile reads, signed; uploaded, introduce verifies it with its payload kept by reference', async () => {
  const source = (await control('/updates/source/start')).url!;
  const big = await control('/updates/xenserver/publish', { name_label: 'XS83E900', payloadBytes: 8 * 1024 * 1024 });
  const res = await fetch(big.url!);
  expect(res.headers.get('content-length')).not.toBeNull();
  const zip = Buffer.from(await res.arrayBuffer());
  expect(zip.length).toBe(Number(res.headers.get('content-length')));
  const xml = await (await fetch(`${source}/xenserver/updates.xml`)).text();
  expect(xml).toContain(`download-size="${zip.length}"`);
  const iso = await new Promise<Buffer>((resolve, reject) => {
    const child = execFile('python3', ['-c', `import sys, io, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
sys.stdout.buffer.write(z.read('XS83E900.iso'))`], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin!.end(zip);
  });
  expect(iso.length).toBeGreaterThan(8 * 1024 * 1024);
  const parsed = parseUpdatePackage((offset, length) => iso.subarray(offset, offset + length));
  expect(parsed).toMatchObject({ signatureValid: true, totalLength: iso.length, meta: { uuid: big.uuid, name_label: 'XS83E900' } });

  // Uploaded to a VDI, its payload is kept by reference (no bytes in memory) and introduce still verifies it.
  const s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
  const vdi = String(await call('VDI.create', { name_label: 'upload', SR: 'OpaqueRef:sr1', virtual_size: iso.length, type: 'user', sharable: false, read_only: false, other_config: {} }));
  const put = await fetch(`${pool.masterUrl}/import_raw_vdi?session_id=${s}&vdi=${vdi}&format=raw`, { method: 'PUT', body: iso });
  await put.arrayBuffer();
  expect(put.status).toBe(200);
  expect(disksFor(pool.engine).overlayStats(vdi).ref).toBeGreaterThanOrEqual(8);
  const update = String(await call('pool_update.introduce', vdi));
  expect(await call('pool_update.precheck', update, 'OpaqueRef:host1')).toBe('ok');
});
