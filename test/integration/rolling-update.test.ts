/**
 * The rolling pool update against the simulator: on a 3-host XCP-ng pool with running VMs it goes master first and
 * brings each host's own VMs back before the next host; a host whose reboot never completes pauses it, Retry after
 * the fault clears completes it, and Skip leaves that host out and says so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Job, JobStep } from '../../src/shared/api/job-schema.js';
import type { UpdatePrecheckResult } from '../../src/shared/api/update-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { startUpdateRig, stopUnmovableGuests, updateOutcome, placement, type UpdateRig } from './support/update-rig.js';

let rig: UpdateRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const kernel = (release: string) => ({ name: 'kernel', version: '4.19.19', release });
const byId = (job: Job): Map<string, JobStep> => new Map((job.steps ?? []).map((step) => [step.id, step]));

describe('rolling pool update', () => {
  it('updates a 3-host pool master first, each host\'s VMs back on it after its reboot', async () => {
    rig = await startUpdateRig({ hosts: 3, vms: 9, seed: 64, baseAddress: '127.0.6.40' });
    await stopUnmovableGuests(rig.sim, rig.xenith.call);
    await rig.control('/updates/xcp-ng/publish', kernel('8.0.38.1.xcpng8.3'));
    const before = await rig.db();
    const where = placement(before);
    expect(Object.values(where).flat().length).toBeGreaterThan(2);
    const bootedAt = Object.fromEntries(rig.sim.hosts.map((h) => [h.ref, (before.tables.host![h.ref]!.other_config as Record<string, string>).agent_start_time]));

    const selection = { family: 'xcp-ng', packages: [] };
    const prechecks = await rig.xenith.call<UpdatePrecheckResult>('updates.precheck', { poolId: rig.poolId, selection, mode: 'automatic' });
    expect(prechecks.checks.filter((c) => c.status !== 'passed')).toEqual([]);
    const master = rig.sim.hosts.find((h) => h.master)!;
    expect(prechecks.plan.map((p) => p.hostId)[0]).toBe(master.ref);
    expect(prechecks.plan[0]!.steps).toEqual([`Disable '${master.name}'`, `Migrate the VMs off '${master.name}'`, `Install the updates on '${master.name}'`, `Reboot '${master.name}'`, `Wait for '${master.name}' to come back`, `Enable '${master.name}'`, `Bring the VMs of '${master.name}' back`]);

    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection, mode: 'automatic' });
    const job = await rig.finished(jobIds[0]!, 240_000);
    expect(job).toMatchObject({ state: 'succeeded', action: 'updates.rollingUpdate', notes: ['3 of 3 server(s) updated.'] });
    const steps = byId(job);
    expect(job.steps!.every((s) => s.state === 'done')).toBe(true);
    // Master first; and each host's VMs were back before the next host was touched.
    const order = prechecks.plan.map((p) => p.hostId);
    for (let i = 1; i < order.length; i++) {
      expect(steps.get(`vms-back:${order[i - 1]}`)!.finishedAt!).toBeLessThanOrEqual(steps.get(`disable:${order[i]}`)!.startedAt!);
    }
    const after = await rig.db();
    expect(placement(after)).toEqual(where);
    for (const host of rig.sim.hosts) {
      expect((after.tables.host![host.ref]!.other_config as Record<string, string>).agent_start_time).not.toBe(bootedAt[host.ref]);
    }
    const outcome = (await updateOutcome(rig.sim)) as { hosts: Record<string, { kernel: string; enabled: boolean; rebootPending: boolean }> };
    for (const state of Object.values(outcome.hosts)) expect(state).toMatchObject({ kernel: 'kernel-4.19.19-8.0.38.1.xcpng8.3.x86_64', enabled: true, rebootPending: false });
    // Nothing left in the journal to block a later update.
    expect(JSON.parse(await import('node:fs/promises').then((fs) => fs.readFile(`${rig!.xenith.dataDir}/rolling-updates.json`, 'utf8')))).toEqual({ version: 1, updates: [] });
  });

  it('pauses on a host whose reboot does not complete; Retry after the fault clears completes; Skip leaves a host out and says so', async () => {
    rig = await startUpdateRig({ hosts: 2, vms: 4, seed: 66, baseAddress: '127.0.6.50' }, { rollingTimings: { pollMs: 100, rebootTimeoutMs: 4000 } });
    await stopUnmovableGuests(rig.sim, rig.xenith.call);
    const member = rig.sim.hosts.find((h) => !h.master)!;
    const where = placement(await rig.db());
    const selection = { family: 'xcp-ng', packages: [] };

    // Retry: the member's reboot hangs until the fault is cleared.
    await rig.control('/updates/xcp-ng/publish', kernel('8.0.38.1.xcpng8.3'));
    await rig.control(`/hosts/${member.ref}/reboot-fault`, { hang: true });
    const first = (await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection, mode: 'automatic' })).jobIds[0]!;
    const paused = await rig.job((j) => j.jobId === first && j.state === 'paused', 120_000);
    expect(paused).toMatchObject({ decisions: ['resume', 'retry', 'skip', 'abort'], error: { code: 'HOST_REBOOT_TIMEOUT', message: expect.stringContaining(`'${member.name}' did not come back`) } });
    expect(byId(paused).get(`wait:${member.ref}`)).toMatchObject({ state: 'failed', error: { code: 'HOST_REBOOT_TIMEOUT' } });
    await expect(rig.xenith.call('updates.install', { poolId: rig.poolId, selection, mode: 'automatic' })).rejects.toMatchObject({ code: 'ROLLING_UPDATE_IN_PROGRESS' });
    await rig.control(`/hosts/${member.ref}/reboot-fault`, { hang: false });
    await rig.xenith.call('updates.decide', { jobId: first, decision: 'retry' });
    const retried = await rig.finished(first, 120_000);
    expect(retried).toMatchObject({ state: 'succeeded', notes: ['2 of 2 server(s) updated.'] });
    expect(placement(await rig.db())).toEqual(where);

    // Skip: the same fault on a new update; the member is left out, and the job says so.
    await rig.control('/updates/xcp-ng/publish', kernel('8.0.39.1.xcpng8.3'));
    await rig.control(`/hosts/${member.ref}/reboot-fault`, { hang: true });
    const second = (await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection, mode: 'automatic' })).jobIds[0]!;
    await rig.job((j) => j.jobId === second && j.state === 'paused', 120_000);
    await rig.xenith.call('updates.decide', { jobId: second, decision: 'skip' });
    const skipped = await rig.finished(second, 120_000);
    expect(skipped.state).toBe('succeeded');
    expect(skipped.notes).toEqual([expect.stringMatching(new RegExp(`^Left out '${member.name}' at 'Wait for '${member.name}' to come back': Server '${member.name}' did not come back`)), '1 of 2 server(s) updated, 1 left out.']);
    const steps = byId(skipped);
    for (const kind of ['wait', 'enable', 'vms-back']) expect(steps.get(`${kind}:${member.ref}`)!.state).toBe('skipped');
    for (const kind of ['disable', 'evacuate', 'install', 'reboot']) expect(steps.get(`${kind}:${member.ref}`)!.state).toBe('done');
    await rig.control(`/hosts/${member.ref}/reboot-fault`, { hang: false });
  });

  it('carries on when the master stops answering during its own reboot and the pool reconnects (Xen Orchestra #7613)', async () => {
    rig = await startUpdateRig({ hosts: 2, vms: 4, seed: 67, baseAddress: '127.0.6.80' });
    await stopUnmovableGuests(rig.sim, rig.xenith.call);
    const master = rig.sim.hosts.find((h) => h.master)!;
    const where = placement(await rig.db());
    await rig.control('/updates/xcp-ng/publish', kernel('8.0.38.1.xcpng8.3'));
    // The reboot call takes a second to return: the master's server goes away inside it, as a real master's does.
    await rig.control('/faults/duration', { method: 'host.reboot', ms: 1000 });
    const { jobIds } = await rig.xenith.call<{ jobIds: string[] }>('updates.install', { poolId: rig.poolId, selection: { family: 'xcp-ng', packages: [] }, mode: 'automatic' });
    await rig.job((j) => j.jobId === jobIds[0] && byId(j).get(`reboot:${master.ref}`)?.state === 'running', 120_000);
    await waitUntil(async () => Object.values((await rig!.db()).tables.host![master.ref]!.current_operations as Record<string, string>).includes('reboot'), 'the master rebooting');
    const bootedBefore = (rig.sim.engine.store.get('host', master.ref).other_config as Record<string, string>).agent_start_time;
    await rig.control(`/hosts/${master.ref}/kill`);
    // Its toolstack answers again once it has booted, as a real master's does.
    await waitUntil(() => (rig!.sim.engine.store.get('host', master.ref).other_config as Record<string, string>).agent_start_time !== bootedBefore, 'the master booted');
    await rig.control(`/hosts/${master.ref}/restart`);
    const job = await rig.finished(jobIds[0]!, 180_000);
    expect(job).toMatchObject({ state: 'succeeded', notes: ['2 of 2 server(s) updated.'] });
    expect(rig.xenith.events.some((e) => e.event === 'jobs.changed' && (e.payload as { job: Job }).job.jobId === jobIds[0] && (e.payload as { job: Job }).job.state === 'paused')).toBe(false);
    expect(placement(await rig.db())).toEqual(where);
  });
});
