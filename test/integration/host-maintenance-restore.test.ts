import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiError } from '../../src/shared/api/errors.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, startActionRig, type ActionRig } from './support/action-harness.js';

interface Plan { moving: { vmId: string; toHostId: string | null }[]; blocking: { vmId: string; reason: ApiError }[] }

let rig: ActionRig;
beforeAll(async () => {
  rig = await startActionRig({ hosts: 3, vms: 9, seed: 31 });
});
afterAll(async () => rig?.close());

const vmOf = async (ref: string) => (await rig.db()).tables.VM![ref]!;

describe('maintenance mode remembers what left the server and puts it back on exit', () => {
  it('notes migrated, suspended and shut down VMs as XenCenter does, then migrates, resumes and starts them there', async () => {
    const dump = await rig.db();
    const members = rig.sim.hosts.filter((host) => !host.master).map((host) => host.ref);
    const count = (host: string) => guests(dump).filter(([, vm]) => vm.resident_on === host && vm.power_state === 'Running').length;
    const hostRef = members.sort((a, b) => count(b) - count(a))[0]!;
    const plan = await rig.xenith.call<Plan>('host.evacuationPlan', { hostId: hostRef });
    expect(plan.moving.length).toBeGreaterThan(0);
    expect(plan.blocking.length).toBeGreaterThan(0);

    // The Enter Maintenance Mode dialog's fixes: the first blocking VM is suspended, the others shut down.
    const [suspended, ...halted] = plan.blocking.map((entry) => entry.vmId);
    expect((await rig.runJob('vm.power', { vmIds: [suspended], operation: 'suspend' })).state).toBe('succeeded');
    for (const vm of halted) expect((await rig.runJob('vm.power', { vmIds: [vm], operation: 'hard_shutdown' })).state).toBe('succeeded');
    const stopped = [suspended!, ...halted];
    await waitUntil(() => stopped.every((id) => rig.xenith.server.internals.mirror.get(id, 'VM')?.resident_on === 'OpaqueRef:NULL'), 'the stopped VMs off the server in the mirror');

    expect((await rig.runJob('host.enterMaintenance', { hostId: hostRef, stoppedVmIds: stopped })).state).toBe('succeeded');
    const uuid = async (ref: string) => String((await vmOf(ref)).uuid);
    const config = (await rig.db()).tables.host![hostRef]!.other_config as Record<string, string>;
    expect(config.MAINTENANCE_MODE_EVACUATED_VMS_MIGRATED!.split(',').sort()).toEqual((await Promise.all(plan.moving.map((entry) => uuid(entry.vmId)))).sort());
    expect(config.MAINTENANCE_MODE_EVACUATED_VMS_SUSPENDED).toBe(await uuid(suspended!));
    if (halted.length > 0) expect(config.MAINTENANCE_MODE_EVACUATED_VMS_HALTED!.split(',').sort()).toEqual((await Promise.all(halted.map(uuid))).sort());
    for (const { vmId } of plan.moving) expect((await vmOf(vmId)).resident_on).not.toBe(hostRef);
    await waitUntil(() => rig.xenith.server.internals.mirror.get(hostRef, 'host')?.other_config.MAINTENANCE_MODE_EVACUATED_VMS_SUSPENDED !== undefined, 'the lists in the mirror');

    const exit = await rig.runJob('host.exitMaintenance', { hostId: hostRef, restoreVms: true }, 120_000);
    expect(exit.state).toBe('succeeded');
    for (const { vmId } of plan.moving) expect(await vmOf(vmId)).toMatchObject({ power_state: 'Running', resident_on: hostRef });
    for (const vmId of stopped) expect(await vmOf(vmId)).toMatchObject({ power_state: 'Running', resident_on: hostRef });
    const after = (await rig.db()).tables.host![hostRef]!;
    expect(after.enabled).toBe(true);
    expect(Object.keys(after.other_config as object).filter((key) => key.startsWith('MAINTENANCE_MODE'))).toEqual([]);
  });
});
