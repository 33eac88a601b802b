import { makeApiError, type ApiError } from '../../shared/api/errors.js';
import { describeXapiFailure } from '../../shared/xapi/error-sentences.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import { describePoolError } from '../pools/xapi-error-sentences.js';
import { assertSamePool, findObject, mirrorNamer, poolClient, quoted, startPoolJob, type ActionDeps } from './action-context.js';

export interface Placement {
  hostId: string;
  canRun: boolean;
  reason: ApiError | null;
}

/** Whether a host is up and enabled, as its mirrored record and metrics say (what XAPI checks first too). */
export function hostAvailability(deps: ActionDeps, host: XapiRecord<'host'>): ApiError | null {
  const metrics = deps.mirror.get(host.metrics, 'host_metrics');
  const namer = mirrorNamer(deps.mirror);
  if (metrics && metrics.live === false) return { ...describeXapiFailure('HOST_NOT_LIVE', []), poolId: host.$pool };
  if (host.enabled === false) return { ...describeXapiFailure('HOST_DISABLED', [host.$id], namer), poolId: host.$pool };
  return null;
}

/** The servers of a pool, by name. */
export function poolHosts(deps: ActionDeps, poolId: string): XapiRecord<'host'>[] {
  return [...deps.mirror.ofType('host', poolId)].sort((a, b) => a.name_label.localeCompare(b.name_label));
}

/**
 * vm.placement: for each server of the VM's pool, whether it can start (halted VM) or take (running VM) the VM,
 * and XAPI's reason when not (VM.assert_can_boot_here: memory, storage, networks, versions).
 */
export async function vmPlacement(deps: ActionDeps, vmId: string): Promise<Placement[]> {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const client = poolClient(deps.pools, vm.$pool);
  const running = vm.power_state === 'Running' || vm.power_state === 'Paused';
  return Promise.all(
    poolHosts(deps, vm.$pool).map(async (host): Promise<Placement> => {
      if (running && vm.resident_on === host.$id) {
        return { hostId: host.$id, canRun: false, reason: makeApiError('VM_ALREADY_ON_SERVER', `The VM is already running on ${quoted(host)}.`, { poolId: host.$pool }) };
      }
      const unavailable = hostAvailability(deps, host);
      if (unavailable) return { hostId: host.$id, canRun: false, reason: unavailable };
      try {
        await client.call('VM.assert_can_boot_here', vm.$id, host.$id);
        return { hostId: host.$id, canRun: true, reason: null };
      } catch (error) {
        return { hostId: host.$id, canRun: false, reason: describePoolError(error, vm.$pool, mirrorNamer(deps.mirror)) };
      }
    }),
  );
}

/** vm.migrate: live migration within the pool (VM.pool_migrate, live=true). */
export function runVmMigrate(deps: ActionDeps, vmId: string, hostId: string): string {
  const vm = findObject(deps.mirror, vmId, 'VM');
  const host = findObject(deps.mirror, hostId, 'host');
  assertSamePool(vm, host);
  return startPoolJob(deps, { poolId: vm.$pool, title: `Migrating VM ${quoted(vm)} to ${quoted(host)}`, action: 'vm.migrate', objectIds: [vm.$id, host.$id], cancellable: true }, async (xapi) => {
    await xapi.task('VM.pool_migrate', [vm.$id, host.$id, { live: 'true' }]);
  });
}
