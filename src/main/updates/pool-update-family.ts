import type { UpdateFamily } from '../../shared/api/update-schema.js';
import { updateFamilyOf } from '../../shared/util/host-updates.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';

/** A pool as updating sees it: its record, its master, its hosts (master first) and the family of updates it takes. */
export interface PoolForUpdates {
  pool: XapiRecord<'pool'>;
  master: XapiRecord<'host'>;
  /** Every host, master first (updates go master first: members may not run newer software than the master). */
  hosts: XapiRecord<'host'>[];
  family: UpdateFamily;
}

/** The pool's update facts from the mirror, or NOT_FOUND when it is not mirrored (not connected). */
export function poolForUpdates(mirror: ObjectMirror, poolId: string): PoolForUpdates {
  const [pool] = mirror.ofType('pool', poolId);
  const master = pool ? mirror.get(pool.master, 'host') : undefined;
  if (!pool || !master) throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it and try again.', { poolId });
  const others = [...mirror.ofType('host', poolId)].filter((host) => host.$id !== master.$id).sort((a, b) => a.name_label.localeCompare(b.name_label));
  return { pool, master, hosts: [master, ...others], family: updateFamilyOf(master.software_version) };
}

/** The chosen hosts in update order (master first), refusing any that is not in the pool. */
export function hostsInOrder(facts: PoolForUpdates, hostIds: readonly string[] | undefined): XapiRecord<'host'>[] {
  if (!hostIds) return facts.hosts;
  const known = new Set(facts.hosts.map((host) => host.$id));
  const stranger = hostIds.find((id) => !known.has(id));
  if (stranger) throw new ApiFailure('NOT_FOUND', `There is no server ${stranger} in this pool.`, { params: [stranger] });
  const wanted = new Set(hostIds);
  return facts.hosts.filter((host) => wanted.has(host.$id));
}
