import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/shared/api/errors.js';
import type { Job } from '../../src/shared/api/job-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

interface Placement { hostId: string; canRun: boolean; reason: ApiError | null }

/** Disk VDIs of a VM in a dump. */
function diskVdis(dump: Awaited<ReturnType<ActionRig['db']>>, vmRef: string): string[] {
  return rows(dump, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk' && !vbd.empty).map(([, vbd]) => String(vbd.VDI));
}

describe('VM actions through the server, against the simulator', () => {
  it('says which servers can take a running VM and why not, then migrates it live to one that can', async () => {
    rig = await startActionRig({ hosts: 3, vms: 6, seed: 21 });
    const dump = await rig.db();
    const [vmRef, vm] = guests(dump).find(([, record]) => record.power_state === 'Running')!;
    const others = Object.keys(dump.tables.host!).filter((ref) => ref !== vm.resident_on);
    const [disabled, target] = others as [string, string];
    await rig.runJob('host.power', { hostIds: [disabled], operation: 'disable' });
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(disabled, 'host')?.enabled === false, 'disabled host in the mirror');

    const placement = await rig.xenith.call<Placement[]>('vm.placement', { vmId: vmRef });

    const byHost = new Map(placement.map((entry) => [entry.hostId, entry]));
    expect(byHost.size).toBe(3);
    expect(byHost.get(String(vm.resident_on))).toMatchObject({ canRun: false, reason: { code: 'VM_ALREADY_ON_SERVER' } });
    expect(byHost.get(disabled)).toMatchObject({ canRun: false, reason: { code: 'HOST_DISABLED' } });
    expect(byHost.get(disabled)!.reason!.message).toContain(`The server '${String(dump.tables.host![disabled]!.name_label)}' is disabled`);
    expect(byHost.get(target)).toEqual({ hostId: target, canRun: true, reason: null });

    const job = await rig.runJob('vm.migrate', { vmId: vmRef, hostId: target });
    expect(job).toMatchObject({ state: 'succeeded', action: 'vm.migrate', title: `Migrating VM '${String(vm.name_label)}' to '${String(dump.tables.host![target]!.name_label)}'` });
    expect((await rig.db()).tables.VM![vmRef]!.resident_on).toBe(target);
  });

  it('clones and copies a halted VM, naming the new VM as the job result', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 22 });
    const vmRef = await haltedGuest(rig);
    await rig.control('/faults/duration', { method: 'VM.copy', ms: 500 });
    const dump = await rig.db();
    const [srRef] = rows(dump, 'SR').find(([, sr]) => sr.content_type !== 'iso' && sr.type !== 'iso' && (sr.PBDs as string[]).length > 0 && sr.shared === true) ?? rows(dump, 'SR')[0]!;

    const clone = await rig.runJob('vm.clone', { vmId: vmRef, name: 'clone-of-it' });
    expect(clone.state).toBe('succeeded');
    const copy = await rig.runJob('vm.copy', { vmId: vmRef, name: 'copy-of-it', srId: srRef });
    expect(copy.state).toBe('succeeded');

    const after = await rig.db();
    expect(after.tables.VM![clone.resultObjectId!]).toMatchObject({ name_label: 'clone-of-it', is_a_template: false });
    expect(after.tables.VM![copy.resultObjectId!]).toMatchObject({ name_label: 'copy-of-it', is_a_template: false });
    const copiedDisks = diskVdis(after, copy.resultObjectId!);
    expect(copiedDisks.length).toBe(diskVdis(after, vmRef).length);
    for (const vdi of copiedDisks) expect(after.tables.VDI![vdi]!.SR).toBe(srRef);
  });

  it('cancels a long copy: the job ends cancelled and no half-made VM or disk is left', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 23 });
    const vmRef = await haltedGuest(rig);
    await rig.control('/faults/duration', { method: 'VM.copy', ms: 30_000 });
    const before = await rig.db();
    const { jobIds: [jobId] } = await rig.xenith.call<{ jobIds: string[] }>('vm.copy', { vmId: vmRef, name: 'never-finished', srId: null });
    // The XAPI task's progress shows on the job while it runs.
    await rig.xenith.waitForEvent((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === jobId && (e.payload as { job: Job }).job.taskRefs.length === 1 && (e.payload as { job: Job }).job.progress > 0);
    const cancelAsked = Date.now();

    expect(await rig.xenith.call('jobs.cancel', { jobId })).toEqual({ cancelling: true });
    const job = await rig.finished(jobId!);

    expect(job.state).toBe('cancelled');
    expect(Date.now() - cancelAsked).toBeLessThan(5_000);
    expect(rig.xenith.events.some((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === jobId && (e.payload as { job: Job }).job.state === 'cancelling')).toBe(true);
    const after = await rig.db();
    expect(rows(after, 'VM').filter(([, vm]) => vm.name_label === 'never-finished')).toEqual([]);
    expect(Object.keys(after.tables.VDI!).sort()).toEqual(Object.keys(before.tables.VDI!).sort());
  });

  it('cancels an XAPI task another client started (tasks.cancel), and says NOT_FOUND for an unknown job', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 26 });
    const vmRef = await haltedGuest(rig);
    await rig.control('/faults/duration', { method: 'VM.copy', ms: 30_000 });
    const otherClient = rig.xenith.server.internals.pools.connection(rig.poolId).client!;
    const taskRef = await otherClient.call<string>('Async.VM.copy', vmRef, 'copied-elsewhere', 'OpaqueRef:NULL');
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(taskRef, 'task')?.status === 'pending', 'the task in the mirror');

    expect(await rig.xenith.call('tasks.cancel', { taskId: taskRef })).toEqual({ cancelling: true });

    await waitUntil(() => ['cancelled', 'failure'].includes(rig!.xenith.server.internals.mirror.get(taskRef, 'task')?.status ?? ''), 'the task to end');
    expect(rig.xenith.server.internals.mirror.get(taskRef, 'task')).toMatchObject({ status: 'cancelled' });
    expect(await rig.xenith.call('jobs.cancel', { jobId: 'nope' }).catch((e: ApiError) => e.code)).toBe('NOT_FOUND');
    expect(await rig.xenith.call('tasks.cancel', { taskId: vmRef }).catch((e: ApiError) => e.code)).toBe('NOT_FOUND');
  });

  it('deletes a VM with the chosen disks and snapshots, keeping the others', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 24 });
    const vmRef = await haltedGuest(rig);
    const snapshotRef = String(await rig.xenith.server.internals.pools.connection(rig.poolId).client!.call('VM.snapshot', vmRef, 'before-delete'));
    const dump = await rig.db();
    const vmDisks = diskVdis(dump, vmRef);
    const snapshotDisks = diskVdis(dump, snapshotRef);
    expect(vmDisks.length).toBeGreaterThan(0);
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(snapshotRef, 'VM') !== undefined && snapshotDisks.every((vdi) => rig!.xenith.server.internals.mirror.get(vdi, 'VDI')), 'snapshot in the mirror');

    // A disk of another VM is refused before anything is deleted.
    const [otherRef] = guests(dump).find(([ref]) => ref !== vmRef && diskVdis(dump, ref).length > 0)!;
    const refused = await rig.xenith.call('vm.delete', { vmId: vmRef, deleteVdiIds: [diskVdis(dump, otherRef)[0]], deleteSnapshotIds: [] }).catch((e: ApiError) => e);
    expect(refused).toMatchObject({ code: 'VALIDATION' });

    const job = await rig.runJob('vm.delete', { vmId: vmRef, deleteVdiIds: [vmDisks[0], ...snapshotDisks], deleteSnapshotIds: [snapshotRef] });

    expect(job).toMatchObject({ state: 'succeeded', title: `Deleting VM '${String(dump.tables.VM![vmRef]!.name_label)}'` });
    const after = await rig.db();
    expect(after.tables.VM![vmRef]).toBeUndefined();
    expect(after.tables.VM![snapshotRef]).toBeUndefined();
    expect(after.tables.VDI![vmDisks[0]!]).toBeUndefined();
    for (const vdi of snapshotDisks) expect(after.tables.VDI![vdi]).toBeUndefined();
    for (const vdi of vmDisks.slice(1)) expect(after.tables.VDI![vdi]).toBeDefined();
  });

  it('converts a halted VM to a template, and edits names, descriptions and tags', async () => {
    rig = await startActionRig({ hosts: 1, vms: 3, seed: 25 });
    const vmRef = await haltedGuest(rig);
    const job = await rig.runJob('vm.convertToTemplate', { vmId: vmRef });
    expect(job.state).toBe('succeeded');
    expect((await rig.db()).tables.VM![vmRef]!.is_a_template).toBe(true);

    const [hostRef] = Object.keys((await rig.db()).tables.host!);
    expect(await rig.xenith.call('objects.edit', { objectId: hostRef, name: 'renamed host', description: 'rack 4', tags: ['prod', 'prod', 'eu'] })).toEqual({ edited: ['name', 'description', 'tags'] });
    expect((await rig.db()).tables.host![hostRef!]).toMatchObject({ name_label: 'renamed host', name_description: 'rack 4', tags: ['prod', 'eu'] });
    const vbdRef = Object.keys((await rig.db()).tables.VBD!)[0];
    expect(await rig.xenith.call('objects.edit', { objectId: vbdRef, name: 'x' }).catch((e: ApiError) => e.code)).toBe('VALIDATION');
  });
});
