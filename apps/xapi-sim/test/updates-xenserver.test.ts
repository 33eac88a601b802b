import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

const HOSTS: [string, string] = ['127.0.0.90', '127.0.0.91'];
let pool: SimulatedPool;
let s: string;
let source: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const control = async (path: string, body: unknown = {}): Promise<Record<string, string>> => {
  const res = await fetch(`${pool.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, string>;
};

/** Runs a Python snippet with `input` on stdin (an independent zip/XML reader); resolves with stdout. */
function python(script: string, input: Buffer | string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = execFile('python3', ['-c', script], { encoding: 'buffer', maxBuffer: 64 * 1024 * 1024 }, (err, stdout) => (err ? reject(err) : resolve(stdout)));
    child.stdin!.end(input);
  });
}
const EXTRACT_ISO = `import sys, io, zipfile
z = zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read()))
assert z.testzip() is None
name = [n for n in z.namelist() if n.endswith('.iso')][0]
sys.stdout.buffer.write(z.read(name))`;

/** PUT /pool_patch_upload with a client task; resolves with the task record. */
async function upload(body: Buffer): Promise<{ status: number; task: Record<string, unknown> }> {
  const task = String(await call('task.create', 'upload update', ''));
  const res = await fetch(`${pool.masterUrl}/pool_patch_upload?session_id=${s}&task_id=${task}&sr_id=OpaqueRef:sr1`, { method: 'PUT', body });
  await res.arrayBuffer();
  return { status: res.status, task: (await call('task.get_record', task)) as Record<string, unknown> };
}

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(HOSTS), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  source = (await control('/updates/source/start')).url!;
});
afterAll(async () => pool?.stop());

describe('XenServer updates', () => {
  it('the update source serves updates.xml and zips; upload, precheck, pool_apply, pool_clean, destroy', async () => {
    const good = await control('/updates/xenserver/publish', { name_label: 'XS83E001', name_description: 'Hotfix 1', product_versions: ['8.3.0'], after_apply_guidance: ['restartHost'] });
    const xml = await (await fetch(`${source}/xenserver/updates.xml`)).text();
    const patches = JSON.parse((await python(`import sys, json, xml.etree.ElementTree as ET
r = ET.fromstring(sys.stdin.read())
print(json.dumps([p.attrib for p in r.find('patches')]))`, xml)).toString()) as Record<string, string>[];
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ uuid: good.uuid, 'name-label': 'XS83E001', 'after-apply-guidance': 'restartHost', url: good.url });

    const zip = Buffer.from(await (await fetch(good.url!)).arrayBuffer());
    const iso = await python(EXTRACT_ISO, zip);
    const { status, task } = await upload(iso);
    expect(status).toBe(200);
    expect(task.status).toBe('success');
    const ref = String(task.result);
    expect(ref).toMatch(/^OpaqueRef:[0-9a-f-]+$/); // a plain string, not an XML-RPC value
    const rec = (await call('pool_update.get_record', ref)) as Record<string, unknown>;
    expect(rec).toMatchObject({ uuid: good.uuid, name_label: 'XS83E001', after_apply_guidance: ['restartHost'], hosts: [] });
    expect(await call('VDI.get_name_label', rec.vdi)).toBe('Update upload');

    expect(await call('pool_update.precheck', ref, 'OpaqueRef:host1')).toBe('ok');
    await call('pool_update.pool_apply', ref);
    expect(((await call('pool_update.get_hosts', ref)) as string[]).sort()).toEqual(['OpaqueRef:host1', 'OpaqueRef:host2']);
    expect(await call('host.get_updates', 'OpaqueRef:host2')).toEqual([ref]);
    expect(await call('host.get_updates_requiring_reboot', 'OpaqueRef:host1')).toEqual([ref]);
    const again = await errorOf(call('pool_update.precheck', ref, 'OpaqueRef:host1'));
    expect([again.code, again.params]).toEqual(['UPDATE_ALREADY_APPLIED', [ref]]);
    expect((await errorOf(call('pool_update.destroy', ref))).code).toBe('UPDATE_IS_APPLIED');
    await call('pool_update.pool_clean', ref);
    expect(await call('pool_update.get_vdi', ref)).toBe('OpaqueRef:NULL');
    expect((await errorOf(call('VDI.get_record', rec.vdi))).code).toBe('HANDLE_INVALID');
  });

  it('a corrupt download uploads but fails precheck; destroy removes it and its VDI', async () => {
    const bad = await control('/updates/xenserver/publish', { name_label: 'XS83E002', product_versions: ['8.3.0'], corrupt: true });
    const zip = Buffer.from(await (await fetch(bad.url!)).arrayBuffer());
    const { status, task } = await upload(zip); // the zip itself this time: the handler unwraps it
    expect(status).toBe(200);
    const ref = String(task.result);
    const e = await errorOf(call('pool_update.precheck', ref, 'OpaqueRef:host1'));
    expect(e.code).toBe('UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR');
    expect(e.params[0]).toBe(ref);
    expect(e.params[1]).toMatch(/signature/);
    expect((await errorOf(call('pool_update.apply', ref, 'OpaqueRef:host1'))).code).toBe('UPDATE_PRECHECK_FAILED_UNKNOWN_ERROR');
    const vdi = await call('pool_update.get_vdi', ref);
    await call('pool_update.destroy', ref);
    expect((await errorOf(call('pool_update.get_record', ref))).code).toBe('HANDLE_INVALID');
    expect((await errorOf(call('VDI.get_record', vdi))).code).toBe('HANDLE_INVALID');
  });

  it('wrong server version and missing prerequisites fail precheck with their codes; garbage fails the upload and leaves no VDI', async () => {
    const old = await control('/updates/xenserver/publish', { name_label: 'XS82E050', product_versions: ['8.2.1'] });
    const first = await upload(await python(EXTRACT_ISO, Buffer.from(await (await fetch(old.url!)).arrayBuffer())));
    const e = await errorOf(call('pool_update.precheck', String(first.task.result), 'OpaqueRef:host1'));
    expect([e.code, e.params.slice(1)]).toEqual(['UPDATE_PRECHECK_FAILED_WRONG_SERVER_VERSION', ['8.3.0', '8.2.1']]);

    const needs = await control('/updates/xenserver/publish', { name_label: 'XS83E003', product_versions: ['8.3.0'], requires: ['11111111-2222-3333-4444-555555555555'] });
    const second = await upload(await python(EXTRACT_ISO, Buffer.from(await (await fetch(needs.url!)).arrayBuffer())));
    const p = await errorOf(call('pool_update.precheck', String(second.task.result), 'OpaqueRef:host2'));
    expect([p.code, p.params[1]]).toEqual(['UPDATE_PRECHECK_FAILED_PREREQUISITE_MISSING', '11111111-2222-3333-4444-555555555555']);

    const vdis = ((await call('VDI.get_all')) as string[]).length;
    const garbage = await upload(Buffer.from('this is not an update'));
    expect(garbage.status).toBe(500);
    expect(garbage.task.status).toBe('failure');
    expect(garbage.task.error_info).toEqual(['INVALID_UPDATE', 'The uploaded update package is invalid.']);
    expect(((await call('VDI.get_all')) as string[]).length).toBe(vdis);
  });
});
