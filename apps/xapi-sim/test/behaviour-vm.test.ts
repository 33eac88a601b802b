/** VM behaviour beyond power: clone, copy, snapshot, checkpoint, revert, destroy, provision, migrate, resources, alerts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crashVm } from '#sim/behaviour/vm-alerts.js';
import { startSimulatedPool, type SimulatedPool } from '#sim/index.js';
import { errorOf, jsonRpc, settleTask } from './helpers/json-rpc.js';
import { tinyPool } from './tiny-pool.js';

const GiB = 1024 ** 3;
let pool: SimulatedPool;
let s: string;
const call = (method: string, ...params: unknown[]): Promise<unknown> => jsonRpc(pool.masterUrl, method, [s, ...params]);
const get = (cls: string, ref: string): Record<string, unknown> => pool.engine.store.get(cls, ref);
const vdisOf = (vm: string): Record<string, unknown>[] =>
  (get('VM', vm).VBDs as string[]).map((b) => get('VBD', b)).filter((b) => b.type === 'Disk').map((b) => get('VDI', b.VDI as string));

const settle = (taskRef: string): Promise<Record<string, unknown>> => settleTask(call, taskRef);

/** The ref inside a task result `<value>OpaqueRef:…</value>`. */
const resultRef = (task: Record<string, unknown>): string => /OpaqueRef:[^<]+/.exec(String(task.result))![0];

beforeAll(async () => {
  pool = await startSimulatedPool({ poolSeed: tinyPool(['127.0.0.180', '127.0.0.181']), http: true, timeScale: 0.01 });
  s = String(await jsonRpc(pool.masterUrl, 'session.login_with_password', ['root', 'xenith']));
  // host2 sees the SR too, so that VMs can move.
  await call('PBD.create', { SR: 'OpaqueRef:sr1', host: 'OpaqueRef:host2', currently_attached: true, device_config: {} });
});
afterAll(async () => pool?.stop());

