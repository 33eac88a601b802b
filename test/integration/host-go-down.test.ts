import { afterEach, describe, expect, it } from 'vitest';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

/** A member server with running guests that can all move (none on its local storage). */
async function memberWithMovableGuests(rig: ActionRig): Promise<{ hostRef: string; running: string[] }> {
  for (const host of rig.sim.hosts.filter((each) => !each.master)) {
    const plan = await rig.xenith.call<{ moving: { vmId: string }[]; blocking: { vmId: string }[] }>('host.evacuationPlan', { hostId: host.ref });
    for (const { vmId } of plan.blocking) await rig.control(`/vms/${vmId}/stop`, { hard: true });
    const running = guests(await rig.db()).filter(([, vm]) => vm.resident_on === host.ref && vm.power_state === 'Running').map(([ref]) => ref);
    if (running.length > 0) return { hostRef: host.ref, running };
  }
  throw new Error('no member runs a guest');
}

describe('rebooting or shutting down a server that runs VMs, and a new pool master', () => {
  it('reboots a server after migrating its VMs away, as XenCenter offers', async () => {
    rig = await startActionRig({ hosts: 3, vms: 9, seed: 41 });
    const { hostRef, running } = await memberWithMovableGuests(rig);
    // Without a choice the server is refused, naming the VMs.
    expect(await rig.runJob('host.power', { hostIds: [hostRef], operation: 'reboot' })).toMatchObject({ state: 'failed', error: { code: 'HOST_IN_USE' } });

    const job = await rig.runJob('host.power', { hostIds: [hostRef], operation: 'reboot', guests: 'migrate' });
    expect(job).toMatchObject({ state: 'succeeded', action: 'host.reboot' });
    const dump = await rig.db();
    for (const vm of running) expect(dump.tables.VM![vm]).toMatchObject({ power_state: 'Running', resident_on: expect.not.stringMatching(hostRef) });
  });

  it('shuts a server down after shutting its VMs down cleanly', async () => {
    rig = await startActionRig({ hosts: 3, vms: 9, seed: 42 });
    const dump0 = await rig.db();
    const [hostRef, running] = rig.sim.hosts
      .filter((host) => !host.master)
      .map((host) => [host.ref, guests(dump0).filter(([, vm]) => vm.resident_on === host.ref && vm.power_state === 'Running').map(([ref]) => ref)] as const)
      .sort((a, b) => b[1].length - a[1].length)[0]!;
    expect(running.length).toBeGreaterThan(0);
    const job = await rig.runJob('host.power', { hostIds: [hostRef], operation: 'shutdown', guests: 'shutdown' });
    expect(job).toMatchObject({ state: 'succeeded', action: 'host.shutdown' });
    const dump = await rig.db();
    for (const vm of running) expect(dump.tables.VM![vm]!.power_state).toBe('Halted');
  });

  it('makes another server the master and follows it, before the old master goes down', async () => {
    rig = await startActionRig({ hosts: 3, vms: 4, seed: 43 });
    const next = rig.sim.hosts.find((host) => !host.master)!;
    const old = rig.sim.hosts.find((host) => host.master)!;
    const job = await rig.runJob('pool.designateMaster', { hostId: next.ref }, 60_000);
    expect(job).toMatchObject({ state: 'succeeded', title: `Making '${next.name}' the pool master` });
    const poolRef = Object.keys((await rig.db()).tables.pool!)[0]!;
    expect((await rig.db()).tables.pool![poolRef]!.master).toBe(next.ref);
    await waitUntil(async () => (await rig!.xenith.call<PoolSummary[]>('pool.list', {}))[0]!.masterAddress?.startsWith(next.address) === true, 'Xenith on the new master');
    // The old master, now a member, can be rebooted through the new one.
    expect(await rig.runJob('host.power', { hostIds: [old.ref], operation: 'reboot', guests: 'migrate' })).toMatchObject({ state: 'succeeded' });
    // Designating the master it already has is refused at once.
    await expect(rig.xenith.call('pool.designateMaster', { hostId: next.ref })).rejects.toMatchObject({ code: 'VALIDATION' });
  });
});
