import { afterEach, describe, expect, it } from 'vitest';
import { haltedGuest, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

const GiB = 2 ** 30;
type Dump = Awaited<ReturnType<ActionRig['db']>>;

/** What the wizard would offer on this pool: a default template, an ISO, two networks, shared SRs, a server. */
function wizardChoices(dump: Dump) {
  const [templateRef, template] = rows(dump, 'VM').find(([, vm]) => vm.is_a_template === true && vm.is_default_template === true && String((vm.other_config as Record<string, string>).disks ?? '').includes('<disk'))!;
  const isoSrs = new Set(rows(dump, 'SR').filter(([, sr]) => sr.content_type === 'iso').map(([ref]) => ref));
  const [isoRef] = rows(dump, 'VDI').find(([, vdi]) => isoSrs.has(String(vdi.SR)))!;
  const shared = rows(dump, 'SR').filter(([, sr]) => sr.shared === true && sr.content_type !== 'iso').map(([ref]) => ref);
  const networks = rows(dump, 'network').filter(([, network]) => (network.PIFs as string[]).length > 0).map(([ref]) => ref);
  const templateDiskSize = Number(/size="(\d+)"/.exec(String((template.other_config as Record<string, string>).disks))![1]);
  return { templateRef, template, isoRef, srA: shared[0]!, srB: shared[1] ?? shared[0]!, net0: networks[0]!, net1: networks[1] ?? networks[0]!, templateDiskSize };
}

describe('vm.create (the New VM wizard) against the simulator', () => {
  it('creates and starts a VM with the chosen memory, vCPUs, disk sizes and SRs, ISO, networks and home server', async () => {
    rig = await startActionRig({ hosts: 2, vms: 4, seed: 41 });
    const dump = await rig.db();
    const choice = wizardChoices(dump);
    const home = rig.sim.hosts.find((host) => !host.master)!.ref;
    const diskSize = choice.templateDiskSize + 2 * GiB;

    const job = await rig.runJob('vm.create', {
      poolId: rig.poolId, templateId: choice.templateRef, name: 'wizard-made', description: 'made by the wizard',
      isoVdiId: choice.isoRef, homeHostId: home, vcpus: 3,
      memory: { staticMax: 3 * GiB, dynamicMin: 2 * GiB, dynamicMax: 3 * GiB },
      disks: [{ userdevice: '0', sizeBytes: diskSize, srId: choice.srA }, { userdevice: '1', sizeBytes: GiB, srId: choice.srB, name: 'data' }],
      networks: [{ device: '0', networkId: choice.net0 }, { device: '1', networkId: choice.net1 }],
      start: true,
    });

    expect(job).toMatchObject({ state: 'succeeded', action: 'vm.create', title: `Creating VM 'wizard-made' from '${String(choice.template.name_label)}'`, error: null });
    const after = await rig.db();
    const vmRef = job.resultObjectId!;
    expect(after.tables.VM![vmRef]).toMatchObject({
      name_label: 'wizard-made', name_description: 'made by the wizard', is_a_template: false, power_state: 'Running',
      VCPUs_max: 3, VCPUs_at_startup: 3, memory_static_max: 3 * GiB, memory_dynamic_min: 2 * GiB, memory_dynamic_max: 3 * GiB,
      affinity: home, resident_on: home,
    });
    const vbds = rows(after, 'VBD').filter(([, vbd]) => vbd.VM === vmRef).map(([, vbd]) => vbd);
    const disk = (userdevice: string) => {
      const vbd = vbds.find((candidate) => candidate.type === 'Disk' && candidate.userdevice === userdevice)!;
      return after.tables.VDI![String(vbd.VDI)]!;
    };
    expect(disk('0')).toMatchObject({ SR: choice.srA, virtual_size: diskSize });
    expect(disk('1')).toMatchObject({ SR: choice.srB, virtual_size: GiB, name_label: 'data' });
    expect(vbds.filter((vbd) => vbd.type === 'Disk')).toHaveLength(2);
    expect(vbds.find((vbd) => vbd.type === 'CD')).toMatchObject({ VDI: choice.isoRef, empty: false });
    const vifs = rows(after, 'VIF').filter(([, vif]) => vif.VM === vmRef).map(([, vif]) => [vif.device, vif.network]).sort();
    expect(vifs).toEqual([['0', choice.net0], ['1', choice.net1]]);
  });

  it('instantiates a template with real disks: the chosen one grows and moves to another SR, the other is left out', async () => {
    rig = await startActionRig({ hosts: 1, vms: 4, seed: 44 });
    const vmRef = await haltedGuest(rig);
    expect((await rig.runJob('vm.convertToTemplate', { vmId: vmRef })).state).toBe('succeeded');
    const before = await rig.db();
    const templateVbds = rows(before, 'VBD').filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk' && !vbd.empty).map(([, vbd]) => vbd);
    expect(templateVbds.length).toBeGreaterThanOrEqual(2);
    const kept = templateVbds[0]!;
    const keptVdi = before.tables.VDI![String(kept.VDI)]!;
    const target = rows(before, 'SR').find(([ref, sr]) => ref !== keptVdi.SR && sr.content_type !== 'iso' && (sr.PBDs as string[]).length > 0)![0];
    const size = Number(keptVdi.virtual_size) + GiB;

    const job = await rig.runJob('vm.create', {
      poolId: rig.poolId, templateId: vmRef, name: 'from-golden', isoVdiId: null, homeHostId: null, vcpus: 1,
      memory: { staticMax: GiB, dynamicMin: GiB, dynamicMax: GiB },
      disks: [{ userdevice: String(kept.userdevice), sizeBytes: size, srId: target }], networks: [], start: false,
    });

    expect(job.state).toBe('succeeded');
    const after = await rig.db();
    const disks = rows(after, 'VBD').filter(([, vbd]) => vbd.VM === job.resultObjectId && vbd.type === 'Disk').map(([, vbd]) => vbd);
    expect(disks.map((vbd) => vbd.userdevice)).toEqual([kept.userdevice]);
    expect(after.tables.VDI![String(disks[0]!.VDI)]).toMatchObject({ SR: target, virtual_size: size });
    expect(rows(after, 'VIF').filter(([, vif]) => vif.VM === job.resultObjectId)).toEqual([]);
    // The template keeps its own disks; the only new VDI is the new VM's disk.
    const newVdis = Object.keys(after.tables.VDI!).filter((ref) => !before.tables.VDI![ref]);
    expect(newVdis).toEqual([String(disks[0]!.VDI)]);
  });

  it('cleans up when a step fails: the job fails with the code and no VM or disk is left behind', async () => {
    rig = await startActionRig({ hosts: 1, vms: 2, seed: 42 });
    const before = await rig.db();
    const choice = wizardChoices(before);
    await rig.control('/faults/fail-next', { method: 'VIF.create', code: 'HOST_CANNOT_ATTACH_NETWORK', params: [rig.sim.hosts[0]!.ref, choice.net0] });

    const job = await rig.runJob('vm.create', {
      poolId: rig.poolId, templateId: choice.templateRef, name: 'doomed', isoVdiId: null, homeHostId: null, vcpus: 1,
      memory: { staticMax: GiB, dynamicMin: GiB, dynamicMax: GiB },
      disks: [{ userdevice: '0', sizeBytes: choice.templateDiskSize, srId: choice.srA }, { userdevice: '1', sizeBytes: GiB, srId: choice.srA }],
      networks: [{ device: '0', networkId: choice.net0 }],
      start: false,
    });

    expect(job).toMatchObject({ state: 'failed', resultObjectId: null, error: { code: 'HOST_CANNOT_ATTACH_NETWORK', poolId: rig.poolId } });
    expect(job.error!.message).toMatch(/^The server cannot attach the network '.+'/);
    const after = await rig.db();
    expect(rows(after, 'VM').filter(([, vm]) => vm.name_label === 'doomed')).toEqual([]);
    expect(Object.keys(after.tables.VDI!).sort()).toEqual(Object.keys(before.tables.VDI!).sort());
  });

  it('refuses an unknown network, two disks on one device and impossible memory before starting a job', async () => {
    rig = await startActionRig({ hosts: 1, vms: 2, seed: 43 });
    const choice = wizardChoices(await rig.db());
    const base = {
      poolId: rig.poolId, templateId: choice.templateRef, name: 'x', isoVdiId: null, homeHostId: null, vcpus: 1,
      memory: { staticMax: GiB, dynamicMin: GiB, dynamicMax: GiB }, disks: [], networks: [], start: false,
    };
    await expect(rig.xenith.call('vm.create', { ...base, networks: [{ device: '0', networkId: 'OpaqueRef:elsewhere' }] })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(rig.xenith.call('vm.create', { ...base, disks: [{ userdevice: '0', sizeBytes: 1, srId: choice.srA }, { userdevice: '0', sizeBytes: 1, srId: choice.srA }] })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(rig.xenith.call('vm.create', { ...base, memory: { staticMax: GiB, dynamicMin: 2 * GiB, dynamicMax: GiB } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await rig.xenith.call('jobs.list', {})).toEqual([]);
  });
});
