import type { DiskImageFormat } from './disk-image.js';
import { childNamed, childrenNamed, descendantsNamed, parseXml, type XmlElement } from './xml-tree.js';

/** An OVF Xenith cannot import: what is missing or out of range. */
export class OvfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OvfError';
  }
}

/** One disk of the VM as the OVF describes it. */
export interface OvfDisk {
  diskId: string;
  /** The file holding its data (a member of the OVA, or a file beside the OVF); null for an empty disk to create. */
  href: string | null;
  /** Its size in the package, when the References say. */
  fileSize: number | null;
  /** The file is gzipped (ovf:compression="gzip"). */
  gzipped: boolean;
  capacityBytes: number;
  /** What the OVF says the file is (VMDK, VHD, raw), as a hint: the file's own signature decides. */
  format: DiskImageFormat | null;
  /** The disk's label (the hardware item's ElementName). */
  label: string;
  /** Its order on its controller, for the device numbers of the new VM. */
  position: number;
}

/** One network interface of the VM: the OVF network it is connected to. */
export interface OvfNic {
  network: string;
  mac: string | null;
}

/** What Xenith builds a VM from. */
export interface OvfVm {
  name: string;
  description: string;
  vcpus: number;
  memoryBytes: number;
  firmware: 'bios' | 'uefi';
  disks: OvfDisk[];
  nics: OvfNic[];
  /** The networks the package names (with their descriptions), to map in the wizard. */
  networks: { name: string; description: string }[];
}

/** Whole bytes of `quantity` in `units` ("byte * 2^20", "MegaBytes", "GB"…), as OVF writes allocation units. */
export function unitsToBytes(quantity: number, units: string | undefined, defaultUnits: string): number {
  const text = (units ?? defaultUnits).trim();
  const power = /^byte\s*\*\s*(\d+)\s*\^\s*(\d+)$/i.exec(text);
  if (power) return quantity * Number(power[1]) ** Number(power[2]);
  const named: Record<string, number> = { byte: 1, bytes: 1, kilobytes: 1024, kb: 1024, megabytes: 1024 ** 2, mb: 1024 ** 2, gigabytes: 1024 ** 3, gb: 1024 ** 3, terabytes: 1024 ** 4, tb: 1024 ** 4 };
  const factor = named[text.toLowerCase()];
  if (factor === undefined) throw new OvfError(`The OVF uses allocation units Xenith does not know: ${text}.`);
  return quantity * factor;
}

function number(text: string | undefined, what: string): number {
  const value = Number(text?.trim());
  if (!Number.isFinite(value) || value < 0) throw new OvfError(`The OVF's ${what} is not a number (${text ?? 'missing'}).`);
  return value;
}

function formatOf(uri: string | undefined): DiskImageFormat | null {
  const lower = (uri ?? '').toLowerCase();
  if (lower.includes('vmdk')) return 'vmdk';
  if (lower.includes('vhd')) return 'vhd';
  if (lower.includes('raw')) return 'raw';
  return null;
}

/** `ovf:/disk/vmdisk1` or `/disk/vmdisk1` → `vmdisk1`. */
function diskIdOf(hostResource: string): string | null {
  return /(?:^|\/)disk\/([^/]+)$/.exec(hostResource.trim())?.[1] ?? null;
}

function valueOf(item: XmlElement, local: string): string | undefined {
  return childNamed(item, local)?.text.trim();
}

/** The firmware the VM boots with: VMware's `firmware` config, or an OVF 2 / XenServer boot setting naming EFI. */
function firmwareOf(system: XmlElement): 'bios' | 'uefi' {
  for (const config of descendantsNamed(system, 'Config')) {
    if (config.attributes.key === 'firmware' && /efi/i.test(config.attributes.value ?? '')) return 'uefi';
  }
  for (const element of [...descendantsNamed(system, 'FirmwareType'), ...descendantsNamed(system, 'Value')]) if (/^u?efi$/i.test(element.text.trim())) return 'uefi';
  return 'bios';
}

/**
 * Reads an OVF descriptor (DMTF OVF 1.x/2.x as VMware, VirtualBox and XenServer write it): the first virtual
 * system's name, CPUs, memory, firmware, disks (with their files, sizes and formats) and network interfaces.
 */
