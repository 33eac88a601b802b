import { afterEach, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/shared/api/errors.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

interface Plan { moving: { vmId: string; toHostId: string | null }[]; blocking: { vmId: string; reason: ApiError }[] }

/** The non-master host with the most running guests. */
async function busiestMember(rig: ActionRig): Promise<string> {
  const dump = await rig.db();
  const members = rig.sim.hosts.filter((host) => !host.master).map((host) => host.ref);
  const count = (host: string) => guests(dump).filter(([, vm]) => vm.resident_on === host && vm.power_state === 'Running').length;
  return members.sort((a, b) => count(b) - count(a))[0]!;
}

describe('host actions through the server, against the simulator', () => {
  it('plans an evacuation, enters maintenance mode (VMs move away, host disabled and flagged), and exits it', async () => {
    rig = await startActionRig({ hosts: 3, vms: 9, seed: 31 });
    const hostRef = await busiestMember(rig);
    const resident = guests(await rig.db()).filter(([, vm]) => vm.resident_on === hostRef && vm.power_state === 'Running').map(([ref]) => ref);
    expect(resident.length).toBeGreaterThan(0);

    let plan = await rig.xenith.call<Plan>('host.evacuationPlan', { hostId: hostRef });
    expect([...plan.moving.map((entry) => entry.vmId), ...plan.blocking.map((entry) => entry.vmId)].sort()).toEqual([...resident].sort());
    // VMs on the host's local storage cannot move: the plan says so, naming the SR; they are shut down here.
    for (const { vmId, reason } of plan.blocking) {
      expect(reason).toMatchObject({ code: 'VM_REQUIRES_SR', message: expect.stringMatching(/^The VM needs the storage '.+', which this server cannot reach/) });
      await rig.control(`/vms/${vmId}/stop`, { hard: true });
    }
    const moving = plan.moving.map((entry) => entry.vmId);
    expect(moving.length).toBeGreaterThan(0);
    await waitUntil(() => plan.blocking.every(({ vmId }) => rig!.xenith.server.internals.mirror.get(vmId, 'VM')?.power_state === 'Halted'), 'blocking VMs halted in the mirror');
    plan = await rig.xenith.call<Plan>('host.evacuationPlan', { hostId: hostRef });
    expect(plan.blocking).toEqual([]);

    const job = await rig.runJob('host.enterMaintenance', { hostId: hostRef });
    expect(job).toMatchObject({ state: 'succeeded', action: 'host.enterMaintenance' });
    let dump = await rig.db();
    expect(dump.tables.host![hostRef]).toMatchObject({ enabled: false, other_config: expect.objectContaining({ MAINTENANCE_MODE: 'true' }) });
    for (const vm of moving) expect(dump.tables.VM![vm]).toMatchObject({ power_state: 'Running', resident_on: expect.not.stringMatching(hostRef) });

    expect((await rig.runJob('host.exitMaintenance', { hostId: hostRef })).state).toBe('succeeded');
    dump = await rig.db();
    expect(dump.tables.host![hostRef]!.enabled).toBe(true);
    expect(dump.tables.host![hostRef]!.other_config).not.toHaveProperty('MAINTENANCE_MODE');
  });

  it('names the VMs that cannot move, and re-enables the host when evacuation fails', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 32 });
    const hostRef = await busiestMember(rig);
    const other = rig.sim.hosts.find((host) => host.ref !== hostRef)!.ref;
    await rig.runJob('host.power', { hostIds: [other], operation: 'disable' });
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(other, 'host')?.enabled === false, 'other host disabled in the mirror');

    const plan = await rig.xenith.call<Plan>('host.evacuationPlan', { hostId: hostRef });
    expect(plan.moving).toEqual([]);
    expect(plan.blocking.length).toBeGreaterThan(0);
    expect(plan.blocking[0]!.reason).toMatchObject({ code: 'NO_HOSTS_AVAILABLE', message: expect.stringMatching(/No server in the pool can run this VM now/) });

    const job = await rig.runJob('host.enterMaintenance', { hostId: hostRef });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'NO_HOSTS_AVAILABLE' } });
    const host = (await rig.db()).tables.host![hostRef]!;
    expect(host.enabled).toBe(true);
    expect(host.other_config).not.toHaveProperty('MAINTENANCE_MODE');
  });

  it('refuses to reboot a server with running VMs (saying which), and reboots an empty one after disabling it', async () => {
    rig = await startActionRig({ hosts: 2, vms: 6, seed: 33 });
    const hostRef = await busiestMember(rig);
    const refused = await rig.runJob('host.power', { hostIds: [hostRef], operation: 'reboot' });
    expect(refused).toMatchObject({ state: 'failed', error: { code: 'HOST_IN_USE' } });
    expect(refused.error!.message).toMatch(/VM\(s\) still run on server '.+' \(.+\), so it cannot be rebooted/);
    expect((await rig.db()).tables.host![hostRef]!.enabled).toBe(true);

    for (const [vm] of guests(await rig.db()).filter(([, record]) => record.resident_on === hostRef && record.power_state !== 'Halted')) {
      await rig.control(`/vms/${vm}/stop`, { hard: true });
    }
    await waitUntil(() => [...rig!.xenith.server.internals.mirror.ofType('VM', rig!.poolId)].every((vm) => vm.is_control_domain === true || vm.resident_on !== hostRef), 'guests stopped in the mirror');
    const rebooted = await rig.runJob('host.power', { hostIds: [hostRef], operation: 'reboot' });
    expect(rebooted).toMatchObject({ state: 'succeeded', title: expect.stringMatching(/^Rebooting server '/) });
  });
});
