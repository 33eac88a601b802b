/** Memory arithmetic shared by planning and object creation, so "fits on its host" means one thing. */
import { GiB, MiB } from './seed-builder.js';

/** XAPI's per-VM overhead estimate: shadow/page tables scale with memory, plus a little per vCPU. */
export function vmMemoryOverhead(memoryStaticMax: number, vcpus: number): number {
  return Math.ceil(memoryStaticMax / 128 / MiB) * MiB + vcpus * MiB + 4 * MiB;
}

/** Host sizes a server really ships with, in GiB. */
const HOST_SIZES_GIB = [64, 96, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096];

/** The smallest realistic host memory size that holds `used` bytes with ~15% headroom, at least `minimum`. */
export function hostMemoryFor(used: number, minimum: number): number {
  const need = Math.max(used * 1.15, minimum);
  for (const g of HOST_SIZES_GIB) if (g * GiB >= need) return g * GiB;
  return Math.ceil(need / (1024 * GiB)) * 1024 * GiB;
}
