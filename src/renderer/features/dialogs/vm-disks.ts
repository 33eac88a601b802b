import type { LooseXapiObject } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf } from './pool-resources.js';

/** A disk (VDI) attached to a VM, as the Delete VM dialog lists it. */
export interface VmDisk {
  readonly vdiId: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly srName: string;
  /** Other VMs that use the same disk: XenCenter leaves such disks unchecked, since deleting them breaks those VMs. */
  readonly sharedWith: readonly string[];
}

function refs(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

/** The VM's disks (VBDs of type Disk with a VDI), in device order; CD drives are not disks. */
export function disksOfVm(index: ObjectIndex, vmId: string): VmDisk[] {
  const vm = index.objects.get(vmId);
  if (!vm) return [];
  const vbds = refs(vm.VBDs)
    .map((id) => index.objects.get(id))
    .filter((vbd): vbd is LooseXapiObject => vbd !== undefined && vbd.type === 'Disk' && typeof vbd.VDI === 'string' && index.objects.has(vbd.VDI))
    .sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
  const seen = new Set<string>();
  const disks: VmDisk[] = [];
  for (const vbd of vbds) {
    const vdi = index.objects.get(vbd.VDI as string)!;
    if (seen.has(vdi.$id)) continue;
    seen.add(vdi.$id);
    const otherVms = refs(vdi.VBDs)
      .map((id) => index.objects.get(id)?.VM)
      .filter((otherId): otherId is string => typeof otherId === 'string' && otherId !== vmId)
      .map((otherId) => nameOf(index.objects.get(otherId)) || otherId);
    disks.push({
      vdiId: vdi.$id,
      name: nameOf(vdi),
      sizeBytes: typeof vdi.virtual_size === 'number' ? vdi.virtual_size : 0,
      srName: typeof vdi.SR === 'string' ? nameOf(index.objects.get(vdi.SR)) : '',
      sharedWith: [...new Set(otherVms)],
    });
  }
  return disks;
}

/** The VM's snapshots, by name. */
export function snapshotsOfVm(index: ObjectIndex, vmId: string): { id: string; name: string }[] {
  const vm = index.objects.get(vmId);
  return refs(vm?.snapshots)
    .map((id) => index.objects.get(id))
    .filter((snapshot): snapshot is LooseXapiObject => snapshot !== undefined)
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
