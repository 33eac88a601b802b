import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll, objectOf } from '../../store/mirror-read.js';
import { nameOf } from '../../store/mirror-read.js';

/** A disk (VDI) attached to a VM, as the Delete VM dialog lists it. */
export interface VmDisk {
  readonly vdiId: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly srName: string;
  /** Other VMs that use the same disk: XenCenter leaves such disks unchecked, since deleting them breaks those VMs. */
  readonly sharedWith: readonly string[];
}

/** The VM's disks (VBDs of type Disk with a VDI), in device order; CD drives are not disks. */
export function disksOfVm(index: ObjectIndex, vmId: string): VmDisk[] {
  const vm = objectOf(index, 'VM', vmId);
  if (!vm) return [];
  const vbds = followAll(index, vm.VBDs)
    .filter((vbd) => vbd.type === 'Disk' && index.objects.has(vbd.VDI))
    .sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
  const seen = new Set<string>();
  const disks: VmDisk[] = [];
  for (const vbd of vbds) {
    const vdi = follow(index, vbd.VDI)!;
    if (seen.has(vdi.$id)) continue;
    seen.add(vdi.$id);
    const otherVms = followAll(index, vdi.VBDs)
      .map((other) => other.VM)
      .filter((otherId) => otherId !== vmId)
      .map((otherId) => nameOf(index.objects.get(otherId)) || otherId);
    disks.push({
      vdiId: vdi.$id,
      name: nameOf(vdi),
      sizeBytes: vdi.virtual_size,
      srName: nameOf(follow(index, vdi.SR)),
      sharedWith: [...new Set(otherVms)],
    });
  }
  return disks;
}

/** The VM's snapshots, by name. */
export function snapshotsOfVm(index: ObjectIndex, vmId: string): { id: string; name: string }[] {
  return followAll(index, objectOf(index, 'VM', vmId)?.snapshots)
    .map((snapshot) => ({ id: snapshot.$id, name: nameOf(snapshot) }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** What Delete VM checks at first: every disk no other VM uses, and every snapshot. */
export function defaultDeleteChoice(disks: readonly VmDisk[], snapshots: readonly { id: string }[]): { vdiIds: Set<string>; snapshotIds: Set<string> } {
  return {
    vdiIds: new Set(disks.filter((disk) => disk.sharedWith.length === 0).map((disk) => disk.vdiId)),
    snapshotIds: new Set(snapshots.map((snapshot) => snapshot.id)),
  };
}
