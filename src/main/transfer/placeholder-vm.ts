import type { Xapi } from 'xen-api';
import { ApiFailure } from '../api/failure.js';
import { transferMarkerKey } from './transfer-cleanup.js';

/** The name an importing VM carries until its disks are verified. */
export function placeholderName(name: string): string {
  return `[Importing…] ${name}`;
}

/** Why the placeholder cannot start, as XAPI shows it (OPERATION_BLOCKED carries this text). */
const blockedReason = 'Xenith is still copying this VM from another pool';

/** Operations that would boot a half-arrived VM. */
const blockedWhileImporting = ['start', 'start_on'] as const;

/**
 * Makes the VM an import created into a placeholder: renamed `[Importing…] <name>`, start blocked, and tagged with
 * the transfer (so a clean-up finds it even if its ref never reached the journal). Returns the VM's own
 * blocked operations, to restore once it is verified.
 */
export async function markPlaceholder(client: Xapi, vmRef: string, name: string, transferId: string): Promise<Record<string, string>> {
  const own = await client.call<Record<string, string>>('VM.get_blocked_operations', vmRef);
  const blocked: Record<string, string> = { ...own };
  for (const operation of blockedWhileImporting) blocked[operation] = blockedReason;
  await client.call('VM.set_blocked_operations', vmRef, blocked);
  await client.call('VM.set_name_label', vmRef, placeholderName(name));
  await client.call('VM.remove_from_other_config', vmRef, transferMarkerKey).catch(() => {});
  await client.call('VM.add_to_other_config', vmRef, transferMarkerKey, transferId);
  return own;
}

/** One disk of a VM as the pool reports it now (not the mirror, which may lag a call that just returned). */
export interface DiskLayout {
  userdevice: string;
  virtualSize: number;
  /** Bytes the disk holds on its SR: about what an export sends for it. */
  physicalUtilisation: number;
}

/** A VM's disks (CD drives and empty drives left out), read from the pool. */
export async function readDiskLayout(client: Xapi, vmRef: string): Promise<DiskLayout[]> {
  const disks: DiskLayout[] = [];
  for (const vbd of await client.call<string[]>('VM.get_VBDs', vmRef)) {
    const record = await client.call<{ type: string; VDI: string; userdevice: string; empty: boolean }>('VBD.get_record', vbd);
    if (record.type === 'CD' || record.empty || record.VDI === 'OpaqueRef:NULL') continue;
    const vdi = await client.call<{ virtual_size: string | number; physical_utilisation: string | number }>('VDI.get_record', record.VDI);
    disks.push({ userdevice: record.userdevice, virtualSize: Number(vdi.virtual_size), physicalUtilisation: Number(vdi.physical_utilisation) });
  }
  return disks.sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
}

/**
 * Checks the import brought every disk at its size: the same number of disks as the source, each at the same
 * position with the same virtual size. Throws IMPORT_VERIFICATION_FAILED with what differs.
 */
export async function verifyArrivedDisks(client: Xapi, vmRef: string, expected: readonly DiskLayout[]): Promise<void> {
  const arrived = await readDiskLayout(client, vmRef);
  const problems: string[] = [];
  if (arrived.length !== expected.length) problems.push(`${arrived.length} disk(s) arrived, the source has ${expected.length}`);
  for (const disk of expected) {
    const match = arrived.find((candidate) => candidate.userdevice === disk.userdevice);
    if (!match) problems.push(`disk ${disk.userdevice} is missing`);
    else if (match.virtualSize !== disk.virtualSize) problems.push(`disk ${disk.userdevice} is ${match.virtualSize} bytes, the source's is ${disk.virtualSize}`);
  }
  if (problems.length > 0) {
    throw new ApiFailure('IMPORT_VERIFICATION_FAILED', `The copy did not arrive whole (${problems.join('; ')}). Nothing was kept on the destination pool.`, { params: problems });
  }
}

/**
 * Puts each network interface of the imported VM on its chosen destination network. XAPI's import matched
 * networks by name (creating one when none matched); an interface on another network than chosen is recreated
 * on the right one with the same device, MAC and settings.
 */
export async function placeInterfaces(client: Xapi, vmRef: string, networkByDevice: ReadonlyMap<string, string>): Promise<void> {
  for (const vif of await client.call<string[]>('VM.get_VIFs', vmRef)) {
    const record = await client.call<Record<string, unknown>>('VIF.get_record', vif);
    const wanted = networkByDevice.get(String(record.device));
    if (!wanted || record.network === wanted) continue;
    await client.call('VIF.destroy', vif);
    await client.call('VIF.create', {
      device: record.device,
      network: wanted,
      VM: vmRef,
      MAC: record.MAC,
      MTU: record.MTU,
      other_config: record.other_config ?? {},
      qos_algorithm_type: record.qos_algorithm_type ?? '',
      qos_algorithm_params: record.qos_algorithm_params ?? {},
      locking_mode: record.locking_mode ?? 'network_default',
      ipv4_allowed: record.ipv4_allowed ?? [],
      ipv6_allowed: record.ipv6_allowed ?? [],
    });
  }
}

/**
 * Turns a verified placeholder into the copy: a plain VM (an export of a running VM's snapshot clone arrives as a
 * template), named as asked, its own blocked operations back, the transfer's tag gone. Start is unblocked last, so
 * a VM that can be started is always a finished one. A file's template (an exported snapshot) stays a template
 * when `keepTemplate` says so.
 */
export async function finishPlaceholder(client: Xapi, vmRef: string, name: string, ownBlocked: Record<string, string>, keepTemplate = false): Promise<void> {
  if (!keepTemplate && (await client.call<boolean>('VM.get_is_a_template', vmRef))) await client.call('VM.set_is_a_template', vmRef, false);
  await client.call('VM.set_name_label', vmRef, name);
  await client.call('VM.remove_from_other_config', vmRef, transferMarkerKey).catch(() => {});
  await client.call('VM.set_blocked_operations', vmRef, ownBlocked);
}
