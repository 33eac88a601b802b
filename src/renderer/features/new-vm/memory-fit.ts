import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, nameOf, objectOf } from '../../store/mirror-read.js';
import { hostMemory } from '../details/memory-model.js';
import { formatBytes } from '../details/format.js';
import { hostsOfPool } from '../dialogs/pool-resources.js';
import type { NewVmChoices } from './new-vm-choices.js';

/** A server that can take a VM now: live and not disabled (maintenance mode). */
function canTakeVms(index: ObjectIndex, host: XapiRecord<'host'>): boolean {
  return host.enabled !== false && follow(index, host.metrics)?.live !== false;
}

/** The server with the most free memory that can take a VM now, or null when none can (or none is known). */
export function roomiestHost(index: ObjectIndex, poolId: string): { host: XapiRecord<'host'>; free: number } | null {
  let best: { host: XapiRecord<'host'>; free: number } | null = null;
  for (const host of hostsOfPool(index, poolId)) {
    if (!canTakeVms(index, host)) continue;
    const { free, total } = hostMemory(index, host);
    if (total > 0 && (best === null || free > best.free)) best = { host, free };
  }
  return best;
}

/**
 * A warning (the VM is still made) when no server has the memory the new VM asks for free now, or its home server
 * does not: it would be created and then fail to start with HOST_NOT_ENOUGH_FREE_MEMORY. Null when it fits or
 * the pool's memory is not known yet.
 */
export function memoryWarning(index: ObjectIndex, choices: NewVmChoices): string | null {
  const needed = choices.memoryBytes;
  if (!Number.isFinite(needed) || needed <= 0) return null;
  const home = objectOf(index, 'host', choices.homeHostId);
  if (home) {
    const { free, total } = hostMemory(index, home);
    if (total > 0 && free < needed) {
      return `The home server ${nameOf(home)} has ${formatBytes(free)} free; this VM needs ${formatBytes(needed)}. The VM can be created, but it will not start there until memory is freed.`;
    }
    return null;
  }
  const best = roomiestHost(index, choices.poolId);
  if (!best || best.free >= needed) return null;
  return `No server of this pool has ${formatBytes(needed)} free now (the most is ${formatBytes(best.free)}, on ${nameOf(best.host)}). The VM can be created, but it will not start until memory is freed.`;
}
