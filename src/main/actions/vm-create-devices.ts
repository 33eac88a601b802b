import { nullRef, type XapiRecord } from '../../shared/xapi/objects.js';
import type { JobXapi, ProgressSpan } from '../jobs/job-xapi.js';
import { formatProvisionDisks, type ProvisionDisk } from '../../shared/util/provision-disks.js';
import type { DiskPlan, VmCreatePlan } from './vm-create-plan.js';

/** What the new VM's drives and interfaces are, read from XAPI (not the mirror, which may lag behind the task). */
export interface VbdRecord {
  ref: string;
  userdevice: string;
  type: string;
  empty: boolean;
  VDI: string;
  bootable: boolean;
  mode: string;
}

export async function readVbds(xapi: JobXapi, vmRef: string): Promise<VbdRecord[]> {
  const refs = await xapi.call<string[]>('VM.get_VBDs', vmRef);
  return Promise.all(
    refs.map(async (ref) => {
      const record = await xapi.call<Record<string, unknown>>('VBD.get_record', ref);
      return {
        ref,
        userdevice: String(record.userdevice),
        type: String(record.type),
        empty: record.empty === true || record.empty === 'true',
        VDI: String(record.VDI),
        bootable: record.bootable === true || record.bootable === 'true',
        mode: String(record.mode),
      };
    }),
  );
}

/** Disk VDIs attached to a VM (for clean-up: everything on a half-made VM is Xenith's own). */
export async function diskVdiRefs(xapi: JobXapi, vmRef: string): Promise<string[]> {
  return (await readVbds(xapi, vmRef)).filter((vbd) => vbd.type === 'Disk' && !vbd.empty && vbd.VDI !== nullRef).map((vbd) => vbd.VDI);
}

/** The VBD record XAPI needs for a new drive (every field without a default in the datamodel). */
function vbdRecord(vm: string, vdi: string, userdevice: string, fields: { type: 'Disk' | 'CD'; bootable: boolean; mode: 'RW' | 'RO'; empty: boolean }) {
  return { VM: vm, VDI: vdi, userdevice, ...fields, unpluggable: true, other_config: fields.type === 'Disk' ? { owner: 'true' } : {}, qos_algorithm_type: '', qos_algorithm_params: {} };
}

/**
 * Rewrites the clone's provisioning spec with the chosen sizes and SRs (and without the disks left out), then
 * provisions: XAPI makes those disks itself, as for XenCenter's wizard.
 */
export async function provisionDisks(xapi: JobXapi, vm: string, plan: VmCreatePlan, span: ProgressSpan): Promise<void> {
  if (plan.provisionDisks.length === 0) return;
  const chosen = new Map(plan.disks.filter((disk) => disk.source === 'provision').map((disk) => [disk.userdevice, disk]));
  const specs: ProvisionDisk[] = plan.provisionDisks.flatMap((spec) => {
    const disk = chosen.get(spec.device);
    return disk ? [{ ...spec, sizeBytes: disk.sizeBytes, srUuid: String(disk.sr.uuid) }] : [];
  });
  await xapi.call('VM.remove_from_other_config', vm, 'disks');
  await xapi.call('VM.add_to_other_config', vm, 'disks', formatProvisionDisks(specs));
  await xapi.task('VM.provision', [vm], span);
}

/**
 * The clone's copies of the template's disks (run before provisioning, so the clone's disks are all the
 * template's): dropped when not chosen, grown to the chosen size, and moved to the
 * chosen SR (VDI.copy of the copy-on-write child, then the child goes). `made` collects VDIs for clean-up.
 */
