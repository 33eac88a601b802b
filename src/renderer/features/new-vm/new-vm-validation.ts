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

/** One invalid field of a step: its key (`name`, `memory`, `disk-size:<row key>`…) and what to fix, shown beside it. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}

function cpuMemoryProblems(choices: NewVmChoices, limits: TemplateLimits): FieldProblem[] {
  const { vcpus, memoryBytes, dynamicMinBytes } = choices;
  const problems: FieldProblem[] = [];
  if (!Number.isInteger(vcpus) || vcpus < 1 || vcpus > limits.maxVcpus) problems.push({ field: 'vcpus', message: `Choose between 1 and ${limits.maxVcpus} vCPUs` });
  const range = `${formatBytes(limits.minMemoryBytes)} and ${formatBytes(limits.maxMemoryBytes)}`;
  const memoryValid = Number.isFinite(memoryBytes) && memoryBytes >= limits.minMemoryBytes && memoryBytes <= limits.maxMemoryBytes;
  if (!memoryValid) problems.push({ field: 'memory', message: `Choose memory between ${range}` });
  else if (memoryBytes % MiB !== 0) problems.push({ field: 'memory', message: 'Memory must be a whole number of MiB' });
  if (!Number.isFinite(dynamicMinBytes) || dynamicMinBytes < limits.minMemoryBytes || (Number.isFinite(memoryBytes) && dynamicMinBytes > memoryBytes)) {
    const upTo = Number.isFinite(memoryBytes) ? `the memory (${formatBytes(memoryBytes)})` : 'the memory';
    problems.push({ field: 'dynamicMin', message: `The dynamic minimum must be between ${formatBytes(limits.minMemoryBytes)} and ${upTo}` });
  } else if (dynamicMinBytes % MiB !== 0) problems.push({ field: 'dynamicMin', message: 'The dynamic minimum must be a whole number of MiB' });
  return problems;
}

/** Disks: sizes, SRs chosen, room on each SR, and SRs a single server can reach together (local SRs). */
function storageProblems(index: ObjectIndex, choices: NewVmChoices, limits: TemplateLimits): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (choices.disks.length > limits.maxDisks) problems.push({ field: 'disks', message: `This template allows at most ${limits.maxDisks} disks` });
  const srChoices = new Map(diskSrsOfPool(index, choices.poolId).map((choice) => [choice.id, choice]));
  const needed = new Map<string, number>();
  const localHosts = new Set<string>();
  for (const disk of choices.disks) {
    const sized = Number.isSafeInteger(disk.sizeBytes) && disk.sizeBytes > 0;
    if (!sized) problems.push({ field: `disk-size:${disk.key}`, message: `Enter a size for disk ${disk.userdevice}` });
    const sr = disk.srId ? srChoices.get(disk.srId) : undefined;
    if (!sr) {
      problems.push({ field: `disk-sr:${disk.key}`, message: `Choose an SR for disk ${disk.userdevice}` });
      continue;
    }
    if (sized) needed.set(sr.id, (needed.get(sr.id) ?? 0) + disk.sizeBytes);
    if (sr.hostId) localHosts.add(sr.hostId);
  }
  for (const [srId, bytes] of needed) {
    const sr = srChoices.get(srId)!;
    if (bytes <= sr.freeBytes) continue;
    const message = `${sr.name} has ${formatBytes(sr.freeBytes)} free; these disks need ${formatBytes(bytes)}`;
    for (const disk of choices.disks) if (disk.srId === srId) problems.push({ field: `disk-sr:${disk.key}`, message });
  }
  if (localHosts.size > 1) problems.push({ field: 'disks', message: 'Disks on the local storage of different servers: no server could run this VM' });
  const [localHost] = localHosts;
  if (localHosts.size === 1 && localHost && choices.homeHostId && choices.homeHostId !== localHost) {
    problems.push({ field: 'disks', message: `The home server ${nameOf(index.objects.get(choices.homeHostId))} cannot reach the local storage of ${nameOf(index.objects.get(localHost))}` });
  }
  return problems;
}

function networkingProblems(index: ObjectIndex, choices: NewVmChoices, limits: TemplateLimits): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (choices.networks.length > limits.maxVifs) problems.push({ field: 'vifs', message: `This template allows at most ${limits.maxVifs} network interfaces` });
  const usable = new Set(guestNetworksOfPool(index, choices.poolId).map((network) => network.$id));
  for (const vif of choices.networks) {
    if (!vif.networkId || !usable.has(vif.networkId)) problems.push({ field: `network:${vif.key}`, message: `Choose a network for interface ${vif.device}` });
  }
  return problems;
}

/**
 * Every invalid field of a step at once, each with the sentence shown beside it (empty when the step is valid).
 * Finish gathers every earlier step's, so Create Now is only offered for a complete request.
 */
export function stepProblems(index: ObjectIndex, choices: NewVmChoices, step: NewVmStep): FieldProblem[] {
  if (step === 'finish') return newVmSteps.filter((earlier) => earlier !== 'finish').flatMap((earlier) => stepProblems(index, choices, earlier));
  if (step === 'template') return choices.templateId && index.objects.has(choices.templateId) ? [] : [{ field: 'template', message: 'Choose a template' }];
  const limits = limitsFor(index, choices);
  if (!limits) return [{ field: 'template', message: 'Choose a template' }];
  switch (step) {
    case 'name':
      if (choices.name.trim() === '') return [{ field: 'name', message: 'Enter a name for the new VM' }];
      return choices.name.trim().length > 255 ? [{ field: 'name', message: 'The name is longer than 255 characters' }] : [];
    case 'media':
      return choices.isoVdiId === null || index.objects.has(choices.isoVdiId) ? [] : [{ field: 'iso', message: 'Choose an ISO image' }];
    case 'homeServer':
      return choices.homeHostId === null || index.objects.has(choices.homeHostId) ? [] : [{ field: 'home', message: 'Choose a server' }];
    case 'cpuMemory':
      return cpuMemoryProblems(choices, limits);
    case 'storage':
      return storageProblems(index, choices, limits);
    case 'networking':
      return networkingProblems(index, choices, limits);
  }
}

/** Why the wizard cannot leave a step yet (Next is disabled and this sentence says why), or null when it can. */
export function stepProblem(index: ObjectIndex, choices: NewVmChoices, step: NewVmStep): string | null {
  return stepProblems(index, choices, step)[0]?.message ?? null;
}