export function parseOvf(xml: string): OvfVm {
  const envelope = parseXml(xml);
  if (envelope.local !== 'Envelope') throw new OvfError('This is not an OVF descriptor (its root is not an Envelope).');
  const files = new Map<string, { href: string; size: number | null; gzipped: boolean }>();
  for (const file of childrenNamed(childNamed(envelope, 'References'), 'File')) {
    const { id, href, size, compression, chunkSize } = file.attributes;
    if (!id || !href) continue;
    if (chunkSize) throw new OvfError(`The file ${href} is split in chunks; Xenith imports whole files only.`);
    if (href.includes('/') || href.includes('\\') || href === '..' || href === '.') throw new OvfError(`The OVF names a file outside its folder: ${href}.`);
    files.set(id, { href, size: size ? number(size, `size of ${href}`) : null, gzipped: compression === 'gzip' });
  }
  const diskSection = descendantsNamed(envelope, 'DiskSection')[0];
  const disks = new Map<string, Omit<OvfDisk, 'label' | 'position'>>();
  for (const disk of childrenNamed(diskSection, 'Disk')) {
    const { diskId, fileRef, capacity, capacityAllocationUnits, format } = disk.attributes;
    if (!diskId) continue;
    const file = fileRef ? files.get(fileRef) : undefined;
    if (fileRef && !file) throw new OvfError(`The disk ${diskId} refers to a file ${fileRef} the OVF does not list.`);
    disks.set(diskId, {
      diskId,
      href: file?.href ?? null,
      fileSize: file?.size ?? null,
      gzipped: file?.gzipped ?? false,
      capacityBytes: unitsToBytes(number(capacity, `capacity of disk ${diskId}`), capacityAllocationUnits, 'byte'),
      format: formatOf(format),
    });
  }
  const system = descendantsNamed(envelope, 'VirtualSystem')[0];
  if (!system) throw new OvfError('The OVF describes no virtual system.');
  const name = valueOf(system, 'Name') || system.attributes.id || 'Imported VM';
  const description = childNamed(childNamed(system, 'AnnotationSection'), 'Annotation')?.text.trim() ?? '';
  const hardware = childNamed(system, 'VirtualHardwareSection');
  const items = [...childrenNamed(hardware, 'Item'), ...childrenNamed(hardware, 'StorageItem'), ...childrenNamed(hardware, 'EthernetPortItem')];
  let vcpus = 1;
  let memoryBytes = 0;
  const vmDisks: OvfDisk[] = [];
  const nics: OvfNic[] = [];
  for (const item of items) {
    const type = Number(valueOf(item, 'ResourceType'));
    if (type === 3) vcpus = Math.max(1, Math.round(number(valueOf(item, 'VirtualQuantity'), 'CPU count')));
    else if (type === 4) memoryBytes = unitsToBytes(number(valueOf(item, 'VirtualQuantity'), 'memory'), valueOf(item, 'AllocationUnits'), 'MegaBytes');
    else if (type === 10) {
      const connection = valueOf(item, 'Connection');
      if (connection) nics.push({ network: connection, mac: valueOf(item, 'Address') || null });
    } else if (type === 17) {
      const diskId = diskIdOf(valueOf(item, 'HostResource') ?? '');
      const disk = diskId ? disks.get(diskId) : undefined;
      if (!disk) throw new OvfError(`A disk drive of the VM refers to ${valueOf(item, 'HostResource') ?? 'nothing'}, which the OVF does not describe.`);
      vmDisks.push({ ...disk, label: valueOf(item, 'ElementName') || valueOf(item, 'Caption') || disk.diskId, position: Number(valueOf(item, 'AddressOnParent') ?? vmDisks.length) || 0 });
    }
  }
  if (memoryBytes <= 0) throw new OvfError('The OVF gives the VM no memory.');
  const networks = childrenNamed(descendantsNamed(envelope, 'NetworkSection')[0], 'Network').map((network) => ({ name: network.attributes.name ?? '', description: childNamed(network, 'Description')?.text.trim() ?? '' }));
  for (const nic of nics) if (!networks.some((network) => network.name === nic.network)) networks.push({ name: nic.network, description: '' });
  return { name, description, vcpus, memoryBytes, firmware: firmwareOf(system), disks: vmDisks, nics, networks };
}