describe('VM.clone and VM.copy', () => {
  it('clones a halted VM with copy-on-write children of its disks on the same SR, new MACs and fresh metrics', async () => {
    const before = get('SR', 'OpaqueRef:sr1');
    const clone = String(await call('VM.clone', 'OpaqueRef:vm1', 'vm1 clone'));
    expect(get('VM', clone)).toMatchObject({ name_label: 'vm1 clone', power_state: 'Halted', is_a_template: false, is_a_snapshot: false, resident_on: 'OpaqueRef:NULL' });
    expect(get('VM', clone).uuid).not.toBe(get('VM', 'OpaqueRef:vm1').uuid);
    const [src] = vdisOf('OpaqueRef:vm1');
    const [child] = vdisOf(clone);
    expect(child).toMatchObject({ SR: 'OpaqueRef:sr1', virtual_size: src!.virtual_size, sm_config: { 'vhd-parent': src!.uuid } });
    expect(child!.uuid).not.toBe(src!.uuid);
    const vif = get('VIF', (get('VM', clone).VIFs as string[])[0]!);
    expect(vif.MAC).not.toBe('aa:bb:cc:00:00:01');
    expect(vif.network).toBe('OpaqueRef:net1');
    expect(get('VM', clone).metrics).not.toBe(get('VM', 'OpaqueRef:vm1').metrics);
    const after = get('SR', 'OpaqueRef:sr1');
    const vdis = (after.VDIs as string[]).map((v) => get('VDI', v));
    expect(after.virtual_allocation).toBe(vdis.reduce((n, v) => n + Number(v.virtual_size), 0));
    expect(after.physical_utilisation).toBe(vdis.reduce((n, v) => n + Number(v.physical_utilisation), 0));
    expect(Number(after.physical_utilisation)).toBeGreaterThan(Number(before.physical_utilisation));
  });

  it('refuses to clone a running VM with VM_BAD_POWER_STATE [vm, halted, running]', async () => {
    await call('VM.start', 'OpaqueRef:vm2', false, false);
    expect(await errorOf(call('VM.clone', 'OpaqueRef:vm2', 'x'))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm2', 'halted', 'running'] });
    await call('VM.hard_shutdown', 'OpaqueRef:vm2');
  });

  it('copies a VM with full disk copies, shows the copy in current_operations while it runs, and fails on a full SR', async () => {
    pool.engine.store.update('VDI', 'OpaqueRef:vdi1', { physical_utilisation: 5 * GiB });
    const task = String(await call('Async.VM.copy', 'OpaqueRef:vm1', 'vm1 copy', 'OpaqueRef:NULL'));
    expect(get('VM', 'OpaqueRef:vm1').current_operations).toEqual({ [task]: 'copy' });
    expect(get('VM', 'OpaqueRef:vm1').allowed_operations).toEqual([]);
    const done = await settle(task);
    expect(done.status).toBe('success');
    const copy = resultRef(done);
    const [src] = vdisOf('OpaqueRef:vm1');
    const [full] = vdisOf(copy);
    expect(full).toMatchObject({ SR: 'OpaqueRef:sr1', virtual_size: src!.virtual_size, physical_utilisation: src!.physical_utilisation });
    expect((full!.sm_config as Record<string, string>)['vhd-parent']).toBeUndefined();
    expect(get('VM', 'OpaqueRef:vm1').current_operations).toEqual({});
    expect(get('VM', 'OpaqueRef:vm1').allowed_operations).toContain('copy');
    pool.engine.store.update('SR', 'OpaqueRef:sr1', { physical_size: Number(get('SR', 'OpaqueRef:sr1').physical_utilisation) + 1024 });
    const err = await errorOf(call('VM.copy', 'OpaqueRef:vm1', 'too big', 'OpaqueRef:NULL'));
    expect(err.code).toBe('SR_FULL');
    expect(err.params).toEqual([String(5 * GiB), '1024']);
    pool.engine.store.update('SR', 'OpaqueRef:sr1', { physical_size: 500 * GiB });
  });
});

describe('snapshots', () => {
  it('snapshots a running VM: a halted template snapshot with snapshot VDIs, the VM descending from it', async () => {
    await call('VM.start', 'OpaqueRef:vm3', false, false);
    const snap = String(await call('VM.snapshot', 'OpaqueRef:vm3', 'before upgrade', []));
    const rec = get('VM', snap);
    expect(rec).toMatchObject({ is_a_snapshot: true, is_a_template: true, snapshot_of: 'OpaqueRef:vm3', power_state: 'Halted', name_label: 'before upgrade' });
    expect((rec.snapshot_time as Date).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(get('VM', 'OpaqueRef:vm3').snapshots).toContain(snap);
    expect(get('VM', 'OpaqueRef:vm3').parent).toBe(snap);
    const [disk] = vdisOf(snap);
    expect(disk).toMatchObject({ is_a_snapshot: true, snapshot_of: 'OpaqueRef:vdi3' });
    expect(get('VDI', 'OpaqueRef:vdi3').snapshots).toContain((get('VM', snap).VBDs as string[]).map((b) => get('VBD', b).VDI).find((v) => v !== 'OpaqueRef:NULL'));
    expect(rec.allowed_operations).toEqual(expect.arrayContaining(['revert', 'clone', 'destroy']));
    expect(await errorOf(call('VM.start', snap, false, false))).toMatchObject({ code: 'VM_IS_TEMPLATE', params: [snap] });
  });

  it('checkpoints keep the memory image; reverting to one brings the VM back suspended, to a snapshot halted', async () => {
    const cp = String(await call('VM.checkpoint', 'OpaqueRef:vm3', 'cp'));
    const rec = get('VM', cp);
    expect(rec).toMatchObject({ is_a_snapshot: true, power_state: 'Suspended' });
    expect(get('VDI', rec.suspend_VDI as string)).toMatchObject({ type: 'suspend', SR: 'OpaqueRef:sr1' });
    expect(get('VM', 'OpaqueRef:vm3').power_state).toBe('Running');
    const oldDisk = vdisOf('OpaqueRef:vm3')[0]!.uuid;
    await call('VM.revert', cp);
    const vm = get('VM', 'OpaqueRef:vm3');
    expect(vm).toMatchObject({ power_state: 'Suspended', parent: cp, resident_on: 'OpaqueRef:NULL', consoles: [] });
    expect(get('VDI', vm.suspend_VDI as string).type).toBe('suspend');
    expect(vdisOf('OpaqueRef:vm3')[0]!.uuid).not.toBe(oldDisk);
    const snap = (vm.snapshots as string[]).find((x) => get('VM', x).power_state === 'Halted')!;
    await call('VM.revert', snap);
    expect(get('VM', 'OpaqueRef:vm3')).toMatchObject({ power_state: 'Halted', parent: snap });
    expect(await errorOf(call('VM.revert', 'OpaqueRef:vm3'))).toMatchObject({ code: 'REVERT_ONLY_ALLOWED_ON_SNAPSHOT', params: [] });
    expect(await errorOf(call('VM.checkpoint', 'OpaqueRef:vm3', 'x'))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm3', 'running', 'halted'] });
  });
});

describe('VM.destroy and VM.provision', () => {
  it('destroys a halted VM with its VBDs and VIFs but keeps its VDIs; a running VM cannot be destroyed', async () => {
    const clone = String(await call('VM.clone', 'OpaqueRef:vm1', 'to destroy'));
    const vbds = [...(get('VM', clone).VBDs as string[])];
    const vifs = [...(get('VM', clone).VIFs as string[])];
    const vdis = vdisOf(clone).map((v) => pool.engine.store.refByUuid('VDI', String(v.uuid))!);
    await call('VM.start', clone, false, false);
    expect(await errorOf(call('VM.destroy', clone))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: [clone, 'halted', 'running'] });
    await call('VM.hard_shutdown', clone);
    await call('VM.destroy', clone);
    expect(pool.engine.store.has('VM', clone)).toBe(false);
    for (const b of vbds) expect(pool.engine.store.has('VBD', b)).toBe(false);
    for (const v of vifs) expect(pool.engine.store.has('VIF', v)).toBe(false);
    for (const v of vdis) expect(pool.engine.store.has('VDI', v)).toBe(true);
    expect(await errorOf(call('VM.destroy', 'OpaqueRef:dom0-1'))).toMatchObject({ code: 'OPERATION_NOT_ALLOWED' });
  });

  it('installs from a template: clone (a template), provision (disks from other_config.disks on the default SR), then a VM', async () => {
    await call('VM.add_to_other_config', 'OpaqueRef:tpl1', 'disks', `<provision><disk device="0" size="${10 * GiB}" sr="" bootable="true" type="system"/></provision>`);
    const vm = String(await call('VM.clone', 'OpaqueRef:tpl1', 'new debian'));
    expect(get('VM', vm).is_a_template).toBe(true);
    expect(get('VM', vm).allowed_operations).toContain('provision');
    const t = String(await call('Async.VM.provision', vm));
    expect(Object.values(get('VM', vm).current_operations as object)).toEqual(['provision']);
    expect((await settle(t)).status).toBe('success');
    const [disk] = vdisOf(vm);
    expect(disk).toMatchObject({ SR: 'OpaqueRef:sr1', virtual_size: 10 * GiB });
    expect((get('VM', vm).other_config as Record<string, string>).disks).toBeUndefined();
    await call('VM.set_is_a_template', vm, false);
    await call('VM.start', vm, false, false);
    expect(get('VM', vm).power_state).toBe('Running');
    expect(await errorOf(call('VM.provision', 'OpaqueRef:vm1'))).toMatchObject({ code: 'PROVISION_ONLY_ALLOWED_ON_TEMPLATE', params: [] });
  });
});

describe('VM.pool_migrate', () => {
  it('moves a running VM to another host: resident_on, consoles and host memory follow', async () => {
    const vm = 'OpaqueRef:vm1';
    await call('VM.start_on', vm, 'OpaqueRef:host1', false, false);
    const free2 = Number(await call('host.compute_free_memory', 'OpaqueRef:host2'));
    const t = String(await call('Async.VM.pool_migrate', vm, 'OpaqueRef:host2', { live: 'true' }));
    expect(get('VM', vm)).toMatchObject({ current_operations: { [t]: 'pool_migrate' }, scheduled_to_be_resident_on: 'OpaqueRef:host2' });
    expect((await settle(t)).status).toBe('success');
    expect(get('VM', vm)).toMatchObject({ resident_on: 'OpaqueRef:host2', scheduled_to_be_resident_on: 'OpaqueRef:NULL', power_state: 'Running' });
    for (const c of get('VM', vm).consoles as string[]) expect(String(get('console', c).location)).toMatch(/^https:\/\/127\.0\.0\.181\/console\?uuid=/);
    expect(Number(await call('host.compute_free_memory', 'OpaqueRef:host2'))).toBe(free2 - 4 * GiB);
    expect(get('host', 'OpaqueRef:host1').resident_VMs).not.toContain(vm);
  });

  it('checks the target: power state, liveness, enablement, storage and memory', async () => {
    expect(await errorOf(call('VM.pool_migrate', 'OpaqueRef:vm2', 'OpaqueRef:host2', {}))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: ['OpaqueRef:vm2', 'running', 'halted'] });
    pool.engine.store.update('host', 'OpaqueRef:host1', { enabled: false });
    expect(await errorOf(call('VM.pool_migrate', 'OpaqueRef:vm1', 'OpaqueRef:host1', {}))).toMatchObject({ code: 'HOST_DISABLED', params: ['OpaqueRef:host1'] });
    expect(await errorOf(call('VM.assert_can_boot_here', 'OpaqueRef:vm1', 'OpaqueRef:host1'))).toMatchObject({ code: 'HOST_DISABLED' });
    pool.engine.store.update('host', 'OpaqueRef:host1', { enabled: true });
    const pbd = (get('SR', 'OpaqueRef:sr1').PBDs as string[]).find((p) => get('PBD', p).host === 'OpaqueRef:host1')!;
    pool.engine.store.update('PBD', pbd, { currently_attached: false });
    expect(await errorOf(call('VM.pool_migrate', 'OpaqueRef:vm1', 'OpaqueRef:host1', {}))).toMatchObject({ code: 'VM_REQUIRES_SR', params: ['OpaqueRef:vm1', 'OpaqueRef:sr1'] });
    expect(await call('VM.get_possible_hosts', 'OpaqueRef:vm1')).toEqual(['OpaqueRef:host2']);
    pool.engine.store.update('PBD', pbd, { currently_attached: true });
    await call('VM.assert_can_boot_here', 'OpaqueRef:vm1', 'OpaqueRef:host1');
  });
});

describe('memory and vCPUs', () => {
  it('enforces static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max and the power states of each setter', async () => {
    const vm = 'OpaqueRef:vm2';
    expect(await errorOf(call('VM.set_memory_limits', vm, String(GiB), String(2 * GiB), String(3 * GiB), String(3 * GiB)))).toMatchObject({
      code: 'MEMORY_CONSTRAINT_VIOLATION', params: ['Memory limits must satisfy: static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max'],
    });
    await call('VM.set_memory_limits', vm, String(GiB), String(8 * GiB), String(2 * GiB), String(6 * GiB));
    expect(get('VM', vm)).toMatchObject({ memory_static_min: GiB, memory_static_max: 8 * GiB, memory_dynamic_min: 2 * GiB, memory_dynamic_max: 6 * GiB, memory_target: 6 * GiB });
    await call('VM.set_memory', vm, String(4 * GiB));
    expect(get('VM', vm)).toMatchObject({ memory_static_max: 4 * GiB, memory_dynamic_min: 4 * GiB, memory_dynamic_max: 4 * GiB });
    await call('VM.start', vm, false, false);
    expect(await errorOf(call('VM.set_memory', vm, String(2 * GiB)))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: [vm, 'halted', 'running'] });
    await call('VM.set_memory_dynamic_range', vm, String(2 * GiB), String(3 * GiB));
    expect(get('VM_metrics', get('VM', vm).metrics as string).memory_actual).toBe(3 * GiB);
    expect(await errorOf(call('VM.set_VCPUs_at_startup', vm, '1'))).toMatchObject({ code: 'VM_BAD_POWER_STATE', params: [vm, 'halted', 'running'] });
    expect(await errorOf(call('VM.set_VCPUs_number_live', vm, '3'))).toMatchObject({ code: 'INVALID_VALUE', params: ['nvcpu', '3'] });
    await call('VM.set_VCPUs_number_live', vm, '1');
    expect(get('VM_metrics', get('VM', vm).metrics as string).VCPUs_number).toBe(1);
    await call('VM.hard_shutdown', vm);
    expect(await errorOf(call('VM.set_VCPUs_at_startup', vm, '5'))).toMatchObject({ code: 'INVALID_VALUE', params: ['VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max', '5'] });
    await call('VM.set_VCPUs_max', vm, '4');
    await call('VM.set_VCPUs_at_startup', vm, '4');
    expect(get('VM', vm)).toMatchObject({ VCPUs_max: 4, VCPUs_at_startup: 4 });
    expect(await errorOf(call('VM.set_VCPUs_max', vm, '2'))).toMatchObject({ code: 'INVALID_VALUE', params: ['VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max', '2'] });
  });

  it('pins the dynamic range at static_max where the pool is not licensed for dynamic memory control, as xapi does', async () => {
    const vm = 'OpaqueRef:vm2';
    const [poolRef] = pool.engine.store.refs('pool');
    pool.engine.store.update('pool', poolRef!, { restrictions: { restrict_dmc: 'true' } });
    try {
      expect(await errorOf(call('VM.set_memory_limits', vm, String(GiB), String(4 * GiB), String(2 * GiB), String(4 * GiB)))).toMatchObject({
        code: 'MEMORY_CONSTRAINT_VIOLATION', params: ['Memory limits must satisfy: static_min ≤ dynamic_min = dynamic_max = static_max (DMC disabled)'],
      });
      await call('VM.set_memory_limits', vm, String(GiB), String(4 * GiB), String(4 * GiB), String(4 * GiB));
      expect(get('VM', vm)).toMatchObject({ memory_dynamic_min: 4 * GiB, memory_static_max: 4 * GiB });
    } finally {
      pool.engine.store.update('pool', poolRef!, { restrictions: {} });
    }
  });
});

