import { evacuatedVmsOf, type EvacuatedKind } from '../../../shared/xapi/evacuated-vms.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { objectsOfType } from '../../store/mirror-read.js';

/** The VMs that left a server for maintenance and can be put back now, by how they left (XenCenter's lists). */
export function evacuatedVmsOfHost(index: ObjectIndex, host: XapiRecord<'host'>): Record<EvacuatedKind, XapiRecord<'VM'>[]> {
  const byUuid = new Map(objectsOfType(index, 'VM', host.$pool).map((vm) => [vm.uuid, vm]));
  return evacuatedVmsOf(host, (uuid) => byUuid.get(uuid));
}

/** How many VMs Exit Maintenance Mode would put back. */
export function evacuatedCount(index: ObjectIndex, host: XapiRecord<'host'>): number {
  const lists = evacuatedVmsOfHost(index, host);
  return lists.migrated.length + lists.suspended.length + lists.halted.length;
}
