import { hostname } from 'node:os';
import { updateHistoryKey, type UpdateFamily } from '../../shared/api/update-schema.js';
import { appendUpdateHistory } from '../../shared/util/host-updates.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { JobXapi } from '../jobs/job-xapi.js';
import type { PoolManager } from '../pools/pool-manager.js';

/** Who installs, as the history names it: the pool user, and that it was Xenith on this computer. */
export function updatedBy(pools: PoolManager, poolId: string): string {
  const user = pools.list().find((pool) => pool.poolId === poolId)?.user ?? 'unknown user';
  return `${user} via Xenith on ${hostname()}`;
}

/**
 * Adds one line to a host's update history in the pool's own database (other_config under `xenith:update-history`,
 * newest kept), so every client and a reinstalled Xenith see what was applied, when and by whom. XCP-ng's plugin
 * keeps no history of its own. The other_config is read fresh from the pool, not the mirror, so two installs in a
 * row never drop each other's line.
 */
export async function recordUpdateHistory(
  xapi: JobXapi,
  hostRef: string,
  entry: { by: string; family: UpdateFamily; updates: readonly string[]; rebootNeeded: boolean },
): Promise<void> {
  const otherConfig = await xapi.call<Record<string, string>>('host.get_other_config', hostRef);
  const value = appendUpdateHistory(otherConfig ?? {}, { at: new Date().toISOString(), by: entry.by, family: entry.family, updates: [...entry.updates], rebootNeeded: entry.rebootNeeded });
  await xapi.call('host.remove_from_other_config', hostRef, updateHistoryKey);
  await xapi.call('host.add_to_other_config', hostRef, updateHistoryKey, value);
}

/**
 * Marks an XCP-ng host as waiting for a reboot the way Xen Orchestra reads it (and Xenith's Updates tab):
 * rpm_patch_installation_time after boot_time.
 */
export async function markXcpRebootNeeded(xapi: JobXapi, hostRef: string): Promise<void> {
  await xapi.call('host.remove_from_other_config', hostRef, 'rpm_patch_installation_time');
  await xapi.call('host.add_to_other_config', hostRef, 'rpm_patch_installation_time', String(Date.now() / 1000));
}

/** The mirror's host name for sentences and history. */
export function hostLabel(mirror: ObjectMirror, hostRef: string): string {
  const host = mirror.get(hostRef, 'host');
  return host?.name_label || hostRef;
}
