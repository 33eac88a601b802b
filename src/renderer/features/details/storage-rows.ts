import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { isHiddenObject } from '../tree/object-kinds.js';
import { srTypeText } from './general-infra.js';
import { follow, followAll, nameOf, objectOf, objectsOfType } from '../../store/mirror-read.js';
import { localHostOf } from '../tree/infrastructure-view.js';
import { byName, compareNames } from '../tree/name-order.js';

/** One disk or DVD drive of a VM, as its Storage tab lists it. */
export interface VmDiskRow {
  /** The VBD's ref. */
  readonly id: string;
  /** XAPI's userdevice (0, 1, 3…): XenCenter's "Position". */
  readonly position: string;
  /** The guest device (xvda) while attached. */
  readonly device: string;
  readonly kind: 'Disk' | 'DVD drive';
  readonly name: string;
  readonly description: string;
  /** VDI virtual_size; null for an empty drive. */
  readonly size: number | null;
  readonly srId: string | null;
  readonly srName: string;
  readonly readOnly: boolean;
  /** currently_attached: plugged into the running domain. */
  readonly active: boolean;
}

/** A VM's disks then DVD drives, each by position. */
export function vmDiskRows(index: ObjectIndex, vm: XapiRecord<'VM'>): VmDiskRow[] {
  const out: VmDiskRow[] = [];
  for (const vbd of followAll(index, vm.VBDs)) {
    const kind = vbd.type === 'CD' ? 'DVD drive' : vbd.type === 'Disk' ? 'Disk' : null;
    if (!kind) continue;
    const vdi = vbd.empty === true ? undefined : follow(index, vbd.VDI);
    const sr = follow(index, vdi?.SR);
    out.push({
      id: vbd.$id,
      position: vbd.userdevice,
      device: vbd.device,
      kind,
      name: vdi ? nameOf(vdi, 'Unnamed disk') : kind === 'DVD drive' ? 'Empty' : 'Unknown disk',
      description: vdi?.name_description ?? '',
      size: vdi ? vdi.virtual_size : null,
      srId: sr?.$id ?? null,
      srName: sr ? nameOf(sr) : '',
      readOnly: vbd.mode === 'RO' || vdi?.read_only === true,
      active: vbd.currently_attached === true,
    });
  }
  return out.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'Disk' ? -1 : 1) || compareNames(a.position, b.position));
}

/** One SR as the Storage tab of a host or pool lists it. */
export interface SrRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly type: string;
  readonly shared: boolean;
  readonly size: number;
  readonly used: number;
  readonly virtualAllocation: number;
  /** physical_utilisation / physical_size, 0 to 1 (0 for SRs with no size, like DVD drives). */
  readonly usage: number;
  /** The server a local SR belongs to ("Local storage" of which host); null for a shared SR. */
  readonly hostName: string | null;
}

function srRow(sr: XapiRecord<'SR'>, hostName: string | null = null): SrRow {
  const size = sr.physical_size;
  const used = sr.physical_utilisation;
  return {
    id: sr.$id,
    name: nameOf(sr),
    description: sr.name_description,
    type: srTypeText(sr),
    shared: sr.shared === true,
    size,
    used,
    virtualAllocation: sr.virtual_allocation,
    usage: size > 0 ? Math.min(1, used / size) : 0,
    hostName,
  };
}

/** The SRs a host sees (one PBD on it), by name, without those XenCenter hides (the tools ISO SR). */
export function srRowsForHost(index: ObjectIndex, host: XapiRecord<'host'>): SrRow[] {
  const seen = new Set<string>();
  for (const pbd of objectsOfType(index, 'PBD', host.$pool)) {
    if (pbd.host === host.$id) seen.add(pbd.SR);
  }
  return objectsOfType(index, 'SR', host.$pool)
    .filter((sr) => seen.has(sr.$id) && !isHiddenObject(sr))
    .sort(byName)
    .map((sr) => srRow(sr));
}

/**
 * Every SR of a pool, each once, by name then server: a local SR ("Local storage", "DVD drives") names the server
 * it belongs to, so the three "Local storage" of three servers read as three SRs, not one listed three times.
 */
export function srRowsForPool(index: ObjectIndex, pool: XapiRecord<'pool'>): SrRow[] {
  return objectsOfType(index, 'SR', pool.$pool)
    .filter((sr) => !isHiddenObject(sr))
    .map((sr) => {
      const host = objectOf(index, 'host', localHostOf(sr, index));
      return srRow(sr, host ? nameOf(host) : null);
    })
    .sort((a, b) => compareNames(a.name, b.name) || compareNames(a.hostName ?? '', b.hostName ?? ''));
}

/** One virtual disk on an SR, with the VMs using it. */
export interface SrDiskRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly size: number;
  readonly vmNames: string;
}

/** The Storage tab of an SR: its virtual disks (snapshots' disks included, as XenCenter lists them). */
export function srDiskRows(index: ObjectIndex, sr: XapiRecord<'SR'>): SrDiskRow[] {
  return followAll(index, sr.VDIs)
    .sort(byName)
    .map((vdi) => ({
      id: vdi.$id,
      name: nameOf(vdi, 'Unnamed disk'),
      description: vdi.name_description,
      size: vdi.virtual_size,
      vmNames: [...new Set(followAll(index, vdi.VBDs).map((vbd) => nameOf(follow(index, vbd.VM))).filter(Boolean))].join(', '),
    }));
}
