/**
 * A template's `other_config.disks`: `<provision><disk device="0" size="…" sr="<SR uuid or empty>" bootable="true"
 * type="system"/></provision>`. VM.provision creates these disks; XenCenter's New VM wizard edits the sizes and SRs
 * here before provisioning, and so does Xenith.
 */

/** One `<disk>` element's attributes, in their original order (unknown ones, like `ie`, are kept). */
export type ProvisionDisk = Record<string, string>;

function unescape(value: string): string {
  return value.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function escape(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function parseProvisionDisks(xml: string): ProvisionDisk[] {
  const disks: ProvisionDisk[] = [];
  for (const element of xml.matchAll(/<disk\b([^>]*?)\/?>/g)) {
    const disk: ProvisionDisk = {};
    for (const attribute of (element[1] ?? '').matchAll(/([\w-]+)\s*=\s*"([^"]*)"/g)) disk[attribute[1]!] = unescape(attribute[2]!);
    disks.push(disk);
  }
  return disks;
}

export function formatProvisionDisks(disks: readonly ProvisionDisk[]): string {
  const elements = disks.map((disk) => `<disk ${Object.entries(disk).map(([key, value]) => `${key}="${escape(value)}"`).join(' ')}/>`);
  return `<provision>${elements.join('')}</provision>`;
}
