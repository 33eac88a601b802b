/**
 * The generated pool has what a New VM wizard needs, and XenCenter's creation sequence works on it through
 * JSON-RPC: clone a default template, choose the disk's SR and size in other_config.disks, provision, make it a
 * VM, set vCPUs / memory / home server, add a CD drive with an ISO from the ISO library and a VIF, start it; the
 * running VM then reports its OS and its VIF's IP address through VM_guest_metrics.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { jsonRpc, settleTask } from './helpers/json-rpc.js';

const GiB = 1024 ** 3;
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
type Rec = Record<string, unknown>;
const records = async (cls: string): Promise<[string, Rec][]> => Object.entries((await call(`${cls}.get_all_records`)) as Record<string, Rec>);

beforeAll(async () => {
  pool = await startSimulatedPool({ hosts: 2, vms: 8, seed: 5, baseAddress: '127.0.0.214', http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
});
afterAll(async () => pool?.stop());

describe('generated pool for the New VM wizard', () => {
  it('has default templates with provisioning XML and limits, an ISO library, several networks, shared and local SRs', async () => {
    const vms = await records('VM');
    const templates = vms.filter(([, v]) => v.is_a_template === true && v.is_a_snapshot === false);
    expect(templates.length).toBeGreaterThanOrEqual(10);
    for (const [, t] of templates) {
      expect((t.other_config as Record<string, string>).disks).toMatch(/^<provision><disk device="0" size="\d+" sr="" bootable="true"/);
      expect(String(t.recommendations)).toContain('field="memory-static-max"');
      expect(String(t.recommendations)).toContain('field="vcpus-max"');
      expect(Number(t.memory_static_max)).toBeGreaterThanOrEqual(Number(t.memory_static_min));
    }
    const srs = await records('SR');
    const isoLibrary = srs.find(([, r]) => r.type === 'iso' && r.content_type === 'iso' && r.name_label === 'ISO library');
    expect(isoLibrary).toBeDefined();
    expect((isoLibrary![1].VDIs as string[]).length).toBeGreaterThanOrEqual(3);
    expect(srs.filter(([, r]) => r.shared === true && r.content_type === 'user').length).toBeGreaterThanOrEqual(1);
    const hosts = await records('host');
    const localPerHost = hosts.map(([h]) => srs.filter(([, r]) => r.shared === false && r.content_type === 'user' && (r.PBDs as string[]).some((p) => pool.engine.store.get('PBD', p).host === h)).length);
    expect(localPerHost.every((n) => n >= 1)).toBe(true);
    const networks = await records('network');
    expect(networks.filter(([, n]) => (n.PIFs as string[]).length > 0).length).toBeGreaterThanOrEqual(2);
    const guests = vms.filter(([, v]) => !v.is_a_template && !v.is_control_domain && !v.is_a_snapshot);
    const vbds = await records('VBD');
    for (const [ref] of guests) expect(vbds.some(([, b]) => b.VM === ref && b.type === 'CD' && b.userdevice === '3')).toBe(true);
  });

  it('creates, sizes, equips and starts a VM from a template the way XenCenter does', async () => {
    const vms = await records('VM');
    const [template, tpl] = vms.find(([, v]) => v.name_label === 'Debian Bookworm 12' && v.is_a_template === true)!;
    const srs = await records('SR');
    const [sharedSr, shared] = srs.find(([, r]) => r.shared === true && r.content_type === 'user')!;
    const [, isoSr] = srs.find(([, r]) => r.name_label === 'ISO library')!;
    const iso = (isoSr.VDIs as string[])[0]!;
    const networks = (await records('network')).filter(([, n]) => (n.PIFs as string[]).length > 0);
    const [network] = networks[1]!;
    const [home] = (await records('host'))[1]!;

    const cloned = await settleTask(call, String(await call('Async.VM.clone', template, 'wizard vm')));
    const vm = /OpaqueRef:[^<]+/.exec(String(cloned.result))![0];
    // The wizard's Storage step: the disk on a chosen SR, 16 GiB instead of the template's size.
    const disks = String((tpl.other_config as Record<string, string>).disks).replace(/size="\d+"/, `size="${16 * GiB}"`).replace('sr=""', `sr="${String(shared.uuid)}"`);
    await call('VM.remove_from_other_config', vm, 'disks');
    await call('VM.add_to_other_config', vm, 'disks', disks);
    expect((await settleTask(call, String(await call('Async.VM.provision', vm)))).status).toBe('success');
    await call('VM.set_is_a_template', vm, false);
    await call('VM.set_name_description', vm, 'made by the wizard');
    await call('VM.set_VCPUs_max', vm, 4);
    await call('VM.set_VCPUs_at_startup', vm, 3);
    await call('VM.set_memory_limits', vm, GiB, 3 * GiB, 3 * GiB, 3 * GiB);
    await call('VM.set_affinity', vm, home);
    const cd = String(await call('VBD.create', {
      VM: vm, VDI: 'OpaqueRef:NULL', userdevice: '3', bootable: true, mode: 'RO', type: 'CD', empty: true,
      other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {},
    }));
    await call('VBD.insert', cd, iso);
    await call('VIF.create', { device: '0', network, VM: vm, MAC: '', MTU: 1500, other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {} });

    const made = (await call('VM.get_record', vm)) as Rec;
    expect(made).toMatchObject({ is_a_template: false, VCPUs_max: 4, VCPUs_at_startup: 3, memory_static_max: 3 * GiB, memory_dynamic_min: 3 * GiB, affinity: home });
    const vbds = await Promise.all((made.VBDs as string[]).map(async (b) => (await call('VBD.get_record', b)) as Rec));
    const disk = vbds.find((b) => b.type === 'Disk')!;
    const vdi = (await call('VDI.get_record', disk.VDI)) as Rec;
    expect(vdi).toMatchObject({ SR: sharedSr, virtual_size: 16 * GiB });
    expect(vbds.find((b) => b.type === 'CD')).toMatchObject({ VDI: iso, empty: false });

    expect((await settleTask(call, String(await call('Async.VM.start', vm, false, false)))).status).toBe('success');
    const running = (await call('VM.get_record', vm)) as Rec;
    expect(running).toMatchObject({ power_state: 'Running', resident_on: home });
    expect((await call('VM_metrics.get_record', running.metrics)) as Rec).toMatchObject({ VCPUs_number: 3, memory_actual: 3 * GiB });
    const gm = (await call('VM_guest_metrics.get_record', running.guest_metrics)) as Rec;
    expect(gm.os_version).toMatchObject({ name: 'Debian GNU/Linux 12 (bookworm)', distro: 'debian', major: '12' });
    expect((gm.networks as Record<string, string>)['0/ip']).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(gm.PV_drivers_up_to_date).toBe(true);
  });
});
