import { elementAttributes } from './xml-attributes.js';

/** One disk a template asks the New VM wizard to create (from its `other_config.disks` provisioning XML). */
export interface ProvisionDisk {
  /** The userdevice (0 is the boot disk). */
  readonly device: string;
  readonly sizeBytes: number;
  /** The SR's UUID the template names, or '' for the pool's default SR. */
  readonly srUuid: string;
  readonly bootable: boolean;
  /** XAPI's VDI type, `system` for an OS disk. */
  readonly type: string;
}

/**
 * Parses `<provision><disk device="0" size="…" sr="" bootable="true" type="system"/></provision>`. Disks without
 * a usable device number or a positive size are skipped (XAPI would refuse them too); the list is in device order.
 */
export function parseProvisionDisks(xml: unknown): ProvisionDisk[] {
  if (typeof xml !== 'string' || xml.trim() === '') return [];
  const disks: ProvisionDisk[] = [];
  for (const attributes of elementAttributes(xml, 'disk')) {
    const device = attributes.device ?? '';
    const sizeBytes = Number(attributes.size);
    if (!/^\d{1,2}$/.test(device) || !Number.isSafeInteger(sizeBytes) || sizeBytes <= 0) continue;
    disks.push({
      device,
      sizeBytes,
      srUuid: attributes.sr ?? '',
      bootable: attributes.bootable === 'true',
      type: attributes.type ?? 'system',
    });
  }
  return disks.sort((a, b) => Number(a.device) - Number(b.device));
}