describe('setters, events and alerts', () => {
  it('name, description, tags and other_config setters produce mod events; power operations leave alerts', async () => {
    const start = (await call('event.from', ['vm', 'message'], '', 0.1)) as { token: string };
    await call('VM.set_name_label', 'OpaqueRef:vm2', 'renamed');
    await call('VM.set_name_description', 'OpaqueRef:vm2', 'described');
    await call('VM.add_tags', 'OpaqueRef:vm2', 'prod');
    await call('VM.add_to_other_config', 'OpaqueRef:vm2', 'k', 'v');
    await call('VM.start', 'OpaqueRef:vm2', false, false);
    const batch = (await call('event.from', ['vm', 'message'], start.token, 1)) as { events: { class: string; operation: string; ref: string; snapshot?: Record<string, unknown> }[] };
    const mod = batch.events.find((e) => e.class === 'vm' && e.ref === 'OpaqueRef:vm2')!;
    expect(mod.operation).toBe('mod');
    expect(mod.snapshot).toMatchObject({ name_label: 'renamed', name_description: 'described', tags: ['test', 'prod'], other_config: { i: '2', k: 'v' }, power_state: 'Running' });
    const alert = batch.events.find((e) => e.class === 'message' && e.snapshot?.name === 'VM_STARTED');
    expect(alert?.snapshot).toMatchObject({ priority: 5, cls: 'VM', obj_uuid: get('VM', 'OpaqueRef:vm2').uuid });
  });
});

