import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/shared/api/errors.js';
import type { Job } from '../../src/shared/api/job-schema.js';
import { guests, haltedGuest, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const powerOf = async (vmRef: string) => (await rig!.db()).tables.VM![vmRef]!.power_state;

describe('VM power actions through the server, against the simulator', () => {
  it('starts, suspends, resumes, pauses, unpauses, reboots and shuts down a VM, one job each, with XenCenter titles', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 11 });
    const [vmRef, vm] = guests(await rig.db()).find(([, record]) => record.power_state === 'Halted')!;
    const name = String(vm.name_label);

    const started = await rig.runJob('vm.power', { vmIds: [vmRef], operation: 'start' });
    expect(started).toMatchObject({ state: 'succeeded', title: `Starting VM '${name}'`, action: 'vm.start', objectIds: [vmRef], progress: 1, error: null, taskRefs: [] });
    expect(await powerOf(vmRef)).toBe('Running');
    // While it ran, the job named its XAPI task (so the task panel does not list it twice).
    const runningStates = rig.xenith.events.filter((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === started.jobId).map((e) => (e.payload as { job: Job }).job);
    expect(runningStates.some((job) => job.state === 'running' && job.taskRefs.length === 1 && job.taskRefs[0]!.startsWith('OpaqueRef:'))).toBe(true);

    for (const [operation, expected] of [['suspend', 'Suspended'], ['resume', 'Running'], ['pause', 'Paused'], ['unpause', 'Running'], ['clean_reboot', 'Running'], ['hard_reboot', 'Running'], ['clean_shutdown', 'Halted']] as const) {
      const job = await rig.runJob('vm.power', { vmIds: [vmRef], operation });
      expect(job.state, operation).toBe('succeeded');
      expect(await powerOf(vmRef), operation).toBe(expected);
    }
  });

  it('runs one job per VM for a multi-selection and force-shuts them all down', async () => {
    rig = await startActionRig({ hosts: 2, vms: 8, seed: 12 });
    const running = guests(await rig.db()).filter(([, vm]) => vm.power_state === 'Running').map(([ref]) => ref).slice(0, 3);
    expect(running.length).toBeGreaterThanOrEqual(2);
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('vm.power', { vmIds: running, operation: 'hard_shutdown' });
    expect(jobIds).toHaveLength(running.length);
    const jobs = await Promise.all(jobIds.map((id) => rig!.finished(id)));
    expect(jobs.map((job) => job.state)).toEqual(running.map(() => 'succeeded'));
    expect(jobs[0]!.title).toMatch(/^Forcing shutdown of VM '/);
    for (const ref of running) expect(await powerOf(ref)).toBe('Halted');
    const listed = await rig.xenith.call<Job[]>('jobs.list', {});
    expect(listed.map((job) => job.jobId)).toEqual(expect.arrayContaining(jobIds));
  });

  it('ends the job failed with XAPI\'s code and a sentence when the pool refuses the start', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 13 });
    const [vmRef] = guests(await rig.db()).find(([, vm]) => vm.power_state === 'Halted')!;
    await rig.control('/faults/fail-next', { method: 'VM.start', code: 'HOST_NOT_ENOUGH_FREE_MEMORY', params: ['8589934592', '1073741824'] });

    const job = await rig.runJob('vm.power', { vmIds: [vmRef], operation: 'start' });

    expect(job.state).toBe('failed');
    expect(job.error).toEqual({
      code: 'HOST_NOT_ENOUGH_FREE_MEMORY',
      message: 'The server does not have enough free memory (needs 8.0 GiB, has 1.0 GiB). Free memory or choose another server.',
      params: ['8589934592', '1073741824'],
      poolId: rig.poolId,
    });
    expect(await powerOf(vmRef)).toBe('Halted');
  });

  it('refuses an unknown VM before starting any job', async () => {
    rig = await startActionRig({ hosts: 1, vms: 2, seed: 14 });
    const error = await rig.xenith.call('vm.power', { vmIds: ['OpaqueRef:nope'], operation: 'start' }).catch((e: ApiError) => e);
    expect(error).toMatchObject({ code: 'NOT_FOUND', params: ['OpaqueRef:nope'] });
    expect((error as ApiError).message).toMatch(/There is no VM OpaqueRef:nope in a connected pool/);
    expect(await rig.xenith.call<Job[]>('jobs.list', {})).toEqual([]);
  });

  it('starts a VM on the chosen server, and clears finished jobs', async () => {
    rig = await startActionRig({ hosts: 3, vms: 6, seed: 15 });
    const vmRef = await haltedGuest(rig);
    const dump = await rig.db();
    const hostRef = Object.keys(dump.tables.host!).find((ref) => !rig!.sim.hosts.find((host) => host.ref === ref)?.master)!;

    const job = await rig.runJob('vm.startOn', { vmId: vmRef, hostId: hostRef });

    expect(job.state).toBe('succeeded');
    const after = (await rig.db()).tables.VM![vmRef]!;
    expect([after.power_state, after.resident_on]).toEqual(['Running', hostRef]);
    expect(await rig.xenith.call('jobs.clearFinished', {})).toEqual({ removed: 1 });
    expect(await rig.xenith.call('jobs.list', {})).toEqual([]);
    expect(rig.xenith.events.some((e) => e.event === 'jobs.changed' && (e.payload as { removed: boolean }).removed)).toBe(true);
  });
});
