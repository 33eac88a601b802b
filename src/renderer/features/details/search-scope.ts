import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { isDefaultTemplate, isHiddenObject, isTemplate, isUserVm } from '../tree/object-kinds.js';
import type { DetailsSubject } from './details-subject.js';
import { follow, followAll, objectsOfType } from '../../store/mirror-read.js';
import { byName } from '../tree/name-order.js';

/** What a Search tab lists: objects of the kinds the tree shows. */
export type SearchObject = XapiRecord<'pool' | 'host' | 'VM' | 'SR' | 'network'>;

/** What the tree lists too: not the plumbing XenCenter hides (tools SR, internal network, HideFromXenCenter). */
const isListed = (object: XapiRecord<'SR' | 'network'>) => !isHiddenObject(object);

const isCustomTemplate = (vm: XapiRecord<'VM'>) => isTemplate(vm) && !isDefaultTemplate(vm);

/** What a pool's Search lists: servers, VMs, storage and networks. */
function poolMembers(index: ObjectIndex, poolId: string): SearchObject[] {
  return [
    ...objectsOfType(index, 'host', poolId).sort(byName),
    ...objectsOfType(index, 'VM', poolId).filter(isUserVm).sort(byName),
    ...objectsOfType(index, 'SR', poolId).filter(isListed).sort(byName),
    ...objectsOfType(index, 'network', poolId).filter(isListed).sort(byName),
  ];
}

/** A host's running VMs and the SRs only it sees (its local storage). */
function hostMembers(index: ObjectIndex, host: XapiRecord<'host'>): SearchObject[] {
  const vms = objectsOfType(index, 'VM', host.$pool).filter((vm) => isUserVm(vm) && vm.resident_on === host.$id);
  const localSrs = objectsOfType(index, 'SR', host.$pool).filter((sr) => {
    if (sr.shared || !isListed(sr)) return false;
    return followAll(index, sr.PBDs).some((pbd) => pbd.host === host.$id);
  });
  return [...vms.sort(byName), ...localSrs.sort(byName)];
}

/** The VMs whose devices (VBDs or VIFs) point at this SR's disks or this network. */
function vmsUsing(index: ObjectIndex, subject: XapiRecord<'SR' | 'network'>): XapiRecord<'VM'>[] {
  const found = new Map<string, XapiRecord<'VM'>>();
  const devices = subject.$type === 'SR' ? followAll(index, subject.VDIs).flatMap((vdi) => followAll(index, vdi.VBDs)) : followAll(index, subject.VIFs);
  for (const device of devices) {
    const vm = follow(index, device.VM);
    if (vm && isUserVm(vm)) found.set(vm.$id, vm);
  }
  return [...found.values()].sort(byName);
}

/** Every listed object of the kinds the tree's grouping rows gather, across pools. */
function everything(index: ObjectIndex): SearchObject[] {
  return [
    ...objectsOfType(index, 'pool').sort(byName),
    ...objectsOfType(index, 'host').sort(byName),
    ...objectsOfType(index, 'VM').filter((vm) => isUserVm(vm) || isCustomTemplate(vm)).sort(byName),
    ...objectsOfType(index, 'SR').filter(isListed).sort(byName),
    ...objectsOfType(index, 'network').filter(isListed).sort(byName),
  ];
}

/**
 * Members of a grouping row of the tree's Objects and Tags views: `group:objects:<vms|servers|…>`,
 * `group:tag:<tag>` and `group:untagged`.
 */
function groupMembers(index: ObjectIndex, key: string): SearchObject[] {
  const rest = key.slice('group:'.length);
  if (rest.startsWith('tag:')) {
    const tag = rest.slice('tag:'.length);
    return everything(index).filter((object) => object.tags.includes(tag));
  }
  if (rest === 'untagged') return everything(index).filter((object) => object.tags.length === 0);
  const byKind: Record<string, (object: SearchObject) => boolean> = {
    'objects:pools': (object) => object.$type === 'pool',
    'objects:servers': (object) => object.$type === 'host',
    'objects:vms': (object) => object.$type === 'VM' && isUserVm(object),
    'objects:templates': (object) => object.$type === 'VM' && isCustomTemplate(object),
    'objects:storage': (object) => object.$type === 'SR',
    'objects:networks': (object) => object.$type === 'network',
  };
  const matches = byKind[rest];
  return matches ? everything(index).filter(matches) : [];
}

/** The objects a Search tab lists for the selection: what sits under it in the tree, or the object itself. */
export function searchScope(index: ObjectIndex, subject: DetailsSubject): SearchObject[] {
  switch (subject.kind) {
    case 'group':
      return groupMembers(index, subject.key);
    case 'pool':
      return poolMembers(index, subject.object.$pool);
    case 'host':
      return hostMembers(index, subject.object);
    case 'sr':
    case 'network':
      return [subject.object, ...vmsUsing(index, subject.object)];
    case 'vm':
    case 'template':
      return [subject.object];
  }
}
