import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import { mirrorShows } from '../jobs/mirror-wait.js';
import { callNow, findObject, quoted, startPoolJob, type ActionDeps } from './action-context.js';

/** The network record XAPI creates: name, MTU, and whether new VMs get it (other_config automatic). */
export function networkRecord(name: string, description: string, mtu: number, autoAdd: boolean): Record<string, unknown> {
  return { name_label: name, name_description: description, MTU: mtu, other_config: { automatic: autoAdd ? 'true' : 'false' }, tags: [] };
}

/** Destroys a network made by a job that failed (best effort). */
export async function removeNetwork(xapi: JobXapi, network: string): Promise<void> {
  await xapi.call('network.destroy', network).catch(() => {});
}

export type NetworkCreateInput =
  | { kind: 'external'; poolId: string; name: string; description: string; mtu: number; autoAdd: boolean; pifId: string; vlan: number }
  | { kind: 'private'; poolId: string; name: string; description: string; mtu: number; autoAdd: boolean };

/**
 * network.create, XenCenter's New Network wizard for an external network (network.create, then
 * pool.create_VLAN_from_PIF: the VLAN on the chosen NIC's device on every server) or a single-server private one
 * (a network with no NIC). A VLAN that cannot be made removes the network again.
 */
export function runNetworkCreate(deps: ActionDeps, input: NetworkCreateInput): string {
  const pif = input.kind === 'external' ? findObject(deps.mirror, input.pifId, 'PIF') : undefined;
  if (pif && pif.$pool !== input.poolId) throw new ApiFailure('VALIDATION', 'Choose a NIC of a server in this pool.');
  if (pif && pif.VLAN !== -1) throw new ApiFailure('VALIDATION', `${pif.device} is itself a VLAN; choose a NIC or a bond for the new VLAN.`);
  const spec = { poolId: input.poolId, title: `Creating network '${input.name}'`, action: 'network.create', objectIds: pif ? [pif.$id] : [], cancellable: false };
  return startPoolJob(deps, spec, async (xapi, job) => {
    const network = await xapi.taskRef('network.create', [networkRecord(input.name, input.description, input.mtu, input.autoAdd)], [0, 0.3]);
    if (pif && input.kind === 'external') {
      try {
        await xapi.task('pool.create_VLAN_from_PIF', [pif.$id, network, input.vlan], [0.3, 1]);
      } catch (error) {
        await removeNetwork(xapi, network);
        throw error;
      }
    }
    await mirrorShows(deps.mirror, 'network', network, () => true);
    job.setResult(network);
  });
}

/** The VLANs and bonds that carry a network on each server (removed before the network itself). */
function carriers(deps: ActionDeps, network: XapiRecord<'network'>): { vlans: string[]; bonds: string[]; nics: string[] } {
  const vlans: string[] = [];
  const bonds: string[] = [];
  const nics: string[] = [];
  for (const ref of network.PIFs) {
    const pif = deps.mirror.get(ref, 'PIF');
    if (!pif) continue;
    if (pif.VLAN_master_of !== 'OpaqueRef:NULL' && deps.mirror.get(pif.VLAN_master_of, 'VLAN')) vlans.push(pif.VLAN_master_of);
    else if (pif.bond_master_of.length > 0) bonds.push(...pif.bond_master_of);
    else if (pif.physical) nics.push(pif.device);
  }
  return { vlans, bonds, nics };
}

/**
 * network.delete: the network's VLANs (VLAN.destroy) or bonds (Bond.destroy: the members take their addresses
 * back) on every server, then network.destroy. A NIC's own network cannot be deleted.
 */
export function runNetworkDelete(deps: ActionDeps, networkId: string): string {
  const network = findObject(deps.mirror, networkId, 'network');
  const { vlans, bonds, nics } = carriers(deps, network);
  if (nics.length > 0) throw new ApiFailure('VALIDATION', `${quoted(network)} is the network of the NIC ${nics[0]}; it goes away only with the NIC.`);
  const spec = { poolId: network.$pool, title: `Deleting network ${quoted(network)}`, action: 'network.delete', objectIds: [network.$id], cancellable: false };
  return startPoolJob(deps, spec, async (xapi) => {
    for (const vlan of vlans) await xapi.task('VLAN.destroy', [vlan]);
    for (const bond of bonds) await xapi.task('Bond.destroy', [bond]);
    await xapi.task('network.destroy', [network.$id]);
  });
}

/** network.setAutoAdd: other_config automatic, which XenCenter reads to give new VMs an interface on the network. */
export async function setNetworkAutoAdd(deps: ActionDeps, networkId: string, autoAdd: boolean): Promise<Record<string, never>> {
  const network = findObject(deps.mirror, networkId, 'network');
  await callNow(deps, network.$pool, async (client) => {
    await client.call('network.remove_from_other_config', network.$id, 'automatic');
    await client.call('network.add_to_other_config', network.$id, 'automatic', autoAdd ? 'true' : 'false');
  });
  return {};
}
