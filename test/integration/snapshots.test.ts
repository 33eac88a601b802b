import { inflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import type { Job } from '../../src/shared/api/job-schema.js';
import { openConsole, rfbHandshake, type ConsoleProbe } from '../support/rfb-probe.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

const appOrigin = 'app://xenith';
let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Dump = Awaited<ReturnType<ActionRig['db']>>;
const vmOf = (dump: Dump, ref: string) => dump.tables.VM![ref]!;
const snapshotsOf = (dump: Dump, vmRef: string) => rows(dump, 'VM').filter(([, vm]) => vm.is_a_snapshot === true && vm.snapshot_of === vmRef);
const diskVdis = (dump: Dump, vmRef: string) => rows(dump, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk').map(([, vbd]) => String(vbd.VDI));

/** What the VM's console screen shows now (the simulator's own view of it). */
async function screenText(vmRef: string): Promise<string> {
  const response = await fetch(`${rig!.sim.controlUrl}/consoles/${vmRef}/text`);
  return ((await response.json()) as { lines: string[] }).lines.join('\n');
}

/** Opens the VM's console through Xenith's proxy, as the Console tab does. */
async function viewConsole(vmRef: string): Promise<ConsoleProbe> {
  const { url } = await rig!.xenith.call<{ url: string }>('console.open', { objectId: vmRef });
  const probe = await openConsole(url, appOrigin);
  await rfbHandshake(probe);
  return probe;
}

/** Types text as RFB key events (press and release of each character's keysym). */
function typeInto(probe: ConsoleProbe, text: string): void {
  for (const char of text) {
    for (const down of [1, 0]) {
      const event = Buffer.alloc(8);
      event[0] = 4;
      event[1] = down;
      event.writeUInt32BE(char.charCodeAt(0), 4);
      probe.send(event);
    }
  }
}

/** Width, height and whether any pixel is lit, read from a PNG Xenith encoded (RGB, Sub-filtered rows). */
function readPng(png: Buffer): { width: number; height: number; lit: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.toString('latin1', at + 4, at + 8) === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  expect(raw.length).toBe((width * 3 + 1) * height);
  let lit = 0;
  for (let y = 0; y < height; y++) {
    let left = [0, 0, 0];
    for (let x = 0; x < width; x++) {
      const pixel = [0, 1, 2].map((c) => (raw[y * (width * 3 + 1) + 1 + x * 3 + c]! + left[c]!) & 0xff);
      if (pixel.some((value) => value > 128)) lit++;
      left = pixel;
    }
  }
  return { width, height, lit };
}

describe('snapshots through the server, against the simulator', () => {
  it('takes a snapshot with memory and its console screenshot; reverting runs the VM from that moment on the same server', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 31 });
    rig.xenith.server.allowConsoleOrigins([appOrigin]);
    const member = rig.sim.hosts.find((host) => !host.master)!;
    const [vmRef, vm] = guests(await rig.db()).find(([, record]) => record.power_state === 'Running')!;
    await rig.control(`/vms/${vmRef}/stop`, { hard: true });
    await rig.control(`/vms/${vmRef}/start`, { host: member.ref });
    const mirror = rig.xenith.server.internals.mirror;
    await waitUntil(() => mirror.get(vmRef, 'VM')?.resident_on === member.ref && [...mirror.index.lookup('console.VM', vmRef)].length > 0, 'the VM on the member with a console');
    const viewer = await viewConsole(vmRef);
    await waitUntil(async () => (await screenText(vmRef)).includes('login:'), 'the login prompt');
    typeInto(viewer, 'saved');
    await waitUntil(async () => (await screenText(vmRef)).includes('login: saved'), 'the typed text');
    const bootedAt = String((await rig.db()).tables.VM_metrics![String(vmOf(await rig.db(), vmRef).metrics)]!.start_time);

    const taken = await rig.runJob('vm.snapshot', { vmId: vmRef, name: 'before upgrade', description: 'with memory', memory: true });
    expect(taken).toMatchObject({ state: 'succeeded', action: 'vm.snapshot', title: `Taking snapshot 'before upgrade' of VM '${String(vm.name_label)}' (with memory)` });
    const snapshotRef = taken.resultObjectId!;
    const snapshot = vmOf(await rig.db(), snapshotRef);
    expect(snapshot).toMatchObject({ is_a_snapshot: true, snapshot_of: vmRef, power_state: 'Suspended', name_description: 'with memory' });
    expect(Object.keys(snapshot.blobs as Record<string, string>)).toEqual(['XenCenter.VNCSnapshot']);
    const { image } = await rig.xenith.call<{ image: { mimeType: string; base64: string } | null }>('snapshot.thumbnail', { snapshotId: snapshotRef });
    expect(image?.mimeType).toBe('image/png');
    const png = readPng(Buffer.from(image!.base64, 'base64'));
    expect([png.width, png.height]).toEqual([720, 400]);
    expect(png.lit).toBeGreaterThan(500); // boot text and the prompt, not a blank screen

    typeInto(viewer, 'lost');
    await waitUntil(async () => (await screenText(vmRef)).includes('login: savedlost'), 'the text typed after the snapshot');
    viewer.socket.close();
    const reverted = await rig.runJob('snapshot.revert', { snapshotId: snapshotRef });
    expect(reverted).toMatchObject({ state: 'succeeded', title: `Reverting VM '${String(vm.name_label)}' to snapshot 'before upgrade'` });
    const after = await rig.db();
    expect(vmOf(after, vmRef)).toMatchObject({ power_state: 'Running', resident_on: member.ref, parent: snapshotRef });
    expect(String(after.tables.VM_metrics![String(vmOf(after, vmRef).metrics)]!.start_time)).toBe(bootedAt);
    const again = await viewConsole(vmRef);
    await waitUntil(async () => (await screenText(vmRef)).includes('login: saved'), 'the saved screen');
    expect(await screenText(vmRef)).not.toContain('savedlost');
    again.socket.close();
  });

  it('reverts with "snapshot first": the current state is kept as a new snapshot, a branch next to the VM', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 32 });
    const vmRef = await haltedGuest(rig);
    const original = String(vmOf(await rig.db(), vmRef).name_description);
    const first = await rig.runJob('vm.snapshot', { vmId: vmRef, name: 'clean', memory: false });
    const clean = first.resultObjectId!;
    await rig.xenith.call('objects.edit', { objectId: vmRef, description: 'work in progress' });
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(vmRef, 'VM')?.name_description === 'work in progress', 'the edit in the mirror');

    const job = await rig.runJob('snapshot.revert', { snapshotId: clean, takeSnapshotFirst: true });

    expect(job.state).toBe('succeeded');
    const dump = await rig.db();
    const safety = snapshotsOf(dump, vmRef).find(([, snap]) => snap.name_label === "Before reverting to 'clean'");
    expect(safety).toBeDefined();
    expect(safety![1]).toMatchObject({ name_description: 'work in progress', parent: clean, power_state: 'Halted' });
    // The revert brought back the settings the snapshot kept; the edit lives on in the safety snapshot.
    expect(vmOf(dump, vmRef)).toMatchObject({ parent: clean, power_state: 'Halted', name_description: original });
  });

  it('deletes a snapshot with several children: they move up to its parent, its disks go, the others stay', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 33 });
    const vmRef = await haltedGuest(rig);
    const take = async (name: string) => (await rig!.runJob('vm.snapshot', { vmId: vmRef, name, memory: false })).resultObjectId!;
    const root = await take('root');
    const a = await take('a');
    await rig.runJob('snapshot.revert', { snapshotId: root });
    const b = await take('b');
    await rig.runJob('snapshot.revert', { snapshotId: root });
    const c = await take('c');
    const before = await rig.db();
    expect(new Set(vmOf(before, root).children as string[])).toEqual(new Set([a, b, c]));
    const rootDisks = diskVdis(before, root);

    const deleted = await rig.runJob('snapshot.delete', { snapshotIds: [root] });

    expect(deleted).toMatchObject({ state: 'succeeded', title: "Deleting snapshot 'root'" });
    const after = await rig.db();
    expect(after.tables.VM![root]).toBeUndefined();
    for (const child of [a, b, c]) expect(vmOf(after, child).parent).toBe(vmOf(before, root).parent);
    expect(vmOf(after, vmRef).parent).toBe(c);
    for (const vdi of rootDisks) expect(after.tables.VDI![vdi]).toBeUndefined();
    for (const child of [a, b, c]) for (const vdi of diskVdis(before, child)) expect(after.tables.VDI![vdi]).toBeDefined();

    // Several at once: one job each.
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('snapshot.delete', { snapshotIds: [a, b] });
    expect((await Promise.all(jobIds.map((id) => rig!.finished(id)))).map((j) => j.state)).toEqual(['succeeded', 'succeeded']);
    expect(snapshotsOf(await rig.db(), vmRef).map(([ref]) => ref)).toEqual([c]);
  });

  it('makes a VM and a template from a snapshot, and says why a snapshot cannot be taken', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 34 });
    const vmRef = await haltedGuest(rig);
    const snap = (await rig.runJob('vm.snapshot', { vmId: vmRef, name: 'base', memory: false })).resultObjectId!;

    const vmJob = await rig.runJob('snapshot.newVm', { snapshotId: snap, name: 'from base' });
    const templateJob = await rig.runJob('snapshot.newVm', { snapshotId: snap, name: 'base template', asTemplate: true });

    const dump = await rig.db();
    expect(vmOf(dump, vmJob.resultObjectId!)).toMatchObject({ name_label: 'from base', is_a_template: false, is_a_snapshot: false, power_state: 'Halted' });
    expect(vmOf(dump, templateJob.resultObjectId!)).toMatchObject({ name_label: 'base template', is_a_template: true, is_a_snapshot: false });
    expect(diskVdis(dump, vmJob.resultObjectId!)).toHaveLength(diskVdis(dump, snap).length);

    const names = snapshotsOf(await rig.db(), vmRef).map(([, s]) => s.name_label);
    await rig.control('/faults/fail-next', { method: 'VM.snapshot', code: 'SR_FULL', params: ['2147483648', '1073741824'] });
    const full = await rig.runJob('vm.snapshot', { vmId: vmRef, name: 'no room', memory: false });
    expect(full).toMatchObject({ state: 'failed', resultObjectId: null });
    expect(full.error).toMatchObject({ code: 'SR_FULL', message: 'The storage is full (needs 2.0 GiB, can give 1.0 GiB). Free space or choose another SR.' });
    expect(snapshotsOf(await rig.db(), vmRef).map(([, s]) => s.name_label)).toEqual(names);
    await expect(rig.xenith.call('vm.snapshot', { vmId: vmRef, name: 'x', memory: true, quiesce: true })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rig.xenith.call('snapshot.revert', { snapshotId: vmRef })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});

