/**
 * xapi's evacuation plan (compute_evacuation_plan_no_wlb): for every non-control-domain VM resident on a host,
 * either a target host or the error that keeps it there — NO_HOSTS_AVAILABLE [vm] when no other host is enabled,
 * the VM's own pool_migrate error, assert_can_boot_here failures on any candidate (VM_REQUIRES_SR …), and
 * HOST_NOT_ENOUGH_FREE_MEMORY [vm] for what a memory bin-packing cannot place (xapi's parameters, not the
 * documented ones).
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { hostFreeMemory, vmMemoryNeed } from './host-memory.js';
import { assertCanBootHere, hostUsable } from './vm-placement.js';

export type EvacuationPlan = Map<string, { host: string } | { error: string[] }>;

/** Non-control-domain VMs resident on a host. */
export function residentGuests(engine: Engine, hostRef: string): string[] {
  return (engine.store.get('host', hostRef).resident_VMs as string[]).filter((vm) => engine.store.row('VM', vm)?.record.is_control_domain === false);
}

function errorOf(fn: () => void): string[] | undefined {
  try {
    fn();
    return undefined;
  } catch (e) {
    if (e instanceof XapiError) return e.description;
    throw e;
  }
}

export function computeEvacuationPlan(engine: Engine, hostRef: string): EvacuationPlan {
  const { store } = engine;
  store.get('host', hostRef);
  const plan: EvacuationPlan = new Map();
  const guests = residentGuests(engine, hostRef);
  const targets = store.refs('host').filter((h) => h !== hostRef && hostUsable(engine, h) === 'ok');
  if (targets.length === 0) {
    for (const vm of guests) plan.set(vm, { error: ['NO_HOSTS_AVAILABLE', vm] });
    return plan;
  }
  const movable: string[] = [];
  for (const vm of guests) {
    const rec = store.get('VM', vm);
    const busy = Object.entries(rec.current_operations as Record<string, string>)[0];
    let err: string[] | undefined;
    if (busy) err = ['OTHER_OPERATION_IN_PROGRESS', 'VM', vm, busy[1], busy[0]];
    else if (rec.power_state !== 'Running') err = ['VM_BAD_POWER_STATE', vm, 'running', String(rec.power_state).toLowerCase()];
    else for (const h of targets) if ((err = errorOf(() => assertCanBootHere(engine, vm, h, { memory: false })))) break;
    if (err) plan.set(vm, { error: err });
    else movable.push(vm);
  }
  // Memory bin-packing, biggest VMs first, each on the target with most room left.
  const room = new Map(targets.map((h) => [h, hostFreeMemory(engine, h)]));
  movable.sort((a, b) => vmMemoryNeed(store.get('VM', b)) - vmMemoryNeed(store.get('VM', a)));
  for (const vm of movable) {
    const need = vmMemoryNeed(store.get('VM', vm));
    const best = [...room].filter(([, free]) => free >= need).sort((a, b) => b[1] - a[1])[0];
    if (!best) {
      plan.set(vm, { error: ['HOST_NOT_ENOUGH_FREE_MEMORY', vm] });
      continue;
    }
    room.set(best[0], best[1] - need);
    plan.set(vm, { host: best[0] });
  }
  return plan;
}

/** host.get_vms_which_prevent_evacuation: VM → [code, ...params]. */
export function vmsPreventingEvacuation(plan: EvacuationPlan): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [vm, p] of plan) if ('error' in p) out[vm] = p.error;
  return out;
}

/** host.assert_can_evacuate's "Miami style" encoding: one param, `code,p1,p2|code,p1…`. */
export function cannotEvacuateParam(plan: EvacuationPlan): string | undefined {
  const errors = Object.values(vmsPreventingEvacuation(plan)).map((e) => e.join(','));
  return errors.length > 0 ? errors.join('|') : undefined;
}
