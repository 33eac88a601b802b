import { describe, expect, it } from 'vitest';
import { mirrorOf, samplePool } from '../details/test-mirror.js';
import { emptyNewNetwork, masterNics, networkRequest, newNetworkStepProblem } from './new-network-choices.js';

describe('New Network choices', () => {
  const index = mirrorOf(samplePool());

  it("offers the master's NICs and checks the VLAN, MTU and bond members", () => {
    const nics = masterNics(index, 'p1');
    // eth1 carries only a VLAN interface in this pool: the VLAN interface is not a NIC.
    expect(nics.map((nic) => nic.device)).toEqual(['eth0']);
    const external = { ...emptyNewNetwork('p1'), pifId: nics[0]!.id, vlan: 5000 };
    expect(newNetworkStepProblem(index, external, 'settings')).toBe('The VLAN is a number from 0 to 4094');
    expect(newNetworkStepProblem(index, { ...external, vlan: 42, mtu: 100 }, 'settings')).toBe('The MTU is from 1280 to 9216');
    expect(newNetworkStepProblem(index, { ...external, vlan: 42 }, 'settings')).toBeNull();
    const bond = { ...emptyNewNetwork('p1'), kind: 'bond' as const, name: '', bondPifs: [nics[0]!.id] };
    expect(newNetworkStepProblem(index, bond, 'name')).toBeNull();
    expect(newNetworkStepProblem(index, bond, 'settings')).toBe('Choose at least two NICs');
  });

  it('asks for a bond on every server, or a VLAN network, as the contract takes them', () => {
    const bond = { ...emptyNewNetwork('pool1'), kind: 'bond' as const, name: '', bondPifs: ['pif1', 'pif2'], mode: 'lacp' as const };
    expect(networkRequest(bond)).toEqual({ method: 'network.createBond', input: { poolId: 'pool1', mtu: 1500, autoAdd: true, pifIds: ['pif1', 'pif2'], mode: 'lacp', hashing: 'tcpudp_ports' } });
    expect(networkRequest({ ...emptyNewNetwork('pool1'), pifId: 'pif2', vlan: 7 })).toEqual({
      method: 'network.create', input: { kind: 'external', poolId: 'pool1', name: 'New Network', description: '', mtu: 1500, autoAdd: true, pifId: 'pif2', vlan: 7 },
    });
  });
});
