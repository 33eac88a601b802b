import { afterEach, describe, expect, it } from 'vitest';
import { probeCertificate } from '../../src/main/trust/certificate-info.js';
import { waitUntil } from '../support/wait-until.js';
import { guests, rows, startActionRig, type ActionRig } from './support/action-harness.js';

let rig: ActionRig | undefined;
afterEach(async () => {
  await rig?.close();
  rig = undefined;
});

type Dump = Awaited<ReturnType<ActionRig['db']>>;

const masterOf = (dump: Dump): string => String(Object.values(dump.tables.pool!)[0]!.master);
const nic = (dump: Dump, host: string, device: string): string =>
  rows(dump, 'PIF').find(([, pif]) => pif.host === host && pif.device === device && pif.VLAN === -1 && pif.physical === true)![0];
const managementOf = (dump: Dump, host: string): Record<string, unknown> => rows(dump, 'PIF').find(([, pif]) => pif.host === host && pif.management === true)![1];
const port = (r: ActionRig): number => Number(new URL(r.sim.masterUrl).port);

describe('networks, bonds and management interfaces through the server', () => {
  it('makes a VLAN network, bonds eth0+eth1 on every server with the management interface moved onto each bond', async () => {
    rig = await startActionRig({ hosts: 3, vms: 3, seed: 51, baseAddress: '127.0.0.145' });
    const dump = await rig.db();
    const master = masterOf(dump);
    const vlan = await rig.runJob('network.create', { kind: 'external', poolId: rig.poolId, name: 'VLAN 42', description: 'tenant', mtu: 1500, autoAdd: false, pifId: nic(dump, master, 'eth1'), vlan: 42 });
    expect(vlan.state).toBe('succeeded');
    const withVlan = await rig.db();
    expect(rows(withVlan, 'PIF').filter(([, pif]) => pif.network === vlan.resultObjectId).map(([, pif]) => pif.VLAN)).toEqual([42, 42, 42]);
    expect(withVlan.tables.network![vlan.resultObjectId!]!.other_config).toEqual({ automatic: 'false' });

    const addresses = Object.fromEntries(rows(dump, 'host').map(([ref, host]) => [ref, host.address]));
    const bond = await rig.runJob('network.createBond', { poolId: rig.poolId, pifIds: [nic(dump, master, 'eth0'), nic(dump, master, 'eth1')], mode: 'lacp', hashing: 'src_mac', mtu: 1500, autoAdd: true });
    expect(bond).toMatchObject({ state: 'succeeded', title: "Creating bond 'Bond 0+1'" });
    expect(bond.steps?.at(-1)?.hostId).toBe(master);
    const after = await rig.db();
    const bonds = rows(after, 'Bond');
    expect(bonds).toHaveLength(3);
    for (const [, record] of bonds) {
      const bondMaster = after.tables.PIF![String(record.master)]!;
      expect(bondMaster).toMatchObject({ network: bond.resultObjectId, management: true, ip_configuration_mode: 'Static' });
      expect(record).toMatchObject({ mode: 'lacp', properties: expect.objectContaining({ hashing_algorithm: 'src_mac' }) });
      expect(after.tables.host![String(bondMaster.host)]!.address).toBe(addresses[String(bondMaster.host)]);
    }
    expect(rows(after, 'PIF').filter(([, pif]) => pif.device === 'eth0' && pif.management === true)).toEqual([]);
  });

  it('undoes every bond and puts the management interfaces back when one server refuses its bond', async () => {
    rig = await startActionRig({ hosts: 3, vms: 3, seed: 52, baseAddress: '127.0.0.148' });
    const dump = await rig.db();
    const master = masterOf(dump);
    const members = rows(dump, 'host').map(([ref]) => ref).filter((ref) => ref !== master);
    const refusing = members[1]!;
    await rig.control('/faults/host-error', { host: refusing, method: 'Bond.create', code: 'PIF_CONFIGURATION_ERROR', params: ['', 'interface-reconfigure failed'] });
    const networksBefore = rows(dump, 'network').length;

    const job = await rig.runJob('network.createBond', { poolId: rig.poolId, pifIds: [nic(dump, master, 'eth0'), nic(dump, master, 'eth1')], mode: 'active-backup', mtu: 1500, autoAdd: false });
    expect(job).toMatchObject({ state: 'failed', error: { code: 'PIF_CONFIGURATION_ERROR' } });
    expect(job.error!.message).toContain(`could not be made on '${String(dump.tables.host![refusing]!.name_label)}': The server could not configure the interface: interface-reconfigure failed.`);
    expect(job.steps?.map((step) => [step.hostId, step.state])).toEqual([[members[0], 'done'], [refusing, 'failed'], [master, 'pending']]);
    expect(job.steps?.[0]?.note).toContain('management interface is back');
    const after = await rig.db();
    expect(rows(after, 'Bond')).toEqual([]);
    expect(rows(after, 'network').length).toBe(networksBefore);
    for (const [host] of rows(after, 'host')) expect(managementOf(after, host).device).toBe('eth0');
  });

  it("rolls a member's management interface back when it never answers on its new address; a good change sticks", async () => {
    rig = await startActionRig({ hosts: 3, vms: 3, seed: 53, baseAddress: '127.0.0.151' });
    const dump = await rig.db();
    const master = masterOf(dump);
    const [member, other] = rows(dump, 'host').map(([ref]) => ref).filter((ref) => ref !== master) as [string, string];
    const oldAddress = String(dump.tables.host![member]!.address);
    await rig.control('/faults/host-never-returns', { host: member });

    const failed = await rig.runJob('host.configureManagement', { pifId: nic(dump, member, 'eth1'), ip: { mode: 'Static', ip: '127.0.0.158', netmask: '255.0.0.0', gateway: '', dns: [] }, timeoutSeconds: 5 });
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'MANAGEMENT_ROLLED_BACK' } });
    expect(failed.error!.message).toContain(`did not answer on 127.0.0.158 within 5 s, so Xenith put its management interface back on eth0 (${oldAddress}), where it answers again.`);
    const after = await rig.db();
    expect(after.tables.host![member]!.address).toBe(oldAddress);
    expect(managementOf(after, member).device).toBe('eth0');
    expect(after.tables.PIF![nic(dump, member, 'eth1')]).toMatchObject({ ip_configuration_mode: 'None', IP: '' });
    await expect(probeCertificate(oldAddress, port(rig), 2000)).resolves.toMatchObject({ fingerprint: expect.any(String) });

    const moved = await rig.runJob('host.configureManagement', { pifId: nic(dump, other, 'eth1'), ip: { mode: 'Static', ip: '127.0.0.159', netmask: '255.0.0.0', gateway: '127.0.0.1', dns: ['1.1.1.1'] }, timeoutSeconds: 20 });
    expect(moved.state).toBe('succeeded');
    const changed = await rig.db();
    expect(changed.tables.host![other]!.address).toBe('127.0.0.159');
    expect(managementOf(changed, other)).toMatchObject({ device: 'eth1', IP: '127.0.0.159', DNS: '1.1.1.1' });
    expect(rig.xenith.server.internals.pins.get('127.0.0.159', port(rig))?.fingerprint).toBe(rig.xenith.server.internals.pins.get(String(dump.tables.host![other]!.address), port(rig))?.fingerprint);
    expect(guests(changed).length).toBeGreaterThan(0);
  });

  it("moves the master's management address with the pool connection following it; a master that never answers gets recovery steps", async () => {
    rig = await startActionRig({ hosts: 2, vms: 2, seed: 54, baseAddress: '127.0.0.154' });
    const dump = await rig.db();
    const master = masterOf(dump);
    const eth0 = nic(dump, master, 'eth0');
    const moved = await rig.runJob('host.configureManagement', { pifId: eth0, ip: { mode: 'Static', ip: '127.0.0.157', netmask: '255.0.0.0', gateway: '', dns: [] }, timeoutSeconds: 30 });
    expect(moved.state).toBe('succeeded');
    const connection = rig.xenith.server.internals.pools.connection(rig.poolId);
    expect(connection.status).toMatchObject({ state: 'connected', masterAddress: `127.0.0.157:${port(rig)}` });

    await rig.control('/faults/host-never-returns', { host: master });
    const lost = await rig.runJob('host.configureManagement', { pifId: eth0, ip: { mode: 'Static', ip: '127.0.0.156', netmask: '255.0.0.0', gateway: '', dns: [] }, timeoutSeconds: 5 });
    expect(lost).toMatchObject({ state: 'failed', error: { code: 'MASTER_NOT_REACHABLE' } });
    expect(lost.error!.message).toContain('Xenith cannot reach it to undo the change');
    expect(lost.error!.message).toContain(`xe host-management-reconfigure pif-uuid=${String(dump.tables.PIF![eth0]!.uuid)}`);
  });

  it("edits a running VM's interfaces (QoS, network moved live, a new MAC recreates it plugged) and deletes a bond network", async () => {
    rig = await startActionRig({ hosts: 2, vms: 4, seed: 55, baseAddress: '127.0.0.160' });
    const dump = await rig.db();
    const [vm] = guests(dump).find(([, record]) => record.power_state === 'Running')!;
    const networks = rows(dump, 'network').filter(([, network]) => String(network.name_label).startsWith('Pool-wide') || String(network.name_label).startsWith('VLAN'));
    const [first, second] = networks.map(([ref]) => ref) as [string, string];
    const added = await rig.runJob('vif.create', { vmId: vm, networkId: first, kbps: 1000 });
    expect(added.state).toBe('succeeded');
    const vif = added.resultObjectId!;
    expect((await rig.db()).tables.VIF![vif]).toMatchObject({ VM: vm, network: first, currently_attached: true, qos_algorithm_type: 'ratelimit', qos_algorithm_params: { kbps: '1000' } });

    expect((await rig.runJob('vif.edit', { vifId: vif, networkId: second, kbps: null })).state).toBe('succeeded');
    expect((await rig.db()).tables.VIF![vif]).toMatchObject({ network: second, currently_attached: true, qos_algorithm_type: '' });
    const remade = await rig.runJob('vif.edit', { vifId: vif, mac: '02:00:00:aa:bb:cc' });
    expect(remade.state).toBe('succeeded');
    const after = await rig.db();
    expect(after.tables.VIF![vif]).toBeUndefined();
    expect(after.tables.VIF![remade.resultObjectId!]).toMatchObject({ MAC: '02:00:00:aa:bb:cc', network: second, currently_attached: true });
    expect((await rig.runJob('vif.delete', { vifId: remade.resultObjectId })).state).toBe('succeeded');
    expect((await rig.db()).tables.VIF![remade.resultObjectId!]).toBeUndefined();

    const master = masterOf(dump);
    const bond = await rig.runJob('network.createBond', { poolId: rig.poolId, pifIds: [nic(dump, master, 'eth0'), nic(dump, master, 'eth1')], mode: 'balance-slb', mtu: 1500, autoAdd: false });
    expect(bond.state).toBe('succeeded');
    await waitUntil(() => rig!.xenith.server.internals.mirror.get(bond.resultObjectId!, 'network')?.PIFs.length === 2, 'bond network in the mirror');
    expect((await rig.runJob('network.delete', { networkId: bond.resultObjectId })).state).toBe('succeeded');
    const unbonded = await rig.db();
    expect(rows(unbonded, 'Bond')).toEqual([]);
    expect(unbonded.tables.network![bond.resultObjectId!]).toBeUndefined();
    for (const [host] of rows(unbonded, 'host')) expect(managementOf(unbonded, host).device).toBe('eth0');
  });
});
