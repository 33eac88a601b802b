/** What the New VM wizard has chosen so far (the wizard's whole state, in XAPI units). */
export interface NewVmChoices {
  readonly poolId: string;
  readonly templateId: string | null;
  readonly name: string;
  /** Whether the user typed the name (a later template change then keeps it). */
  readonly nameEdited: boolean;
  readonly description: string;
  /** The ISO VDI for the CD drive, or null for no installation media. */
  readonly isoVdiId: string | null;
  /** The home server (VM.affinity), or null to let the pool choose. */
  readonly homeHostId: string | null;
  readonly vcpus: number;
  /** Static max and dynamic max (the memory the VM boots with). */
  readonly memoryBytes: number;
  /** Dynamic min: how far the pool may balloon the VM down under memory pressure. */
  readonly dynamicMinBytes: number;
  readonly disks: readonly DiskChoice[];
  readonly networks: readonly NetworkChoice[];
  readonly start: boolean;
}

export interface DiskChoice {
  /** Stable identity for the list while rows are added and removed. */
  readonly key: string;
  readonly userdevice: string;
  readonly sizeBytes: number;
  readonly srId: string | null;
}

export interface NetworkChoice {
  readonly key: string;
  readonly device: string;
  readonly networkId: string | null;
}

/** XenCenter's steps, in its order. */
export const newVmSteps = ['template', 'name', 'media', 'homeServer', 'cpuMemory', 'storage', 'networking', 'finish'] as const;
export type NewVmStep = (typeof newVmSteps)[number];

export const stepTitles: Record<NewVmStep, string> = {
  template: 'Template',
  name: 'Name',
  media: 'Installation Media',
  homeServer: 'Home Server',
  cpuMemory: 'CPU & Memory',
  storage: 'Storage',
  networking: 'Networking',
  finish: 'Finish',
};

/** Where the CD drive goes (XenCenter's convention): new disks skip it. */
export const cdUserdevice = '3';

/** The lowest free device number below `limit`, skipping `reserved`; null when every one is taken. */
export function nextFreeDevice(used: readonly string[], limit: number, reserved: readonly string[] = []): string | null {
  const taken = new Set([...used, ...reserved]);
  for (let device = 0; device < limit; device++) if (!taken.has(String(device))) return String(device);
  return null;
}

let nextKey = 0;
/** A new row key (unique for this page's lifetime). */
export function rowKey(prefix: string): string {
  nextKey += 1;
  return `${prefix}-${nextKey}`;
}