describe('guest metrics, crashes and alerts', () => {
  it('a started VM gets guest metrics with an address per VIF; halting drops them', async () => {
    const vm = 'OpaqueRef:vm2';
    const gm = get('VM', vm).guest_metrics as string;
    expect(get('VM_guest_metrics', gm)).toMatchObject({ live: true, PV_drivers_detected: true });
    expect(Object.keys(get('VM_guest_metrics', gm).networks as object)).toContain('0/ip');
    await call('VM.hard_shutdown', vm);
    expect(get('VM', vm).guest_metrics).toBe('OpaqueRef:NULL');
    expect(pool.engine.store.has('VM_guest_metrics', gm)).toBe(false);
  });

  it('a crash leaves VM_CRASHED (priority 2) and follows actions_after_crash', async () => {
    const vm = 'OpaqueRef:vm2';
    await call('VM.start', vm, false, false);
    await call('VM.set_actions_after_crash', vm, 'restart');
    const domid = get('VM', vm).domid;
    crashVm(pool.engine, vm);
    expect(get('VM', vm)).toMatchObject({ power_state: 'Running' });
    expect(get('VM', vm).domid).not.toBe(domid);
    await call('VM.set_actions_after_crash', vm, 'destroy');
    crashVm(pool.engine, vm);
    expect(get('VM', vm)).toMatchObject({ power_state: 'Halted', consoles: [] });
    const crashes = [...pool.engine.store.rows('message')].filter((m) => m.record.name === 'VM_CRASHED' && m.record.obj_uuid === get('VM', vm).uuid);
    expect(crashes.map((m) => m.record.priority)).toEqual([2, 2]);
    expect(() => crashVm(pool.engine, vm)).toThrow(/VM_BAD_POWER_STATE/);
  });

  it('the control port crashes a VM by uuid: POST /vms/<id>/crash', async () => {
    const vm = 'OpaqueRef:vm2';
    await call('VM.set_actions_after_crash', vm, 'preserve');
    await call('VM.start', vm, false, false);
    const res = await fetch(`${pool.controlUrl}/vms/${String(get('VM', vm).uuid)}/crash`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as Record<string, unknown>).power_state).toBe('Paused');
    const again = await fetch(`${pool.controlUrl}/vms/OpaqueRef:nope/crash`, { method: 'POST' });
    expect(((await again.json()) as { error: string[] }).error).toEqual(['HANDLE_INVALID', 'VM', 'OpaqueRef:nope']);
    await call('VM.hard_shutdown', vm);
  });

  it('message.get_since lists alerts after a time and message.destroy removes one (a del event)', async () => {
    const since = new Date(Date.now() - 1000);
    const all = (await call('message.get_since', since.toISOString().replace(/[-]/g, '').replace(/\.\d+Z$/, 'Z'))) as Record<string, Record<string, unknown>>;
    const names = Object.values(all).map((m) => m.name);
    expect(names).toEqual(expect.arrayContaining(['VM_CRASHED', 'VM_STARTED']));
    const [ref] = Object.keys(all);
    const token = ((await call('event.from', ['message'], '', 0.1)) as { token: string }).token;
    await call('message.destroy', ref);
    expect(pool.engine.store.has('message', ref!)).toBe(false);
    const batch = (await call('event.from', ['message'], token, 1)) as { events: { operation: string; ref: string }[] };
    expect(batch.events).toContainEqual(expect.objectContaining({ operation: 'del', ref }));
  });
});