export async function adaptTemplateDisks(xapi: JobXapi, vm: string, plan: VmCreatePlan, made: Set<string>, span: ProgressSpan): Promise<void> {
  const chosen = new Map(plan.disks.filter((disk): disk is Extract<DiskPlan, { source: 'template' }> => disk.source === 'template').map((disk) => [disk.userdevice, disk]));
  const vbds = (await readVbds(xapi, vm)).filter((vbd) => vbd.type === 'Disk' && !vbd.empty);
  const step = (span[1] - span[0]) / Math.max(1, vbds.length);
  for (const [index, vbd] of vbds.entries()) {
    const disk = chosen.get(vbd.userdevice);
    if (!disk) {
      await xapi.call('VBD.destroy', vbd.ref);
      await xapi.task('VDI.destroy', [vbd.VDI]);
      continue;
    }
    let vdi = vbd.VDI;
    const sr = await xapi.call<string>('VDI.get_SR', vdi);
    if (sr !== disk.sr.$id) {
      const from = span[0] + index * step;
      const moved = await xapi.taskRef('VDI.copy', [vdi, disk.sr.$id], [from, from + step]);
      made.add(moved);
      await xapi.call('VBD.destroy', vbd.ref);
      await xapi.call('VBD.create', vbdRecord(vm, moved, vbd.userdevice, { type: 'Disk', bootable: vbd.bootable, mode: vbd.mode === 'RO' ? 'RO' : 'RW', empty: false }));
      await xapi.task('VDI.destroy', [vdi]);
      vdi = moved;
    }
    const size = Number(await xapi.call('VDI.get_virtual_size', vdi));
    if (disk.sizeBytes > size) await xapi.task('VDI.resize', [vdi, disk.sizeBytes]);
  }
}

/** Disks the person added: a new VDI on the chosen SR and a drive for it. */
export async function addNewDisks(xapi: JobXapi, vm: string, plan: VmCreatePlan, made: Set<string>): Promise<void> {
  for (const disk of plan.disks) {
    if (disk.source !== 'new') continue;
    const vdi = await xapi.taskRef('VDI.create', [{
      name_label: disk.name || `${plan.name} ${disk.userdevice}`, name_description: '', SR: disk.sr.$id, virtual_size: disk.sizeBytes,
      type: 'user', sharable: false, read_only: false, other_config: {}, xenstore_data: {}, sm_config: {}, tags: [],
    }]);
    made.add(vdi);
    await xapi.task('VBD.create', [vbdRecord(vm, vdi, disk.userdevice, { type: 'Disk', bootable: disk.userdevice === '0', mode: 'RW', empty: false })]);
  }
}

/** Puts the chosen ISO in the VM's CD drive, adding an empty drive first when the template has none. */
export async function insertIso(xapi: JobXapi, vm: string, iso: XapiRecord<'VDI'> | null): Promise<void> {
  if (!iso) return;
  const vbds = await readVbds(xapi, vm);
  let cd = vbds.find((vbd) => vbd.type === 'CD');
  if (!cd) {
    const free = await xapi.call<string[]>('VM.get_allowed_VBD_devices', vm);
    const userdevice = free.includes('3') ? '3' : (free[0] ?? '3');
    const ref = await xapi.taskRef('VBD.create', [vbdRecord(vm, nullRef, userdevice, { type: 'CD', bootable: true, mode: 'RO', empty: true })]);
    cd = { ref, userdevice, type: 'CD', empty: true, VDI: nullRef, bootable: true, mode: 'RO' };
  }
  if (!cd.empty) await xapi.task('VBD.eject', [cd.ref]);
  await xapi.task('VBD.insert', [cd.ref, iso.$id]);
}

/** Keeps the clone's interfaces that match the choice, removes the others and adds what is missing. */
export async function setNetworks(xapi: JobXapi, vm: string, plan: VmCreatePlan): Promise<void> {
  const wanted = new Map(plan.networks.map((vif) => [vif.device, vif.network]));
  for (const ref of await xapi.call<string[]>('VM.get_VIFs', vm)) {
    const [device, network] = await Promise.all([xapi.call<string>('VIF.get_device', ref), xapi.call<string>('VIF.get_network', ref)]);
    if (wanted.get(device)?.$id === network) wanted.delete(device);
    else await xapi.task('VIF.destroy', [ref]);
  }
  for (const [device, network] of wanted) {
    await xapi.task('VIF.create', [{
      device, network: network.$id, VM: vm, MAC: '', MTU: Number(network.MTU) || 1500,
      other_config: {}, qos_algorithm_type: '', qos_algorithm_params: {}, locking_mode: 'network_default', ipv4_allowed: [], ipv6_allowed: [],
    }]);
  }
}
