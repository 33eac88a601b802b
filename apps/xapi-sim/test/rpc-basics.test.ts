import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
const base = (): string => pool.masterUrl;

async function post(path: string, body: string, contentType: string): Promise<Response> {
  return fetch(`${base()}${path}`, { method: 'POST', body, headers: { 'content-type': contentType } });
}

async function json(method: string, params: unknown[], version: '1.0' | '2.0' = '2.0'): Promise<Record<string, unknown>> {
  const res = await post('/jsonrpc', JSON.stringify({ ...(version === '2.0' ? { jsonrpc: '2.0' } : {}), id: 1, method, params }), 'application/json');
  expect(res.headers.get('content-type')).toBe('application/json');
  return (await res.json()) as Record<string, unknown>;
}

const xmlCall = (method: string, ...params: string[]): string =>
  `<?xml version="1.0"?><methodCall><methodName>${method}</methodName><params>${params.map((p) => `<param>${p}</param>`).join('')}</params></methodCall>`;

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.12', '127.0.0.13']), http: true, timeScale: 0.01 });
});
afterAll(async () => pool?.stop());

describe('RPC transports', () => {
  it('logs in over JSON-RPC v2 and v1 and returns errors in each envelope', async () => {
    const ok = await json('session.login_with_password', ['root', 'xenith']);
    expect(ok.jsonrpc).toBe('2.0');
    expect(String(ok.result)).toMatch(/^OpaqueRef:/);
    const bad = await json('session.login_with_password', ['root', 'nope']);
    expect(bad.error).toEqual({ code: 1, message: 'SESSION_AUTHENTICATION_FAILED', data: ['root', 'Authentication failure'] });
    const v1 = await json('session.login_with_password', ['root'], '1.0');
    expect(v1).toEqual({ result: null, error: ['MESSAGE_PARAMETER_COUNT_MISMATCH', 'session.login_with_password', '4', '1'], id: 1 });
  });

  it('serves XML-RPC on /, /RPC2 and /xmlrpc with text/xml and untyped int strings', async () => {
    for (const path of ['/', '/RPC2', '/xmlrpc']) {
      const res = await post(path, xmlCall('session.login_with_password', '<value>root</value>', '<value>xenith</value>'), 'text/xml');
      expect(res.headers.get('content-type')).toBe('text/xml');
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      const body = await res.text();
      expect(body).toMatch(/<name>Status<\/name><value>Success<\/value>/);
    }
    const session = String((await json('session.login_with_password', ['root', 'xenith'])).result);
    const res = await post('/', xmlCall('VM.get_record', `<value>${session}</value>`, '<value>OpaqueRef:vm1</value>'), 'text/xml');
    const body = await res.text();
    expect(body).toContain('<name>memory_static_max</name><value>4294967296</value>');
    expect(body).toContain('<name>VCPUs_at_startup</name><value>2</value>');
    expect(body).toContain('<name>power_state</name><value>Halted</value>');
  });

  it('answers system.listMethods bare, and malformed bodies with HTTP 500 HTML', async () => {
    const res = await post('/', xmlCall('system.listMethods'), 'text/xml');
    const body = await res.text();
    expect(body).not.toContain('Status');
    expect(body).toContain('<value>VM.get_all_records</value>');
    expect(body).toContain('<value>Async.VM.start</value>');
    const bad = await post('/', '<methodCall><methodName>x', 'text/xml');
    expect(bad.status).toBe(500);
    expect(bad.headers.get('content-type')).toBe('text/html');
    const badJson = await post('/jsonrpc', '{', 'application/json');
    expect(badJson.status).toBe(500);
  });

  it('checks methods, counts, handles, uuids and field types with the real error codes', async () => {
    const s = String((await json('session.login_with_password', ['root', 'xenith'])).result);
    expect((await json('VM.frobnicate', [s])).error).toMatchObject({ message: 'MESSAGE_METHOD_UNKNOWN', data: ['VM.frobnicate'] });
    expect((await json('VM.get_record', [s, 'OpaqueRef:nope'])).error).toMatchObject({ message: 'HANDLE_INVALID', data: ['VM', 'OpaqueRef:nope'] });
    expect((await json('VM.get_by_uuid', [s, 'nope'])).error).toMatchObject({ message: 'UUID_INVALID', data: ['VM', 'nope'] });
    expect((await json('VM.get_record', [s])).error).toMatchObject({ message: 'MESSAGE_PARAMETER_COUNT_MISMATCH', data: ['VM.get_record', '2', '1'] });
    expect((await json('VM.set_VCPUs_max', [s, 'OpaqueRef:vm1', 'lots'])).error).toMatchObject({ message: 'FIELD_TYPE_ERROR', data: ['value'] });
    expect((await json('VM.get_all', ['OpaqueRef:bogus'])).error).toMatchObject({ message: 'SESSION_INVALID', data: ['OpaqueRef:bogus'] });
    expect((await json('VMPP.get_all_records', [s])).error).toMatchObject({ message: 'MESSAGE_REMOVED' });
  });

  it('runs implicit getters, setters and map/set operations from the schema', async () => {
    const s = String((await json('session.login_with_password', ['root', 'xenith'])).result);
    expect((await json('VM.set_name_label', [s, 'OpaqueRef:vm2', 'renamed'])).result).toBe('');
    expect((await json('VM.get_name_label', [s, 'OpaqueRef:vm2'])).result).toBe('renamed');
    expect((await json('VM.get_by_name_label', [s, 'renamed'])).result).toEqual(['OpaqueRef:vm2']);
    await json('VM.add_to_other_config', [s, 'OpaqueRef:vm2', 'k', 'v']);
    const dup = await json('VM.add_to_other_config', [s, 'OpaqueRef:vm2', 'k', 'w']);
    expect(dup.error).toMatchObject({ message: 'MAP_DUPLICATE_KEY', data: ['VM', 'other_config', expect.any(String), 'k'] });
    await json('VM.add_tags', [s, 'OpaqueRef:vm2', 'blue']);
    expect((await json('VM.get_tags', [s, 'OpaqueRef:vm2'])).result).toEqual(['test', 'blue']);
    await json('VM.set_VCPUs_max', [s, 'OpaqueRef:vm2', '4']); // ints as strings are accepted
    expect((await json('VM.get_VCPUs_max', [s, 'OpaqueRef:vm2'])).result).toBe(4);
    const vbds = (await json('VM.get_VBDs', [s, 'OpaqueRef:vm2'])).result;
    expect(vbds).toEqual(['OpaqueRef:vbd2']);
    const net = await json('network.create', [s, { name_label: 'new net', MTU: 9000 }]);
    const rec = (await json('network.get_record', [s, net.result])).result as Record<string, unknown>;
    expect(rec).toMatchObject({ name_label: 'new net', MTU: 9000, VIFs: [], PIFs: [] });
    expect((await json('network.destroy', [s, net.result])).result).toBe('');
  });

  it('answers HOST_IS_SLAVE with the master address on a member host, before authentication', async () => {
    const member = pool.hosts.find((h) => !h.master)!;
    const res = await fetch(`${member.url}/jsonrpc`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'session.login_with_password', params: ['root', 'wrong'] }),
    });
    expect(((await res.json()) as { error: unknown }).error).toEqual({ code: 1, message: 'HOST_IS_SLAVE', data: ['127.0.0.12'] });
  });

  it('logs out and rejects the session afterwards', async () => {
    const s = String((await json('session.login_with_password', ['root', 'xenith', '1.0', 'test'])).result);
    expect((await json('session.logout', [s])).result).toBe('');
    expect((await json('VM.get_all', [s])).error).toMatchObject({ message: 'SESSION_INVALID', data: [s] });
  });
});
