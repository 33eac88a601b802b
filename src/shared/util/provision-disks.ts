import { elementAttributes } from './xml-attributes.js';

/**
 * A template's provisioning spec, `other_config.disks`:
 * `<provision><disk device="0" size="…" sr="<SR uuid or empty>" bootable="true" type="system"/></provision>`.
 * VM.provision creates these disks on the VM cloned from the template. XenCenter's New VM wizard, and Xenith's,
 * shows them as the new VM's disks and writes the chosen sizes and SRs back into the clone's spec before provisioning.
 */

/** The VDI types XAPI's provisioner accepts (xapi_templates.ml); any other value there means `system`. */
export const provisionVdiTypes = ['system', 'user', 'ephemeral', 'suspend', 'crashdump'] as const;
export type ProvisionVdiType = (typeof provisionVdiTypes)[number];

/** One disk of a provisioning spec. */
export interface ProvisionDisk {
  /** The VBD's userdevice (0 is the boot disk). */
  readonly device: string;
  readonly sizeBytes: number;
  /** The SR's UUID, or '' where the template leaves the choice to whoever provisions (the pool's default SR). */
  readonly srUuid: string;
  readonly bootable: boolean;
  readonly type: ProvisionVdiType;
}

/** XAPI userdevices are small numbers (0–15 for HVM guests, a little more for PV). */
const userdevice = /^\d{1,2}$/;
const decimal = /^\d+$/;

function vdiType(value: string | undefined): ProvisionVdiType {
  return provisionVdiTypes.find((type) => type === value) ?? 'system';
}

/**
 * Reads a provisioning spec. A disk without a usable device number or a positive whole size is skipped (XAPI
 * would refuse the whole spec for it), as is a second disk on a device already taken; the result is in device
 * order. A missing or empty spec has no disks.
 */
export function parseProvisionDisks(xml: unknown): ProvisionDisk[] {
  if (typeof xml !== 'string' || xml.trim() === '') return [];
  const disks = new Map<string, ProvisionDisk>();
  for (const attributes of elementAttributes(xml, 'disk')) {
    const device = attributes.device ?? '';
    const size = attributes.size ?? '';
    const sizeBytes = Number(size);
    if (!userdevice.test(device) || !decimal.test(size) || !Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) continue;
    const key = String(Number(device));
    if (disks.has(key)) continue;
    disks.set(key, {
      device: key,
      sizeBytes,
      srUuid: attributes.sr ?? '',
      bootable: attributes.bootable === 'true',
      type: vdiType(attributes.type),
    });
  }
  return [...disks.values()].sort((a, b) => Number(a.device) - Number(b.device));
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Writes a provisioning spec XAPI accepts: a `<provision>` of `<disk>` elements with the five attributes its
 * provisioner reads, each always present (it refuses a disk that lacks `sr` or `bootable`).
 */
export function formatProvisionDisks(disks: readonly ProvisionDisk[]): string {
  const elements = disks.map((disk) => {
    const attributes: [string, string][] = [
      ['device', disk.device], ['size', String(disk.sizeBytes)], ['sr', disk.srUuid], ['bootable', String(disk.bootable)], ['type', disk.type],
    ];
    return `<disk ${attributes.map(([name, value]) => `${name}="${escapeAttribute(value)}"`).join(' ')}/>`;
  });
  return `<provision>${elements.join('')}</provision>`;
}
