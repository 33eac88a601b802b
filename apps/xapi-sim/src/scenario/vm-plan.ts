/** Decides each VM's name, OS, size, power state and host before any object exists, so hosts can be sized to fit. */
import { vmMemoryOverhead } from './memory.js';
import { TAG_CHOICES, VmNamer } from './names.js';
import { LINUX_WEIGHTS, OS_CATALOG, WINDOWS_WEIGHTS, type OsInfo } from './os-catalog.js';
import type { Prng } from './prng.js';
import { GiB, MiB } from './seed-builder.js';
import type { Sizing } from './vm-common.js';

export type PowerState = 'Running' | 'Halted' | 'Suspended' | 'Paused';

export interface VmPlan {
  name: string;
  description: string;
  os: OsInfo;
  size: Sizing;
  power: PowerState;
  /** Host index for Running/Paused VMs (filled by placeVms). */
  host?: number;
  dataDisks: number;
  vifs: number;
  tags: string[];
  snapshots: number;
  tools: boolean;
}

const LINUX_MEMORY_GIB: ReadonlyArray<readonly [number, number]> = [[1, 3], [2, 6], [4, 6], [8, 4], [16, 2], [32, 1]];
const WINDOWS_MEMORY_GIB: ReadonlyArray<readonly [number, number]> = [[4, 4], [8, 4], [16, 2], [32, 1]];
const VCPUS: ReadonlyArray<readonly [number, number]> = [[1, 2], [2, 5], [4, 4], [8, 2], [16, 1]];
const POWER: ReadonlyArray<readonly [PowerState, number]> = [['Running', 62], ['Halted', 30], ['Suspended', 5], ['Paused', 3]];

/** Plans `count` VMs in a seed-determined way. */
export function planVms(rng: Prng, count: number): VmPlan[] {
  const namer = new VmNamer(rng);
  const plans: VmPlan[] = [];
  for (let i = 0; i < count; i++) {
    const { name, description, windows } = namer.next();
    const os = OS_CATALOG[rng.weighted(windows ? WINDOWS_WEIGHTS : LINUX_WEIGHTS)]!;
    const memory = rng.weighted(windows ? WINDOWS_MEMORY_GIB : LINUX_MEMORY_GIB) * GiB;
    const vcpus = rng.weighted(VCPUS);
    const ballooning = !windows && memory >= 2 * GiB && rng.chance(0.2);
    const tags: string[] = [];
    if (rng.chance(0.25)) tags.push(rng.pick(TAG_CHOICES));
    if (tags.length && rng.chance(0.3)) {
      const second = rng.pick(TAG_CHOICES);
      if (!tags.includes(second)) tags.push(second);
    }
    plans.push({
      name,
      description,
      os,
      size: {
        memory,
        dynamicMin: ballooning ? memory / 2 : memory,
        vcpus,
        vcpusMax: rng.chance(0.15) ? vcpus * 2 : vcpus,
      },
      power: rng.weighted(POWER),
      dataDisks: rng.weighted([[0, 5], [1, 4], [2, 1]] as const),
      vifs: rng.chance(0.2) ? 2 : 1,
      tags,
      snapshots: rng.chance(0.05) ? rng.int(1, 2) : 0,
      tools: rng.chance(windows ? 0.9 : 0.85),
    });
  }
  // Even a small pool shows at least one snapshot and one VM in each power state when it has room for them.
  if (count >= 4 && !plans.some((p) => p.snapshots > 0)) plans[count - 1]!.snapshots = 1;
  if (count >= 4) {
    const states: PowerState[] = ['Running', 'Halted', 'Suspended', 'Paused'];
    states.forEach((s, i) => {
      if (!plans.some((p) => p.power === s)) plans[i]!.power = s;
    });
  }
  return plans;
}

/** Memory a resident VM takes from its host: its actual memory plus overhead. */
export function residentFootprint(plan: VmPlan): number {
  return plan.size.memory + vmMemoryOverhead(plan.size.memory, plan.size.vcpusMax);
}

/** Assigns Running/Paused VMs to the least-loaded host; returns the memory each host's guests use. */
export function placeVms(plans: VmPlan[], hostCount: number): number[] {
  const used = new Array<number>(hostCount).fill(0);
  for (const plan of plans) {
    if (plan.power !== 'Running' && plan.power !== 'Paused') continue;
    let best = 0;
    for (let h = 1; h < hostCount; h++) if (used[h]! < used[best]!) best = h;
    plan.host = best;
    used[best]! += residentFootprint(plan);
  }
  return used;
}

/** The control domain's memory for a host of a given size (XCP-ng: 1 GiB + 5% of RAM, capped at 8 GiB). */
export function dom0MemoryFor(hostMemory: number): number {
  return Math.min(8 * GiB, Math.ceil((GiB + hostMemory * 0.05) / (256 * MiB)) * 256 * MiB);
}
