/**
 * What the disk dialogs offer, from the mirror: the disks a VM can attach (free user disks of its pool), the
 * SRs a disk can move to, and XenCenter's default name for a new disk. Pure functions, tested without a window.
 */
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll, nameOf, objectsOfType } from '../../store/mirror-read.js';
import { formatBytes } from '../details/format.js';
import { diskSrsOfPool, type DiskSrChoice } from '../dialogs/pool-resources.js';
import { byName } from '../tree/name-order.js';

/** A disk a VM can attach: not in use by any VM, not a snapshot, on an SR for virtual disks. */
export interface FreeDisk {
  readonly id: string;
  readonly label: string;
}

export function freeDisksOfPool(index: ObjectIndex, poolId: string): FreeDisk[] {
  return objectsOfType(index, 'VDI', poolId)
    .filter((vdi) => vdi.VBDs.length === 0 && !vdi.is_a_snapshot && vdi.type === 'user' && follow(index, vdi.SR)?.content_type !== 'iso')
    .sort(byName)
    .map((vdi) => ({ id: vdi.$id, label: `${nameOf(vdi, 'Unnamed disk')} (${formatBytes(vdi.virtual_size)} on ${nameOf(follow(index, vdi.SR))})` }));
}

/** SRs a disk can move to: those that can hold disks, other than its own. */
export function moveTargets(index: ObjectIndex, vdi: XapiRecord<'VDI'>): DiskSrChoice[] {
  return diskSrsOfPool(index, vdi.$pool).filter((choice) => choice.id !== vdi.SR);
}

/** "web-01 disk 2": the VM's name and the next disk number, as a new disk's default name. */
export function newDiskName(index: ObjectIndex, vm: XapiRecord<'VM'> | undefined): string {
  if (!vm) return 'New virtual disk';
  const count = followAll(index, vm.VBDs).filter((vbd) => vbd.type === 'Disk').length;
  return `${nameOf(vm)} disk ${count + 1}`;
}
