/**
 * Recovering from a dead host: VM.power_state_reset (database-only halt), host.declare_dead (its guests reset,
 * the host disabled) and host.destroy (the host's records go, as xapi's DB GC removes what pointed at it).
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { residentGuests } from './host-evacuation.js';
import { hostIsLive } from './vm-placement.js';
import { markStopped } from './vm-runtime-state.js';

/** VM.power_state_reset: Halted in the database; refused for a domain still alive on a live host. */
export function powerStateReset(engine: Engine, vmRef: string): void {
  const vm = engine.store.get('VM', vmRef);
  if (vm.is_control_domain) fail('OPERATION_NOT_ALLOWED', 'This operation is not allowed on the control domain');
  const host = vm.resident_on as string;
  const live = vm.power_state === 'Running' || vm.power_state === 'Paused';
  if (live && host !== NULL_REF && engine.store.has('host', host) && hostIsLive(engine, host)) {
    fail('VM_BAD_POWER_STATE', vmRef, 'halted', String(vm.power_state).toLowerCase());
  }
  if (vm.power_state !== 'Halted') markStopped(engine, vmRef, 'Halted');
  if (Object.keys(engine.store.get('VM', vmRef).current_operations as object).length > 0) engine.store.update('VM', vmRef, { current_operations: {} });
  engine.refreshAllowedOperations('VM', vmRef);
}

function assertDead(ctx: CallContext, hostRef: string): void {
  ctx.engine.store.get('host', hostRef);
  if (hostIsLive(ctx.engine, hostRef) || hostRef === ctx.engine.masterRef) fail('HOST_IS_LIVE', hostRef);
}

export function registerHostFailure(engine: Engine): void {
  const r = engine.registry;
  r.implement('VM', 'power_state_reset', ({ engine: e }, [vm]) => {
    powerStateReset(e, String(vm));
    return '';
  });
  r.implement('host', 'declare_dead', (ctx, [host]) => {
    const ref = String(host);
    assertDead(ctx, ref);
    for (const vm of residentGuests(ctx.engine, ref)) powerStateReset(ctx.engine, vm);
    ctx.engine.store.update('host', ref, { enabled: false });
    return '';
  });
  r.implement('host', 'destroy', (ctx, [self]) => {
    const ref = String(self);
    assertDead(ctx, ref);
    const { store } = ctx.engine;
    if (residentGuests(ctx.engine, ref).length > 0) fail('HOST_HAS_RESIDENT_VMS', ref);
    const rec = store.get('host', ref);
    for (const vm of [...(rec.resident_VMs as string[])]) if (store.has('VM', vm)) store.destroy('VM', vm); // its control domain
    for (const [cls, field] of [['PBD', 'PBDs'], ['PIF', 'PIFs'], ['host_cpu', 'host_CPUs']] as const) {
      for (const child of [...((rec[field] ?? []) as string[])]) if (store.has(cls, child)) store.destroy(cls, child);
    }
    store.destroy('host', ref);
    const metrics = rec.metrics as string;
    if (metrics !== NULL_REF && store.has('host_metrics', metrics)) store.destroy('host_metrics', metrics);
    return '';
  });
}
