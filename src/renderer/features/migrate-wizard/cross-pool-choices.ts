import type { MigrateToPoolInput } from '../../../shared/api/methods/vm-transfer.js';
import type { PoolSummary } from '../../../shared/api/pool-schema.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll, nameOf, objectOf } from '../../store/mirror-read.js';
import { defaultDiskSr, diskSrsOfPool, guestNetworksOfPool, hostsOfPool } from '../dialogs/pool-resources.js';
import { disksOfVm } from '../dialogs/vm-disks.js';

/** XenCenter's cross-pool Migrate wizard, step by step. */
export const crossPoolSteps = ['destination', 'storage', 'networking', 'transferNetwork', 'precheck', 'finish'] as const;
export type CrossPoolStep = (typeof crossPoolSteps)[number];

export const crossPoolStepTitles: Record<CrossPoolStep, string> = {
  destination: 'Destination',
  storage: 'Storage',
  networking: 'Networking',
  transferNetwork: 'Transfer network',
  precheck: 'Precheck',
  finish: 'Finish',
};

/** What the person chose so far: the server, each disk's SR, each interface's network, the transfer network. */
export interface CrossPoolChoices {
  readonly vmId: string;
  readonly hostId: string | null;
  /** VDI → destination SR (null: not chosen). */
  readonly storage: Readonly<Record<string, string | null>>;
  /** VIF → destination network (null: not chosen). */
  readonly networks: Readonly<Record<string, string | null>>;
  readonly transferNetworkId: string | null;
}

/** A connected pool other than the VM's, with its servers: the Destination step's groups. */
export interface DestinationPool {
  readonly poolId: string;
  readonly label: string;
  readonly hosts: readonly XapiRecord<'host'>[];
}

/** Every connected pool but `exceptPoolId`, with its servers, in the order the pools are listed. */
export function otherPools(index: ObjectIndex, pools: Iterable<PoolSummary>, exceptPoolId: string): DestinationPool[] {
  const out: DestinationPool[] = [];
  for (const pool of pools) {
    if (pool.poolId === exceptPoolId || pool.state !== 'connected') continue;
    const hosts = hostsOfPool(index, pool.poolId);
    if (hosts.length > 0) out.push({ poolId: pool.poolId, label: pool.label || pool.address, hosts });
  }
  return out;
}

/** An interface of the VM, as the Networking step lists it. */
export interface VmInterface {
  readonly vifId: string;
  readonly device: string;
  readonly networkName: string;
}

export function interfacesOfVm(index: ObjectIndex, vmId: string): VmInterface[] {
  return followAll(index, objectOf(index, 'VM', vmId)?.VIFs)
    .map((vif) => ({ vifId: vif.$id, device: vif.device, networkName: nameOf(follow(index, vif.network)) }))
    .sort((a, b) => Number(a.device) - Number(b.device));
}

/** The network a server's management interface is on (the default transfer network). */
export function managementNetworkOf(index: ObjectIndex, hostId: string): string | null {
  return followAll(index, objectOf(index, 'host', hostId)?.PIFs).find((pif) => pif.management)?.network ?? null;
}

/**
 * The choices for a destination server: each disk on the pool's default SR, each interface on the network of the
 * same name (else the server's management network), data over the management network.
 */
export function choicesForHost(index: ObjectIndex, vmId: string, hostId: string | null): CrossPoolChoices {
  const host = objectOf(index, 'host', hostId);
  if (!host) return { vmId, hostId: null, storage: {}, networks: {}, transferNetworkId: null };
  const poolId = host.$pool;
  const sr = defaultDiskSr(index, poolId, diskSrsOfPool(index, poolId));
  const networks = guestNetworksOfPool(index, poolId);
  const management = managementNetworkOf(index, host.$id);
  const storage = Object.fromEntries(disksOfVm(index, vmId).map((disk) => [disk.vdiId, sr]));
  const byVif = Object.fromEntries(
    interfacesOfVm(index, vmId).map((vif) => [vif.vifId, networks.find((network) => nameOf(network) === vif.networkName)?.$id ?? management ?? networks[0]?.$id ?? null]),
  );
  return { vmId, hostId: host.$id, storage, networks: byVif, transferNetworkId: management ?? networks[0]?.$id ?? null };
}

/** Why a step cannot be left yet (the Next button's reason), or null. */
export function stepProblem(index: ObjectIndex, choices: CrossPoolChoices, step: CrossPoolStep): string | null {
  switch (step) {
    case 'destination':
      return objectOf(index, 'host', choices.hostId) ? null : 'Choose a server of another pool';
    case 'storage':
      return Object.values(choices.storage).some((sr) => !sr) ? 'Choose a storage repository for every disk' : null;
    case 'networking':
      return Object.values(choices.networks).some((network) => !network) ? 'Choose a network for every interface' : null;
    case 'transferNetwork':
      return choices.transferNetworkId ? null : 'Choose the network the data travels on';
    case 'precheck':
    case 'finish':
      return null;
  }
}

/** The call the wizard makes (vm.migrationCheck and vm.migrateToPool take the same), or null while incomplete. */
export function migrateInput(choices: CrossPoolChoices): MigrateToPoolInput | null {
  if (!choices.hostId || !choices.transferNetworkId) return null;
  const storage = Object.entries(choices.storage);
  const networks = Object.entries(choices.networks);
  if (storage.some(([, sr]) => !sr) || networks.some(([, network]) => !network)) return null;
  return {
    vmId: choices.vmId,
    targetHostId: choices.hostId,
    storageMap: Object.fromEntries(storage) as Record<string, string>,
    networkMap: Object.fromEntries(networks) as Record<string, string>,
    transferNetworkId: choices.transferNetworkId,
  };
}
