import type { ObjectIndex } from '../../store/apply-delta.js';
import { formatBytes } from '../details/format.js';
import { MiB } from './byte-units.js';
import { diskSrsOfPool, guestNetworksOfPool, largestHostMemory } from '../dialogs/pool-resources.js';
import { nameOf, objectOf } from '../../store/mirror-read.js';
import { newVmSteps, type NewVmChoices, type NewVmStep } from './new-vm-choices.js';
import { templateLimits, type TemplateLimits } from './template-limits.js';

/** The limits of the chosen template in its pool, or null before a template is chosen. */
export function limitsFor(index: ObjectIndex, choices: NewVmChoices): TemplateLimits | null {
  const template = objectOf(index, 'VM', choices.templateId);
  return template ? templateLimits(template, largestHostMemory(index, choices.poolId)) : null;
}

function cpuMemoryProblem(choices: NewVmChoices, limits: TemplateLimits): string | null {
  const { vcpus, memoryBytes, dynamicMinBytes } = choices;
  if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > limits.maxVcpus) return `Choose between 1 and ${limits.maxVcpus} vCPUs`;
  const range = `${formatBytes(limits.minMemoryBytes)} and ${formatBytes(limits.maxMemoryBytes)}`;
  if (!Number.isFinite(memoryBytes) || memoryBytes < limits.minMemoryBytes || memoryBytes > limits.maxMemoryBytes) return `Choose memory between ${range}`;
  if (memoryBytes % MiB !== 0) return 'Memory must be a whole number of MiB';
  if (!Number.isFinite(dynamicMinBytes) || dynamicMinBytes < limits.minMemoryBytes || dynamicMinBytes > memoryBytes) {
    return `The dynamic minimum must be between ${formatBytes(limits.minMemoryBytes)} and the memory (${formatBytes(memoryBytes)})`;
  }
  if (dynamicMinBytes % MiB !== 0) return 'The dynamic minimum must be a whole number of MiB';
  return null;
}

/** Disks: sizes, SRs chosen, room on each SR, and SRs a single server can reach together (local SRs). */
function storageProblem(index: ObjectIndex, choices: NewVmChoices, limits: TemplateLimits): string | null {
  if (choices.disks.length > limits.maxDisks) return `This template allows at most ${limits.maxDisks} disks`;
  const srChoices = new Map(diskSrsOfPool(index, choices.poolId).map((choice) => [choice.id, choice]));
  const needed = new Map<string, number>();
  const localHosts = new Set<string>();
  for (const disk of choices.disks) {
    if (!Number.isSafeInteger(disk.sizeBytes) || disk.sizeBytes <= 0) return `Enter a size for disk ${disk.userdevice}`;
    const sr = disk.srId ? srChoices.get(disk.srId) : undefined;
    if (!sr) return `Choose an SR for disk ${disk.userdevice}`;
    needed.set(sr.id, (needed.get(sr.id) ?? 0) + disk.sizeBytes);
    if (sr.hostId) localHosts.add(sr.hostId);
  }
  for (const [srId, bytes] of needed) {
    const sr = srChoices.get(srId)!;
    if (bytes > sr.freeBytes) return `${sr.name} has ${formatBytes(sr.freeBytes)} free; these disks need ${formatBytes(bytes)}`;
  }
  if (localHosts.size > 1) return 'Disks on the local storage of different servers: no server could run this VM';
  const [localHost] = localHosts;
  if (localHost && choices.homeHostId && choices.homeHostId !== localHost) {
    return `The home server ${nameOf(index.objects.get(choices.homeHostId))} cannot reach the local storage of ${nameOf(index.objects.get(localHost))}`;
  }
  return null;
}

function networkingProblem(index: ObjectIndex, choices: NewVmChoices, limits: TemplateLimits): string | null {
  if (choices.networks.length > limits.maxVifs) return `This template allows at most ${limits.maxVifs} network interfaces`;
  const usable = new Set(guestNetworksOfPool(index, choices.poolId).map((network) => network.$id));
  const missing = choices.networks.find((vif) => !vif.networkId || !usable.has(vif.networkId));
  return missing ? `Choose a network for interface ${missing.device}` : null;
}

/**
 * Why the wizard cannot leave a step yet (Next is disabled and this sentence says why), or null when it can.
 * Finish checks every step, so Create Now is only offered for a complete request.
 */
export function stepProblem(index: ObjectIndex, choices: NewVmChoices, step: NewVmStep): string | null {
  if (step === 'finish') {
    for (const earlier of newVmSteps) {
      if (earlier === 'finish') continue;
      const problem = stepProblem(index, choices, earlier);
      if (problem) return problem;
    }
    return null;
  }
  if (step === 'template') return choices.templateId && index.objects.has(choices.templateId) ? null : 'Choose a template';
  const limits = limitsFor(index, choices);
  if (!limits) return 'Choose a template';
  switch (step) {
    case 'name':
      if (choices.name.trim() === '') return 'Enter a name for the new VM';
      return choices.name.trim().length > 255 ? 'The name is longer than 255 characters' : null;
    case 'media':
      return choices.isoVdiId === null || index.objects.has(choices.isoVdiId) ? null : 'Choose an ISO image';
    case 'homeServer':
      return choices.homeHostId === null || index.objects.has(choices.homeHostId) ? null : 'Choose a server';
    case 'cpuMemory':
      return cpuMemoryProblem(choices, limits);
    case 'storage':
      return storageProblem(index, choices, limits);
    case 'networking':
      return networkingProblem(index, choices, limits);
  }
}
