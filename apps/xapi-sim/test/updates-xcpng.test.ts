import { execFile } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const plugin = (fn: string, args: Record<string, string> = {}, host = 'OpaqueRef:host1'): Promise<string> => call('host.call_plugin', host, 'updater.py', fn, args) as Promise<string>;
const control = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
  const res = await fetch(`${pool.controlUrl}${path}`, body === undefined ? {} : { method: 'POST', body: JSON.stringify(body) });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
};

const settle = (taskRef: string): Promise<Record<string, unknown>> => settleTask(call, taskRef);

const taskNames = async (): Promise<string[]> => Object.values((await call('task.get_all_records')) as Record<string, { name_label: string }>).map((t) => t.name_label);

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.88', '127.0.0.89']), http: true, timeScale: 0.05 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('updater.py', () => {
  it('check_update lists a published update in the plugin JSON shape', async () => {
    expect(await plugin('check_update')).toBe('[]');
    await control('/updates/xcp-ng/publish', { name: 'xen-hypervisor', version: '4.17.5', release: '1.xcpng8.3', description: 'Xen Hypervisor', size: 2200000 });
    const out = await plugin('check_update');
    expect(out).toBe('[{"name": "xen-hypervisor", "version": "4.17.5", "release": "1.xcpng8.3", "description": "Xen Hypervisor", "changelog": null, "url": "https://xcp-ng.org/", "size": 2200000, "license": "GPLv2"}]');
    expect(await plugin('check_update', {}, 'OpaqueRef:host2')).toContain('"xen-hypervisor"');
  });

  it('update runs as its own task, a concurrent call gets the busy error, then query_installed shows the package and the host needs a reboot', async () => {
    const hostUuid = String(await call('host.get_uuid', 'OpaqueRef:host1'));
    const t = String(await call('Async.host.call_plugin', 'OpaqueRef:host1', 'updater.py', 'update', {}));
    // The plugin's own task appears while yum runs.
    let token = '';
    while (!(await taskNames()).includes(`Update host host1 (${hostUuid})`)) token = ((await call('event.from', ['task'], token, 5)) as { token: string }).token;

    const busy = await errorOf(plugin('check_update'));
    expect(busy.code).toBe('-1');
    expect(busy.params[0]).toBe('The updater plugin is busy (current operation: update)');
    expect(busy.params).toHaveLength(3);
    expect(busy.params[2]).toContain('Traceback');
    const again = await errorOf(plugin('update'));
    expect([again.code, again.params[0]]).toEqual(['-1', 'Update already in progress']);
    expect(await plugin('check_update', {}, 'OpaqueRef:host2')).toContain('xen-hypervisor'); // the lock is per host

    const done = await settle(t);
    expect(done.status).toBe('success');
    const result = JSON.parse(String(done.result).replace(/^<value>|<\/value>$/g, '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')) as Record<string, unknown>;
    expect(Object.keys(result)).toEqual(['stdout', 'stderr', 'command', 'returncode']);
    expect(result.returncode).toBe(0);
    expect(result.stdout).toContain('xen-hypervisor.x86_64 0:4.17.5-1.xcpng8.3');
    expect((await taskNames()).some((n) => n.startsWith('Update host'))).toBe(false);

    expect(JSON.parse(await plugin('query_installed', { packages: 'xen-hypervisor,nope' }))).toEqual({ 'xen-hypervisor': 'xen-hypervisor-4.17.5-1.xcpng8.3.x86_64', nope: '' });
    expect(await plugin('check_update')).toBe('[]');
    const oc = (await call('host.get_other_config', 'OpaqueRef:host1')) as Record<string, string>;
    expect(Number(oc.rpm_patch_installation_time)).toBeGreaterThan(Number(oc.boot_time));
    const oc2 = (await call('host.get_other_config', 'OpaqueRef:host2')) as Record<string, string>;
    expect(oc2.rpm_patch_installation_time).toBeUndefined();
  });

  it('a package made to fail fails the update with the plugin error and changes nothing; non-kernel updates need no reboot', async () => {
    await control('/updates/xcp-ng/publish', { name: 'sm', version: '3.2.4', release: '1.xcpng8.3' });
    await control('/updates/xcp-ng/fail', { name: 'sm', message: 'Error: sm conflicts with sm-fairlock' });
    const e = await errorOf(plugin('update', {}, 'OpaqueRef:host2'));
    expect(e.code).toBe('-1');
    expect(e.params[0]).toMatch(/returned non-zero exit status 1/);
    expect(e.params[1]).toBe('Error: sm conflicts with sm-fairlock');
    expect(JSON.parse(await plugin('query_installed', { packages: 'sm' }, 'OpaqueRef:host2')).sm).toBe('sm-3.2.3-1.6.xcpng8.3.x86_64');
    expect((await taskNames()).some((n) => n.startsWith('Update host'))).toBe(false);

    await control('/updates/xcp-ng/fail', { name: 'sm', clear: true });
    const before = ((await call('host.get_other_config', 'OpaqueRef:host1')) as Record<string, string>).rpm_patch_installation_time;
    expect(JSON.parse(await plugin('update', { packages: 'sm' })).returncode).toBe(0);
    expect(((await call('host.get_other_config', 'OpaqueRef:host1')) as Record<string, string>).rpm_patch_installation_time).toBe(before);
    const state = await control('/updates/xcp-ng/hosts/127.0.0.88');
    expect(state.installed).toContain('sm-3.2.4-1.xcpng8.3.x86_64');
  });

  it('the update source lists the published packages as yum repodata', async () => {
    const { url } = (await control('/updates/source/start', {})) as { url: string };
    const repomd = await (await fetch(`${url}/xcp-ng/xcp-ng-updates/repodata/repomd.xml`)).text();
    expect(repomd).toContain('<location href="repodata/primary.xml"/>');
    const primary = await (await fetch(`${url}/xcp-ng/xcp-ng-updates/repodata/primary.xml`)).text();
    const child = execFile('python3', ['-c', `import sys, json, xml.etree.ElementTree as ET
ns = {'c': 'http://linux.duke.edu/metadata/common'}
r = ET.fromstring(sys.stdin.read())
print(json.dumps([[p.find('c:name', ns).text, p.find('c:version', ns).attrib['ver'], p.find('c:version', ns).attrib['rel']] for p in r.findall('c:package', ns)]))`]);
    child.stdin!.end(primary);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    await new Promise((resolve) => child.on('close', resolve));
    expect(JSON.parse(out)).toEqual(expect.arrayContaining([['xen-hypervisor', '4.17.5', '1.xcpng8.3'], ['sm', '3.2.4', '1.xcpng8.3']]));
  });

  it('install, proxies, unknown functions and plugins', async () => {
    await control('/updates/xcp-ng/publish', { name: 'xcp-ng-linstor', version: '1.2.0', release: '1.xcpng8.3', repo: 'xcp-ng-linstor', requiresReboot: false });
    expect(JSON.parse(await plugin('query_installed', { packages: 'xcp-ng-linstor' }))).toEqual({ 'xcp-ng-linstor': '' });
    expect(JSON.parse(await plugin('install', { packages: 'xcp-ng-linstor' })).stdout).toContain('Installed:');
    expect(JSON.parse(await plugin('query_installed', { packages: 'xcp-ng-linstor' }))['xcp-ng-linstor']).toBe('xcp-ng-linstor-1.2.0-1.xcpng8.3.x86_64');

    expect(JSON.parse(await plugin('get_proxies'))['xcp-ng-base']).toBe('_none_');
    expect(await plugin('set_proxies', { proxies: '{"xcp-ng-base": "http://192.168.100.82:3142"}' })).toBe('');
    expect(JSON.parse(await plugin('get_proxies'))['xcp-ng-base']).toBe('http://192.168.100.82:3142');
    const bad = await errorOf(plugin('set_proxies', { proxies: '{"nope": "_none_"}' }));
    expect([bad.code, bad.params[0]]).toEqual(['-1', "Can't find section 'nope' in config file"]);

    expect((await errorOf(plugin('frobnicate'))).code).toBe('UNKNOWN_XENAPI_PLUGIN_FUNCTION');
    const missing = await errorOf(call('host.call_plugin', 'OpaqueRef:host1', 'nope.py', 'x', {}));
    expect([missing.code, missing.params]).toEqual(['XENAPI_MISSING_PLUGIN', ['nope.py']]);
    expect(typeof (await call('host.get_servertime', 'OpaqueRef:host1'))).toBe('string');
  });
});