describe('memory reservations', () => {
  it('a VM being started holds its memory on the host, so a concurrent start that would overcommit is refused', async () => {
    const free = Number(await call('host.compute_free_memory', 'OpaqueRef:host1'));
    const size = Math.floor((free * 0.6) / 1024 ** 2) * 1024 ** 2;
    const vms: string[] = [];
    for (const name of ['big a', 'big b']) {
      const vm = String(await call('VM.clone', 'OpaqueRef:tpl1', name));
      await call('VM.set_is_a_template', vm, false);
      await call('VM.set_memory_limits', vm, String(size), String(size), String(size), String(size));
      vms.push(vm);
    }
    pool.engine.config.timeScale = 0.1;
    const t = String(await call('Async.VM.start_on', vms[0], 'OpaqueRef:host1', false, false));
    expect(get('VM', vms[0]!).scheduled_to_be_resident_on).toBe('OpaqueRef:host1');
    const err = await errorOf(call('VM.start_on', vms[1], 'OpaqueRef:host1', false, false));
    expect(err.code).toBe('HOST_NOT_ENOUGH_FREE_MEMORY');
    expect(err.params[0]).toBe(String(size));
    expect((await settle(t)).status).toBe('success');
    pool.engine.config.timeScale = 0.01;
    expect(get('VM', vms[0]!)).toMatchObject({ resident_on: 'OpaqueRef:host1', scheduled_to_be_resident_on: 'OpaqueRef:NULL' });
    expect(Number(await call('host.compute_free_memory', 'OpaqueRef:host1'))).toBe(free - size);
  });
});