describe('snapshot schedules (VMSS) through the server', () => {
  it('runs at the time scale, keeps exactly its retention count, and reports a failure as an alert', async () => {
    // An hour of simulated time is 1.8 s here, so an hourly schedule runs every couple of seconds.
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 35, timeScale: 0.0005 });
    const vmIds = guests(await rig.db()).slice(0, 2).map(([ref]) => ref);
    const { vmssId } = await rig.xenith.call<{ vmssId: string }>('vmss.create', {
      poolId: rig.poolId, name: 'hourly', type: 'snapshot', timing: { frequency: 'hourly', minute: 15 }, retention: 2, vmIds,
    });
    const mirror = rig.xenith.server.internals.mirror;
    const alerts = (name: string) => [...mirror.ofType('message', rig!.poolId)].filter((o) => o.name === name && o.obj_uuid === mirror.get(vmssId, 'VMSS')?.uuid);
    await waitUntil(() => alerts('VMSS_SNAPSHOT_SUCCEEDED').length >= 3, 'three runs of the schedule');

    await rig.xenith.call('vmss.setEnabled', { vmssIds: [vmssId], enabled: false });
    const settled = await rig.runJob('vmss.snapshotNow', { vmssId });
    expect(settled).toMatchObject({ state: 'succeeded', title: "Running snapshot schedule 'hourly'" });
    const dump = await rig.db();
    expect(dump.tables.VMSS![vmssId]).toMatchObject({ enabled: false, retained_snapshots: 2, frequency: 'hourly', schedule: { min: '15' } });
    for (const vmRef of vmIds) expect(snapshotsOf(dump, vmRef).filter(([, snap]) => snap.is_vmss_snapshot === true)).toHaveLength(2);

    await rig.control('/faults/fail-next', { method: 'VM.snapshot', code: 'SR_FULL', params: ['1000', '10'] });
    await rig.runJob('vmss.snapshotNow', { vmssId });
    await waitUntil(() => alerts('VMSS_SNAPSHOT_FAILED').length === 1, 'the failure alert in the mirror');
    expect(alerts('VMSS_SNAPSHOT_FAILED')[0]).toMatchObject({ priority: 3, cls: 'VMSS', body: expect.stringContaining('SR_FULL') });

    const edited = await rig.xenith.call<{ edited: string[] }>('vmss.edit', { vmssId, retention: 1, timing: { frequency: 'weekly', hour: 3, minute: 30, days: ['Friday'] }, vmIds: [vmIds[0]!] });
    expect(edited.edited).toEqual(['timing', 'retention', 'vms']);
    const afterEdit = await rig.db();
    expect(afterEdit.tables.VMSS![vmssId]).toMatchObject({ frequency: 'weekly', schedule: { hour: '3', min: '30', days: 'Friday' }, retained_snapshots: 1, VMs: [vmIds[0]] });
    await rig.xenith.call('vmss.delete', { vmssIds: [vmssId] });
    const gone = await rig.db();
    expect(gone.tables.VMSS?.[vmssId]).toBeUndefined();
    expect(vmOf(gone, vmIds[0]!).snapshot_schedule).toBe('OpaqueRef:NULL');
  });

  it('refuses a schedule for a template and a weekly schedule without days', async () => {
    rig = await startActionRig({ hosts: 1, vms: 2, seed: 36 });
    const template = rows(await rig.db(), 'VM').find(([, vm]) => vm.is_a_template === true && vm.is_a_snapshot === false)![0];
    await expect(rig.xenith.call('vmss.create', { poolId: rig.poolId, name: 'x', type: 'snapshot', timing: { frequency: 'daily' }, retention: 3, vmIds: [template] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rig.xenith.call('vmss.create', { poolId: rig.poolId, name: 'x', type: 'snapshot', timing: { frequency: 'weekly', days: [] }, retention: 3, vmIds: [] })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(rows(await rig.db(), 'VMSS')).toEqual([]);
    const jobs = await rig.xenith.call<Job[]>('jobs.list', {});
    expect(jobs).toEqual([]);
  });
});
