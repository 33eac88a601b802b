import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { formatBytes } from '../details/format.js';
import { hostMemory } from '../details/memory-model.js';

/** What a server has to give, as host pickers show it next to its name (XenCenter's "free memory, CPUs"). */
export interface HostCapacity {
  readonly freeMemory: number;
  readonly totalMemory: number;
  /** Physical CPUs (threads), or 0 when the server does not say. */
  readonly cpus: number;
}

/** Free memory as the Memory tab counts it, and the CPU count from cpu_info (or the host_cpu objects). */
export function hostCapacity(index: ObjectIndex, host: XapiRecord<'host'>): HostCapacity {
  const memory = hostMemory(index, host);
  const cpus = Number(host.cpu_info.cpu_count) || host.host_CPUs.length;
  return { freeMemory: memory.free, totalMemory: memory.total, cpus };
}

/** "12.0 GiB free of 64.0 GiB, 16 CPUs" (the parts the server reports). */
export function capacityText(capacity: HostCapacity): string {
  const parts: string[] = [];
  if (capacity.totalMemory > 0) parts.push(`${formatBytes(capacity.freeMemory)} free of ${formatBytes(capacity.totalMemory)}`);
  if (capacity.cpus > 0) parts.push(`${capacity.cpus} CPU${capacity.cpus === 1 ? '' : 's'}`);
  return parts.join(', ');
}
