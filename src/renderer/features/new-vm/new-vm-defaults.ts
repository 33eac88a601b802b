import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { defaultDiskSr, diskSrsOfPool, guestNetworksOfPool } from '../dialogs/pool-resources.js';
import { follow, followAll, nameOf, objectOf, objectsOfType } from '../../store/mirror-read.js';
import { rowKey, type DiskChoice, type NetworkChoice, type NewVmChoices } from './new-vm-choices.js';
import { parseProvisionDisks } from '../../../shared/util/provision-disks.js';

/** The wizard's starting point before a template is chosen. */
export function emptyChoices(poolId: string): NewVmChoices {
  return {
    poolId,
    templateId: null,
    name: '',
    nameEdited: false,
    description: '',
    isoVdiId: null,
    homeHostId: null,
    vcpus: 1,
    memoryBytes: 0,
    dynamicMinBytes: 0,
    disks: [],
    networks: [],
    start: true,
  };
}

function positive(value: number, fallback: number): number {
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/**
 * The template's disks: its provisioning spec (`other_config.disks`) for a default template, else the disks it
 * already has (a custom template made from an installed VM). An SR the template names is kept when it can
 * hold disks; otherwise the pool's default SR.
 */
export function templateDisks(index: ObjectIndex, template: XapiRecord<'VM'>): DiskChoice[] {
  const srChoices = diskSrsOfPool(index, template.$pool);
  const fallbackSr = defaultDiskSr(index, template.$pool, srChoices);
  const usable = new Set(srChoices.map((choice) => choice.id));
  const srByUuid = new Map<string, string>();
  for (const sr of objectsOfType(index, 'SR', template.$pool)) srByUuid.set(sr.uuid, sr.$id);
  const provisioned = parseProvisionDisks(template.other_config.disks);
  if (provisioned.length > 0) {
    return provisioned.map((disk) => {
      const named = srByUuid.get(disk.srUuid);
      return { key: rowKey('disk'), userdevice: disk.device, sizeBytes: disk.sizeBytes, srId: named && usable.has(named) ? named : fallbackSr };
    });
  }
  const disks: DiskChoice[] = [];
  for (const vbd of followAll(index, template.VBDs)) {
    const vdi = follow(index, vbd.VDI);
    if (vbd.type !== 'Disk' || !vdi) continue;
    const srId = usable.has(vdi.SR) ? vdi.SR : fallbackSr;
    disks.push({ key: rowKey('disk'), userdevice: vbd.userdevice, sizeBytes: positive(vdi.virtual_size, 0), srId });
  }
  return disks.sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
}

/** The template's VIFs on networks guests may use, else one VIF on the pool's first guest network. */
export function templateNetworks(index: ObjectIndex, template: XapiRecord<'VM'>): NetworkChoice[] {
  const guestNetworks = guestNetworksOfPool(index, template.$pool);
  const usable = new Set(guestNetworks.map((network) => network.$id));
  const fromTemplate: NetworkChoice[] = [];
  for (const vif of followAll(index, template.VIFs)) {
    if (usable.has(vif.network)) fromTemplate.push({ key: rowKey('vif'), device: vif.device, networkId: vif.network });
  }
  if (fromTemplate.length > 0) return fromTemplate.sort((a, b) => Number(a.device) - Number(b.device));
  const first = guestNetworks[0];
  return first ? [{ key: rowKey('vif'), device: '0', networkId: first.$id }] : [];
}

/**
 * Applies a template choice: its name (unless the user typed one), vCPUs, memory, disks and networks. Choices
 * that do not depend on the template (description, media, home server, start) are kept.
 */
export function chooseTemplate(index: ObjectIndex, choices: NewVmChoices, templateId: string): NewVmChoices {
  const template = objectOf(index, 'VM', templateId);
  if (!template) return choices;
  const memoryBytes = positive(template.memory_static_max, positive(template.memory_dynamic_max, 0));
  const dynamicMinBytes = Math.min(positive(template.memory_dynamic_min, memoryBytes), memoryBytes);
  return {
    ...choices,
    templateId,
    name: choices.nameEdited ? choices.name : nameOf(template),
    vcpus: Math.max(1, Math.floor(positive(template.VCPUs_at_startup, 1))),
    memoryBytes,
    dynamicMinBytes,
    disks: templateDisks(index, template),
    networks: templateNetworks(index, template),
  };
}
