import type { ImportDescription } from '../../../shared/api/methods/files.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { nameOf, objectsOfType } from '../../store/mirror-read.js';
import { defaultDiskSr, diskSrsOfPool, guestNetworksOfPool, hostsOfPool } from '../dialogs/pool-resources.js';
import type { PickedFile } from '../files/file-transfer.js';

/** The Import wizard's steps, with XenCenter's names. */
export type ImportStep = 'source' | 'location' | 'storage' | 'networking' | 'finish';

/** What the person chose so far. */
export interface ImportChoices {
  file: PickedFile | null;
  /** What file.inspect read from the file (null before, or while it reads). */
  description: ImportDescription | null;
  poolId: string | null;
  /** The VM's home server ('' for none: XenCenter's "Don't assign a home server"). */
  homeHostId: string;
  /** The SR every disk goes to. */
  srId: string | null;
  /** An OVF's disk id → SR, where it differs from srId. */
  storage: Readonly<Record<string, string>>;
  /** Interface id → network of the pool. */
  networks: Readonly<Record<string, string>>;
  start: boolean;
}

export function initialChoices(poolId: string | null): ImportChoices {
  return { file: null, description: null, poolId, homeHostId: '', srId: null, storage: {}, networks: {}, start: false };
}

/** Whether the file is a VM (XVA, OVA, OVF) rather than one disk image. */
export function importsVm(choices: ImportChoices): boolean {
  return choices.description?.format !== 'disk';
}

/** The steps for what is imported: a disk image has no home server to choose nor networks. */
export function importSteps(choices: ImportChoices): ImportStep[] {
  return importsVm(choices) ? ['source', 'location', 'storage', 'networking', 'finish'] : ['source', 'location', 'storage', 'finish'];
}

export function stepTitle(step: ImportStep, choices: ImportChoices): string {
  switch (step) {
    case 'source':
      return 'Import Source';
    case 'location':
      return importsVm(choices) ? 'Home Server' : 'Location';
    case 'storage':
      return 'Storage';
    case 'networking':
      return 'Networking';
    case 'finish':
      return 'Finish';
  }
}

/**
 * The choices for a pool: its default SR (or its first that holds disks), each interface on the pool's network of
 * the same name (else its first guest network), no home server.
 */
export function choicesForPool(mirror: ObjectIndex, choices: ImportChoices, poolId: string): ImportChoices {
  const networks = guestNetworksOfPool(mirror, poolId);
  const fallback = networks[0]?.$id;
  const map: Record<string, string> = {};
  for (const nic of choices.description?.nics ?? []) {
    const same = networks.find((network) => network.name_label === nic.networkName);
    const chosen = same?.$id ?? fallback;
    if (chosen) map[nic.id] = chosen;
  }
  return { ...choices, poolId, homeHostId: '', srId: defaultDiskSr(mirror, poolId, diskSrsOfPool(mirror, poolId)), storage: {}, networks: map };
}

/** What stops a step (null: it is complete). */
export function stepProblem(mirror: ObjectIndex, choices: ImportChoices, step: ImportStep, inBrowser: boolean): string | null {
  switch (step) {
    case 'source': {
      if (!choices.file) return 'Choose a file to import';
      if (!choices.description) return 'Reading the file…';
      if (choices.description.format === 'ovf' && inBrowser) return 'An OVF needs its disk files beside it: import the OVA (one file) from a browser';
      if (choices.description.missingFiles.length > 0) return `The OVF's disk files are not beside it: ${choices.description.missingFiles.join(', ')}`;
      return null;
    }
    case 'location': {
      if (!choices.poolId || objectsOfType(mirror, 'pool', choices.poolId).length === 0) return 'Choose the pool to import into';
      if (choices.homeHostId && !hostsOfPool(mirror, choices.poolId).some((host) => host.$id === choices.homeHostId)) return 'The home server is not in that pool';
      return null;
    }
    case 'storage': {
      if (!choices.poolId) return 'Choose the pool first';
      const srs = diskSrsOfPool(mirror, choices.poolId);
      if (!choices.srId || !srs.some((sr) => sr.id === choices.srId)) return 'Choose a storage repository';
      const needed = (choices.description?.disks ?? []).reduce((sum, disk) => sum + disk.capacityBytes, 0);
      const target = srs.find((sr) => sr.id === choices.srId)!;
      if (Object.keys(choices.storage).length === 0 && needed > target.freeBytes) return `${target.name} has too little free space for the disks`;
      return null;
    }
    case 'networking': {
      const networks = guestNetworksOfPool(mirror, choices.poolId ?? '');
      const missing = (choices.description?.nics ?? []).find((nic) => !networks.some((network) => network.$id === choices.networks[nic.id]));
      return missing ? `Choose a network for interface ${missing.id}` : null;
    }
    case 'finish':
      return null;
  }
}

/** The pool's name, for the summary. */
export function poolName(mirror: ObjectIndex, poolId: string | null): string {
  return poolId ? nameOf(objectsOfType(mirror, 'pool', poolId)[0]) : '';
}
