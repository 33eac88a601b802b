/**
 * VM.pool_migrate (a running VM moves to another live, enabled host with room; duration follows its memory),
 * VM.assert_can_boot_here, VM.get_possible_hosts, VM.assert_operation_valid and the allowed device lists.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';
import { reserveMemory, vmMemoryNeed } from './host-memory.js';
import { runOperation } from './operation.js';
import { MiB } from './sr-usage.js';
import { vmAllowedOperations } from './vm-allowed-operations.js';
import { checkVm } from './vm-power.js';
import { assertCanBootHere, possibleHosts } from './vm-placement.js';
import { markMigrated } from './vm-runtime-state.js';

/** Simulated migration: fixed setup plus memory copied at MIGRATE_BYTES_PER_S (ms before scaling). */
export const MIGRATE_MS = { base: 2000 };
export const MIGRATE_BYTES_PER_S = 500 * MiB;

/** Migration time of a VM, before scaling. */
export function migrateDurationMs(vm: Record<string, unknown>): number {
  return MIGRATE_MS.base + (vmMemoryNeed(vm) / MIGRATE_BYTES_PER_S) * 1000;
}

/** Runs one live migration of `vmRef` to `hostRef` (checks included). */
export function poolMigrate(ctx: CallContext, vmRef: string, hostRef: string): Promise<string> {
  const { engine } = ctx;
  const vm = checkVm(ctx, vmRef, ['Running']);
  assertCanBootHere(engine, vmRef, hostRef);
  const release = reserveMemory(engine, vmRef, hostRef);
  engine.store.update('VM', vmRef, { scheduled_to_be_resident_on: hostRef });
  return runOperation(ctx, {
    cls: 'VM', ref: vmRef, op: 'pool_migrate', durationMs: migrateDurationMs(vm),
    apply: () => {
      markMigrated(engine, vmRef, hostRef);
      return '';
    },
  }).finally(() => {
    release();
    const row = engine.store.row('VM', vmRef);
    if (row && row.record.scheduled_to_be_resident_on === hostRef) engine.store.update('VM', vmRef, { scheduled_to_be_resident_on: 'OpaqueRef:NULL' });
  });
}

/** Device numbers not yet used among `used`, from 0 to max − 1. */
const freeDevices = (used: unknown[], max: number): string[] =>
  Array.from({ length: max }, (_, i) => String(i)).filter((d) => !used.includes(d));

export function registerVmMigrate(engine: Engine): void {
  const r = engine.registry;
  r.implement('VM', 'pool_migrate', (ctx, [vm, host]) => poolMigrate(ctx, String(vm), String(host)));
  r.implement('VM', 'assert_can_boot_here', ({ engine: e }, [vm, host]) => {
    const rec = e.store.get('VM', String(vm));
    if (rec.is_a_template || rec.is_a_snapshot) fail('VM_IS_TEMPLATE', vm);
    assertCanBootHere(e, String(vm), String(host));
    return '';
  });
  r.implement('VM', 'get_possible_hosts', ({ engine: e }, [vm]) => {
    const rec = e.store.get('VM', String(vm));
    return rec.is_a_template || rec.is_a_snapshot ? [] : possibleHosts(e, String(vm));
  });
  r.implement('VM', 'assert_operation_valid', ({ engine: e }, [vm, op]) => {
    const ref = String(vm);
    const rec = e.store.get('VM', ref);
    const busy = Object.entries(rec.current_operations as Record<string, string>)[0];
    if (busy) fail('OTHER_OPERATION_IN_PROGRESS', 'VM', ref, busy[1], busy[0]);
    if (!vmAllowedOperations(e, ref).includes(String(op))) fail('OPERATION_NOT_ALLOWED', `${String(op)} is not allowed in power state ${String(rec.power_state)}`);
    return '';
  });
  r.implement('VM', 'get_allowed_VBD_devices', ({ engine: e }, [vm]) => {
    const used = (e.store.get('VM', String(vm)).VBDs as string[]).map((b) => e.store.row('VBD', b)?.record.userdevice);
    return freeDevices(used, 16);
  });
  r.implement('VM', 'get_allowed_VIF_devices', ({ engine: e }, [vm]) => {
    const used = (e.store.get('VM', String(vm)).VIFs as string[]).map((v) => e.store.row('VIF', v)?.record.device);
    return freeDevices(used, 7);
  });
}
