import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customFieldKey } from '../../src/shared/xapi/custom-fields.js';
import { alarmSettingsOf } from '../../src/shared/xapi/perfmon-alarms.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;
let rig: ActionRig;

beforeAll(async () => {
  rig = await startActionRig({ hosts: 2, vms: 6, seed: 31 });
});
afterAll(async () => rig?.close());

/** A VM's record in the simulator now. */
async function vmRecord(ref: string): Promise<Record<string, unknown>> {
  return (await rig.db()).tables.VM![ref]!;
}

/** Waits until Xenith's mirror shows what the pool now holds for `ref` (the next change is compared to it). */
async function mirrorCaughtUp(ref: string, check: (record: Record<string, unknown>) => boolean): Promise<void> {
  await waitUntil(() => {
    const object = rig.xenith.server.internals.mirror.object(ref);
    return object !== undefined && check(object as Record<string, unknown>);
  }, `the mirror shows the change to ${ref}`);
}

describe('objects.setProperties against the simulator', () => {
  it('applies every page of a halted VM with XAPI setters in one job', async () => {
    const vmRef = await haltedGuest(rig);
    await mirrorCaughtUp(vmRef, (vm) => vm.power_state === 'Halted');
    const before = await vmRecord(vmRef);
    const home = Object.keys((await rig.db()).tables.host!).find((ref) => ref !== before.affinity)!;

    const job = await rig.runJob('objects.setProperties', {
      objectId: vmRef,
      changes: {
        class: 'VM',
        description: 'front end',
        tags: ['web', 'prod'],
        folder: '/Web/Front',
        newCustomFields: [{ name: 'Owner', type: 'String' }],
        customFields: { Owner: 'Ops team' },
        vcpus: { max: 8, atStartup: 6 },
        coresPerSocket: 2,
        vcpuWeight: 1024,
        memory: { staticMin: 512 * MiB, dynamicMin: 2 * GiB, dynamicMax: 3 * GiB, staticMax: 4 * GiB },
        bootOrder: 'dcn',
        autoPowerOn: true,
        homeServerId: home,
      },
    });

    expect(job).toMatchObject({ state: 'succeeded', action: 'objects.setProperties', title: `Saving properties of '${String(before.name_label)}'`, objectIds: [vmRef] });
    const after = await vmRecord(vmRef);
    expect(after).toMatchObject({
      name_description: 'front end',
      tags: ['web', 'prod'],
      VCPUs_max: 8,
      VCPUs_at_startup: 6,
      memory_static_min: 512 * MiB,
      memory_dynamic_min: 2 * GiB,
      memory_dynamic_max: 3 * GiB,
      memory_static_max: 4 * GiB,
      affinity: home,
    });
    expect(after.platform).toMatchObject({ 'cores-per-socket': '2' });
    expect(after.VCPUs_params).toMatchObject({ weight: '1024' });
    expect(after.HVM_boot_params).toMatchObject({ order: 'dcn' });
    expect(after.other_config).toMatchObject({ folder: '/Web/Front', auto_poweron: 'true', [customFieldKey('Owner')]: 'Ops team' });
    const [pool] = rows(await rig.db(), 'pool');
    expect((pool![1].gui_config as Record<string, string>)['XenCenter.CustomFields']).toBe('<CustomFieldDefinitions><CustomFieldDefinition name="Owner" type="String" defaultValue="" /></CustomFieldDefinitions>');
  });

  it('reports a memory value XAPI refuses with its code and sentence, changes no memory value, and still applies the rest', async () => {
    const vmRef = await haltedGuest(rig);
    await mirrorCaughtUp(vmRef, (vm) => vm.power_state === 'Halted');
    const before = await vmRecord(vmRef);

    const job = await rig.runJob('objects.setProperties', {
      objectId: vmRef,
      changes: {
        class: 'VM',
        description: 'still saved',
        memory: { staticMin: 512 * MiB, dynamicMin: 3 * GiB, dynamicMax: 2 * GiB, staticMax: 4 * GiB },
      },
    });

    expect(job.state).toBe('failed');
    expect(job.error).toMatchObject({
      code: 'MEMORY_CONSTRAINT_VIOLATION',
      message: 'Memory: The memory values must be in the order static minimum ≤ dynamic minimum ≤ dynamic maximum ≤ static maximum. Change them so they are.',
    });
    const after = await vmRecord(vmRef);
    for (const field of ['memory_static_min', 'memory_dynamic_min', 'memory_dynamic_max', 'memory_static_max']) expect(after[field], field).toBe(before[field]);
    expect(after.name_description).toBe('still saved');
  });

  it('names every part XAPI refused when several fail (a running VM keeps its vCPU maximum and static memory)', async () => {
    const [vmRef, vm] = guests(await rig.db()).find(([, record]) => record.power_state === 'Running')!;
    await mirrorCaughtUp(vmRef, (record) => record.power_state === 'Running');

    const job = await rig.runJob('objects.setProperties', {
      objectId: vmRef,
      changes: {
        class: 'VM',
        vcpus: { max: Number(vm.VCPUs_max) + 2, atStartup: Number(vm.VCPUs_at_startup) },
        memory: { staticMin: Number(vm.memory_static_min), dynamicMin: Number(vm.memory_dynamic_min), dynamicMax: Number(vm.memory_dynamic_max), staticMax: Number(vm.memory_static_max) + GiB },
      },
    });

    expect(job.state).toBe('failed');
    expect(job.error!.code).toBe('VM_BAD_POWER_STATE');
    expect(job.error!.message).toMatch(/^2 of 2 changes were not saved\. vCPUs: .*\(VM_BAD_POWER_STATE\) Memory: .*\(VM_BAD_POWER_STATE\)$/);
    expect(job.error!.params).toEqual(['VM_BAD_POWER_STATE', 'VM_BAD_POWER_STATE']);
    expect((await vmRecord(vmRef)).VCPUs_max).toBe(vm.VCPUs_max);
  });

  it("sets a server's log destination (applied with syslog_reconfigure), a BMC power-on whose password becomes a secret, and its alerts", async () => {
    const [hostRef] = rows(await rig.db(), 'host')[0]!;
    const job = await rig.runJob('objects.setProperties', {
      objectId: hostRef,
      changes: {
        class: 'host',
        logDestination: 'syslog.example.net',
        powerOn: { mode: 'IPMI', address: '10.0.0.9', user: 'admin', password: 'bmc-secret' },
        alarms: { cpu: { level: 80, minutes: 10 } },
      },
    });

    expect(job.state).toBe('succeeded');
    const dump = await rig.db();
    const host = dump.tables.host![hostRef]!;
    expect(host.logging).toMatchObject({ syslog_destination: 'syslog.example.net' });
    expect(host.other_config).toMatchObject({ 'xapi-sim-syslog-applied': 'syslog.example.net' });
    expect(host.power_on_mode).toBe('IPMI');
    const config = host.power_on_config as Record<string, string>;
    expect(config).toMatchObject({ power_on_ip: '10.0.0.9', power_on_user: 'admin' });
    expect(JSON.stringify(host)).not.toContain('bmc-secret');
    expect(alarmSettingsOf('host', (host.other_config as Record<string, string>).perfmon)).toEqual({ cpu: { level: 80, minutes: 10 } });
    const secret = rows(dump, 'secret').find(([, record]) => record.uuid === config.power_on_password_secret);
    expect(secret?.[1].value).toBe('bmc-secret');
  });

  it("keeps the pool's migration network where Xen Orchestra keeps it, and refuses what does not fit before any job", async () => {
    const dump = await rig.db();
    const [poolRef] = rows(dump, 'pool')[0]!;
    const [networkRef, network] = rows(dump, 'network').find(([, record]) => (record.PIFs as string[]).length > 0)!;

    const job = await rig.runJob('objects.setProperties', { objectId: poolRef, changes: { class: 'pool', migrationNetworkId: networkRef } });
    expect(job.state).toBe('succeeded');
    expect((await rig.db()).tables.pool![poolRef]!.other_config).toMatchObject({ 'xo:migrationNetwork': network.uuid });

    await expect(rig.xenith.call('objects.setProperties', { objectId: poolRef, changes: { class: 'VM', description: 'x' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rig.xenith.call('objects.setProperties', { objectId: networkRef, changes: { class: 'network', customFields: { NoSuchField: 'x' } } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: "The pool has no custom field 'NoSuchField'. Add the field first.",
    });
    await expect(rig.xenith.call('objects.setProperties', { objectId: networkRef, changes: { class: 'network', bootOrder: 'cd' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await rig.xenith.call('objects.setProperties', { objectId: networkRef, changes: { class: 'network', name: String(network.name_label) } })).toEqual({ jobIds: [] });
  });
});
