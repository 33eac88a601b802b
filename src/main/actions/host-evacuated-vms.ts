import { evacuatedKeys, evacuatedKinds, evacuatedVmsOf, type EvacuatedKind } from '../../shared/xapi/evacuated-vms.js';
import type { XapiRecord } from '../../shared/xapi/objects.js';
import type { JobXapi, ProgressSpan } from '../jobs/job-xapi.js';
import { describeJobError, quoted, type ActionDeps } from './action-context.js';
import { runningGuests } from './host-power.js';
import { replaceMapKey } from './property-step.js';
import { combinedFailure, type StepFailure } from './step-failures.js';

/**
 * Notes, before evacuating, the guests that will migrate and the ones the person shut down or suspended from the
 * Enter Maintenance Mode dialog (by their power state now).
 */
export async function saveEvacuatedVms(deps: ActionDeps, xapi: JobXapi, host: XapiRecord<'host'>, stoppedVmIds: readonly string[]): Promise<void> {
  const lists: Record<EvacuatedKind, string[]> = { migrated: runningGuests(deps, host.$id).map((vm) => vm.uuid), suspended: [], halted: [] };
  for (const id of stoppedVmIds) {
    const vm = deps.mirror.get(id, 'VM');
    if (vm?.power_state === 'Suspended') lists.suspended.push(vm.uuid);
    if (vm?.power_state === 'Halted') lists.halted.push(vm.uuid);
  }
  for (const kind of evacuatedKinds) {
    await replaceMapKey(xapi, 'host', host.$id, 'other_config', evacuatedKeys[kind], lists[kind].length > 0 ? lists[kind].join(',') : null);
  }
}

/** Forgets the lists (after putting the VMs back, or when the person chose not to). */
export async function clearEvacuatedVms(xapi: JobXapi, host: XapiRecord<'host'>): Promise<void> {
  for (const key of Object.values(evacuatedKeys)) await xapi.call('host.remove_from_other_config', host.$id, key);
}

/** The VMs of each list that can be put back now. */
export function evacuatedVms(deps: ActionDeps, host: XapiRecord<'host'>): Record<EvacuatedKind, XapiRecord<'VM'>[]> {
  const byUuid = new Map([...deps.mirror.ofType('VM', host.$pool)].map((vm) => [vm.uuid, vm]));
  return evacuatedVmsOf(host, (uuid) => byUuid.get(uuid));
}

/**
 * Puts the VMs back on the server, each on its own (a VM that cannot come back is reported with XAPI's code and
 * the others still move), then forgets the lists.
 */
export async function restoreEvacuatedVms(deps: ActionDeps, xapi: JobXapi, host: XapiRecord<'host'>, [from, to]: ProgressSpan): Promise<void> {
  const lists = evacuatedVms(deps, host);
  const moves: { label: string; method: string; args: unknown[] }[] = [
    ...lists.migrated.map((vm) => ({ label: `Migrating ${quoted(vm)} back`, method: 'VM.pool_migrate', args: [vm.$id, host.$id, { live: 'true' }] })),
    ...lists.suspended.map((vm) => ({ label: `Resuming ${quoted(vm)}`, method: 'VM.resume_on', args: [vm.$id, host.$id, false, false] })),
    ...lists.halted.map((vm) => ({ label: `Starting ${quoted(vm)}`, method: 'VM.start_on', args: [vm.$id, host.$id, false, false] })),
  ];
  const describe = describeJobError(deps.mirror);
  const failures: StepFailure[] = [];
  const share = (to - from) / Math.max(1, moves.length);
  for (const [index, move] of moves.entries()) {
    try {
      await xapi.task(move.method, move.args, [from + index * share, from + (index + 1) * share]);
    } catch (error) {
      failures.push({ label: move.label, error: describe(error, host.$pool) });
    }
  }
  await clearEvacuatedVms(xapi, host);
  if (failures.length > 0) throw combinedFailure(failures, moves.length, 'VMs were not put back');
}
