import { XenithErrorCode } from '../../shared/api/errors.js';
import type { XapiClass, XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { PoolManager } from '../pools/pool-manager.js';
import type { ServerEndpoint } from '../pools/server-address.js';

/** A mirrored object of class C, or NOT_FOUND naming what is missing. */
export function recordOf<C extends XapiClass>(mirror: ObjectMirror, id: string, cls: C, noun: string): XapiRecord<C> {
  const object = mirror.get(id, cls);
  if (object) return object;
  throw new ApiFailure(XenithErrorCode.notFound, `There is no ${noun} ${id} in a connected pool. It may have been deleted, or its pool disconnected.`, { params: [id] });
}

/** A VM that can travel: not a template, snapshot or control domain. */
export function transferableVm(mirror: ObjectMirror, vmId: string): XapiRecord<'VM'> {
  const vm = recordOf(mirror, vmId, 'VM', 'VM');
  if (vm.is_a_template || vm.is_a_snapshot || vm.is_control_domain) {
    throw new ApiFailure(XenithErrorCode.validation, `'${vm.name_label}' is a ${vm.is_a_snapshot ? 'snapshot' : vm.is_a_template ? 'template' : 'control domain'}, not a VM: only VMs are copied or moved between pools here.`, { params: [vmId] });
  }
  return vm;
}

/** One disk of a VM as a transfer sees it. */
export interface VmDisk {
  vbdRef: string;
  vdiRef: string;
  userdevice: string;
  virtualSize: number;
  /** Bytes the disk holds on its SR (what an export sends, roughly). */
  physicalUtilisation: number;
  name: string;
}

/** The VM's disks (CD drives and empty drives left out), by userdevice. */
export function vmDisks(mirror: ObjectMirror, vmRef: string): VmDisk[] {
  const disks: VmDisk[] = [];
  for (const vbdId of mirror.index.lookup('VBD.VM', vmRef)) {
    const vbd = mirror.get(vbdId, 'VBD');
    if (!vbd || vbd.type === 'CD' || vbd.empty) continue;
    const vdi = mirror.get(vbd.VDI, 'VDI');
    if (!vdi) continue;
    disks.push({ vbdRef: vbd.$id, vdiRef: vdi.$id, userdevice: vbd.userdevice, virtualSize: vdi.virtual_size, physicalUtilisation: vdi.physical_utilisation, name: vdi.name_label });
  }
  return disks.sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
}

/** One network interface of a VM. */
export interface VmVif {
  vifRef: string;
  device: string;
  networkRef: string;
  networkName: string;
}

export function vmVifs(mirror: ObjectMirror, vmRef: string): VmVif[] {
  const vifs: VmVif[] = [];
  for (const vifId of mirror.index.lookup('VIF.VM', vmRef)) {
    const vif = mirror.get(vifId, 'VIF');
    if (!vif) continue;
    const network = mirror.get(vif.network, 'network');
    vifs.push({ vifRef: vif.$id, device: vif.device, networkRef: vif.network, networkName: network ? network.name_label : '' });
  }
  return vifs.sort((a, b) => Number(a.device) - Number(b.device));
}

/** The pool's master host. */
export function poolMaster(mirror: ObjectMirror, poolId: string): XapiRecord<'host'> | undefined {
  const [pool] = mirror.ofType('pool', poolId);
  return pool ? mirror.get(pool.master, 'host') : undefined;
}

/** The network a host's management interface is on (the default transfer network and the default VIF network). */
export function managementNetwork(mirror: ObjectMirror, hostRef: string): string | null {
  for (const pifId of mirror.index.lookup('PIF.host', hostRef)) {
    const pif = mirror.get(pifId, 'PIF');
    if (pif?.management) return pif.network;
  }
  return null;
}

/** Whether a host has the SR plugged (an SR without PBDs counts as seen everywhere, as XAPI treats it). */
export function hostSeesSr(mirror: ObjectMirror, hostRef: string, srRef: string): boolean {
  const pbds = [...mirror.index.lookup('PBD.SR', srRef)].map((id) => mirror.get(id, 'PBD')).filter((pbd) => pbd !== undefined);
  if (pbds.length === 0) return true;
  return pbds.some((pbd) => pbd.host === hostRef && pbd.currently_attached);
}

/** A destination SR that can take disks: of the target pool, not an ISO library. */
export function targetSr(mirror: ObjectMirror, srId: string, targetPoolId: string): XapiRecord<'SR'> {
  const sr = recordOf(mirror, srId, 'SR', 'storage repository');
  if (sr.$pool !== targetPoolId) throw new ApiFailure(XenithErrorCode.validation, `The storage repository '${sr.name_label}' is not in the destination pool. Choose one of its SRs.`, { params: [srId] });
  if (sr.content_type === 'iso') throw new ApiFailure(XenithErrorCode.validation, `'${sr.name_label}' is an ISO library; it cannot hold VM disks. Choose another storage repository.`, { params: [srId] });
  return sr;
}

/**
 * Each VIF's destination network: the one the person chose, else the destination network of the same name, else
 * the destination master's management network. Chosen networks must be of the destination pool.
 */
export function completeNetworkMap(mirror: ObjectMirror, vifs: readonly VmVif[], targetPoolId: string, chosen: Readonly<Record<string, string>> = {}): Record<string, string> {
  const networks = [...mirror.ofType('network', targetPoolId)];
  const master = poolMaster(mirror, targetPoolId);
  const fallback = master ? managementNetwork(mirror, master.$id) : null;
  const map: Record<string, string> = {};
  for (const [vifRef, networkRef] of Object.entries(chosen)) {
    if (!vifs.some((vif) => vif.vifRef === vifRef)) throw new ApiFailure(XenithErrorCode.validation, `${vifRef} is not a network interface of this VM.`, { params: [vifRef] });
    const network = recordOf(mirror, networkRef, 'network', 'network');
    if (network.$pool !== targetPoolId) throw new ApiFailure(XenithErrorCode.validation, `The network '${network.name_label}' is not in the destination pool.`, { params: [networkRef] });
  }
  for (const vif of vifs) {
    const sameName = networks.find((network) => network.name_label === vif.networkName);
    const networkRef = chosen[vif.vifRef] ?? sameName?.$id ?? fallback;
    if (!networkRef) throw new ApiFailure(XenithErrorCode.validation, `No network of the destination pool was chosen for interface ${vif.device}, and none has the same name. Choose one.`, { params: [vif.vifRef] });
    map[vif.vifRef] = networkRef;
  }
  return map;
}

/**
 * Where an import into `srRef` goes: the master when it sees the SR (the address Xenith is connected to), else
 * a member that does, at its pool address and the master's port.
 */
export function importEndpoint(mirror: ObjectMirror, pools: PoolManager, poolId: string, srRef: string): ServerEndpoint {
  const connection = pools.connection(poolId);
  const masterEndpoint = connection.master;
  if (!masterEndpoint) throw new ApiFailure('POOL_NOT_CONNECTED', 'The destination pool is not connected. Connect it and try again.', { poolId });
  const master = poolMaster(mirror, poolId);
  if (!master || hostSeesSr(mirror, master.$id, srRef)) return masterEndpoint;
  const member = [...mirror.ofType('host', poolId)].find((host) => host.address !== '' && hostSeesSr(mirror, host.$id, srRef));
  return member ? { host: member.address, port: masterEndpoint.port } : masterEndpoint;
}

/** Whether a VM must be snapshotted before it is exported (anything but halted: its disks are in use). */
export function needsSnapshot(vm: XapiRecord<'VM'>): boolean {
  return vm.power_state !== 'Halted';
}
