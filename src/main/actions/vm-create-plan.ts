import type { ParsedInput } from '../../shared/api/contract.js';
import { XenithErrorCode } from '../../shared/api/errors.js';
import type { XapiClass, XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import { findObject, quoted, type ActionDeps } from './action-context.js';
import { parseProvisionDisks, type ProvisionDisk } from '../../shared/util/provision-disks.js';

export type VmCreateInput = ParsedInput<'vm.create'>;

/** One disk of the new VM and where it comes from. */
export type DiskPlan =
  /** A disk the template has (its clone is resized, or copied to another SR). */
  | { source: 'template'; userdevice: string; sizeBytes: number; sr: XapiRecord<'SR'>; templateVdi: XapiRecord<'VDI'> }
  /** A disk the template's provisioning spec describes (VM.provision makes it). */
  | { source: 'provision'; userdevice: string; sizeBytes: number; sr: XapiRecord<'SR'> }
  /** A disk the person added (VDI.create + VBD.create). */
  | { source: 'new'; userdevice: string; sizeBytes: number; sr: XapiRecord<'SR'>; name: string };

/** Everything vm.create needs, resolved and checked before a job starts (so mistakes fail the call itself). */
export interface VmCreatePlan {
  template: XapiRecord<'VM'>;
  name: string;
  description: string;
  iso: XapiRecord<'VDI'> | null;
  home: XapiRecord<'host'> | null;
  vcpus: number;
  memory: VmCreateInput['memory'];
  disks: DiskPlan[];
  /** The template's provisioning spec (empty when it has none). */
  provisionDisks: ProvisionDisk[];
  networks: { device: string; network: XapiRecord<'network'> }[];
  start: boolean;
}

function invalid(message: string, param: string): never {
  throw new ApiFailure(XenithErrorCode.validation, message, { params: [param] });
}

/** An object of the given class in the pool the VM is made in. */
function inPool<C extends XapiClass>(deps: ActionDeps, poolId: string, id: string, type: C): XapiRecord<C> {
  const object = findObject(deps.mirror, id, type);
  if (object.$pool !== poolId) invalid(`${quoted(object)} is in another pool than the template.`, id);
  return object;
}

/** The template's disks by userdevice: VBDs of type Disk with a VDI. */
export function templateDisks(deps: ActionDeps, templateId: string): Map<string, XapiRecord<'VDI'>> {
  const disks = new Map<string, XapiRecord<'VDI'>>();
  for (const vbd of deps.mirror.referrers('VBD.VM', templateId)) {
    const vdi = vbd.type === 'Disk' && vbd.empty !== true ? deps.mirror.get(vbd.VDI, 'VDI') : undefined;
    if (vdi) disks.set(vbd.userdevice, vdi);
  }
  return disks;
}

function assertUnique(values: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) invalid(`Two ${what} use device ${value}.`, value);
    seen.add(value);
  }
}

/** Resolves and checks a vm.create input against the mirror. */
export function planVmCreate(deps: ActionDeps, input: VmCreateInput): VmCreatePlan {
  const template = findObject(deps.mirror, input.templateId, 'VM');
  if (template.$pool !== input.poolId) invalid(`The template ${quoted(template)} is not in the chosen pool.`, input.templateId);
  if (template.is_a_template !== true) invalid(`${quoted(template)} is not a template.`, input.templateId);
  assertUnique(input.disks.map((disk) => disk.userdevice), 'disks');
  assertUnique(input.networks.map((vif) => vif.device), 'network interfaces');
  const existing = templateDisks(deps, template.$id);
  const provisionDisks = parseProvisionDisks(template.other_config.disks ?? '');
  const disks = input.disks.map((disk): DiskPlan => {
    const sr = inPool(deps, input.poolId, disk.srId, 'SR');
    const templateVdi = existing.get(disk.userdevice);
    if (templateVdi) {
      const current = templateVdi.virtual_size;
      if (disk.sizeBytes < current) invalid(`Disk ${disk.userdevice} cannot be smaller than the template's disk (${current} bytes): disks can only grow.`, disk.userdevice);
      return { source: 'template', userdevice: disk.userdevice, sizeBytes: disk.sizeBytes, sr, templateVdi };
    }
    if (provisionDisks.some((spec) => spec.device === disk.userdevice)) return { source: 'provision', userdevice: disk.userdevice, sizeBytes: disk.sizeBytes, sr };
    return { source: 'new', userdevice: disk.userdevice, sizeBytes: disk.sizeBytes, sr, name: disk.name };
  });
  return {
    template,
    name: input.name,
    description: input.description,
    iso: input.isoVdiId === null ? null : inPool(deps, input.poolId, input.isoVdiId, 'VDI'),
    home: input.homeHostId === null ? null : inPool(deps, input.poolId, input.homeHostId, 'host'),
    vcpus: input.vcpus,
    memory: input.memory,
    disks,
    provisionDisks,
    networks: input.networks.map((vif) => ({ device: vif.device, network: inPool(deps, input.poolId, vif.networkId, 'network') })),
    start: input.start,
  };
}
