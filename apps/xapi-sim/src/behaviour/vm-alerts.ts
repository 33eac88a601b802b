/**
 * Alerts (`message` objects) for VM lifecycle happenings, named and prioritised as xapi's api_messages
 * (VM_STARTED, VM_SHUTDOWN, VM_REBOOTED, VM_SUSPENDED, VM_RESUMED, VM_CRASHED, …), and the crash itself.
 */
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { createAlert } from './message-alerts.js';
import { markRebooted, markStopped } from './vm-runtime-state.js';

const WHAT: Record<string, string> = {
  VM_STARTED: 'started', VM_SHUTDOWN: 'shut down', VM_REBOOTED: 'rebooted', VM_SUSPENDED: 'suspended', VM_RESUMED: 'resumed',
  VM_CRASHED: 'crashed', VM_MIGRATED: 'migrated', VM_CLONED: 'cloned', VM_SNAPSHOTTED: 'snapshotted', VM_CHECKPOINTED: 'checkpointed',
  VM_SNAPSHOT_REVERTED: 'reverted to a snapshot', VM_PAUSED: 'paused', VM_UNPAUSED: 'unpaused',
};

/** Creates the alert `name` about a VM, with xapi's priority for that name. */
export function vmAlert(engine: Engine, vmRef: string, name: string): string | undefined {
  const vm = engine.store.row('VM', vmRef)?.record;
  if (!vm) return undefined;
  const hostRef = vm.resident_on as string;
  const host = hostRef !== NULL_REF ? engine.store.row('host', hostRef)?.record : undefined;
  const where = host ? ` on host: ${String(host.name_label)}` : '';
  return createAlert(engine, { name, cls: 'VM', objUuid: String(vm.uuid), body: `VM '${String(vm.name_label)}' ${WHAT[name] ?? name.toLowerCase()}${where}` });
}

/**
 * A guest crash (control port): VM_CRASHED alert, then actions_after_crash — `restart` reboots the domain,
 * `preserve` leaves it Paused, anything else (destroy) halts it.
 */
export function crashVm(engine: Engine, vmRef: string): Record<string, unknown> {
  const vm = engine.store.get('VM', vmRef);
  if (vm.power_state !== 'Running' && vm.power_state !== 'Paused') fail('VM_BAD_POWER_STATE', vmRef, 'running', String(vm.power_state).toLowerCase());
  vmAlert(engine, vmRef, 'VM_CRASHED');
  const action = String(vm.actions_after_crash);
  if (action.includes('restart')) markRebooted(engine, vmRef);
  else if (action.includes('preserve')) engine.store.update('VM', vmRef, { power_state: 'Paused' });
  else markStopped(engine, vmRef, 'Halted');
  engine.refreshAllowedOperations('VM', vmRef);
  return engine.store.get('VM', vmRef);
}
