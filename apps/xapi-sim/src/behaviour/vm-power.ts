/**
 * VM power lifecycle: start/start_on, clean/hard shutdown, clean/hard reboot, suspend/resume(_on), pause/unpause,
 * with xapi's checks (VM_BAD_POWER_STATE [vm, expected, actual] in lowercase, VM_IS_TEMPLATE,
 * OTHER_OPERATION_IN_PROGRESS, HOST_NOT_ENOUGH_FREE_MEMORY [needed, available], HOST_DISABLED, HOST_OFFLINE).
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';
import { NULL_REF } from '../model/type-grammar.js';
import { captureGuest, keepGuestImage, resumeFromImage } from './guest-memory.js';
import { hostFreeMemory, reserveMemory } from './host-memory.js';
import { assertNotBusy, runOperation } from './operation.js';
import { destroyVdi } from './sr-usage.js';
import { vmAlert } from './vm-alerts.js';
import { vmAllowedOperations } from './vm-allowed-operations.js';
import { pickHost } from './vm-placement.js';
import { markRebooted, markStarted, markStopped } from './vm-runtime-state.js';

export type PowerState = 'Halted' | 'Running' | 'Paused' | 'Suspended';

/** Simulated durations in ms, before time scaling. */
export const VM_DURATIONS = { start: 5000, clean_shutdown: 4000, hard_shutdown: 1000, clean_reboot: 6000, hard_reboot: 2000, suspend: 4000, resume: 4000, pause: 300, unpause: 300 };

/**
 * Validates that an operation may run now, in xapi's order: not the control domain, not busy, in one of
 * `expected` states (VM_BAD_POWER_STATE [vm, expected, actual], lowercase), and — unless allowed — not a
 * template or snapshot (VM_IS_TEMPLATE [vm]).
 */
export function checkVm(ctx: CallContext, vmRef: string, expected: PowerState[], allow: { template?: boolean; snapshot?: boolean } = {}): Record<string, unknown> {
  const vm = ctx.engine.store.get('VM', vmRef);
  if (vm.is_control_domain) fail('OPERATION_NOT_ALLOWED', 'This operation is not allowed on the control domain');
  if ((vm.is_a_snapshot && !allow.snapshot) || (vm.is_a_template && !vm.is_a_snapshot && !allow.template)) fail('VM_IS_TEMPLATE', vmRef);
  assertNotBusy(ctx, 'VM', vmRef);
  const actual = vm.power_state as PowerState;
  if (!expected.includes(actual)) fail('VM_BAD_POWER_STATE', vmRef, expected[0]!.toLowerCase(), actual.toLowerCase());
  return vm;
}

/** The alert each power operation leaves (xapi's api_messages names). */
const POWER_ALERTS: Partial<Record<keyof typeof VM_DURATIONS, string>> = {
  start: 'VM_STARTED', clean_shutdown: 'VM_SHUTDOWN', hard_shutdown: 'VM_SHUTDOWN', clean_reboot: 'VM_REBOOTED', hard_reboot: 'VM_REBOOTED',
  suspend: 'VM_SUSPENDED', resume: 'VM_RESUMED',
};

export function registerVmPower(engine: Engine): void {
  engine.allowedOperationsRules.set('VM', vmAllowedOperations);
  // xapi recomputes a VM's allowed operations whenever the VM changes (VM.set_is_a_template on a new VM made from a
  // template, a field written from the control port), not only around its own operations.
  engine.store.onChange((c) => {
    if (c.cls === 'VM' && c.op !== 'del' && !engine.store.isLoading) engine.refreshAllowedOperations('VM', c.ref);
  });
  const r = engine.registry;
  const op = (ctx: CallContext, vmRef: string, name: keyof typeof VM_DURATIONS, apply: () => void): Promise<string> =>
    runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: name, durationMs: VM_DURATIONS[name],
      apply: () => {
        apply();
        const alert = POWER_ALERTS[name];
        if (alert) vmAlert(ctx.engine, vmRef, alert);
        return '';
      },
    });

  /** Places the VM (memory reserved, scheduled_to_be_resident_on set) for the time of the operation. */
  const placed = (ctx: CallContext, vmRef: string, name: 'start' | 'resume', paused: boolean, hostRef?: string): Promise<string> => {
    const host = pickHost(ctx.engine, vmRef, hostRef, { anySr: ctx.fromControlPort === true });
    const release = reserveMemory(ctx.engine, vmRef, host);
    ctx.engine.store.update('VM', vmRef, { scheduled_to_be_resident_on: host });
    return op(ctx, vmRef, name, () => {
      const vm = ctx.engine.store.get('VM', vmRef);
      const suspendVdi = vm.suspend_VDI as string;
      const resumed = name === 'resume' ? resumeFromImage(ctx.engine, vmRef) : undefined;
      markStarted(ctx.engine, vmRef, host, paused);
      resumed?.();
      // The memory image is read back into the domain: xapi destroys the suspend VDI.
      if (name === 'resume' && suspendVdi !== NULL_REF && ctx.engine.store.has('VDI', suspendVdi)) destroyVdi(ctx.engine, suspendVdi);
    }).finally(() => {
      release();
      const row = ctx.engine.store.row('VM', vmRef);
      if (row && row.record.scheduled_to_be_resident_on === host) ctx.engine.store.update('VM', vmRef, { scheduled_to_be_resident_on: NULL_REF });
    });
  };
  const start = (ctx: CallContext, vmRef: string, paused: boolean, hostRef?: string): Promise<string> => {
    checkVm(ctx, vmRef, ['Halted']);
    return placed(ctx, vmRef, 'start', paused, hostRef);
  };
  r.implement('VM', 'start', (ctx, [vm, paused]) => start(ctx, String(vm), paused === true));
  r.implement('VM', 'start_on', (ctx, [vm, host, paused]) => start(ctx, String(vm), paused === true, String(host)));

  r.implement('VM', 'clean_shutdown', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running']);
    return op(ctx, String(vm), 'clean_shutdown', () => markStopped(ctx.engine, String(vm), 'Halted'));
  });
  r.implement('VM', 'hard_shutdown', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running', 'Paused', 'Suspended']);
    return op(ctx, String(vm), 'hard_shutdown', () => markStopped(ctx.engine, String(vm), 'Halted'));
  });
  r.implement('VM', 'clean_reboot', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running']);
    return op(ctx, String(vm), 'clean_reboot', () => markRebooted(ctx.engine, String(vm)));
  });
  r.implement('VM', 'hard_reboot', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running', 'Paused']);
    return op(ctx, String(vm), 'hard_reboot', () => {
      markRebooted(ctx.engine, String(vm));
      ctx.engine.store.update('VM', String(vm), { power_state: 'Running' });
    });
  });
  r.implement('VM', 'suspend', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running']);
    return op(ctx, String(vm), 'suspend', () => {
      const image = captureGuest(ctx.engine, String(vm));
      markStopped(ctx.engine, String(vm), 'Suspended');
      keepGuestImage(ctx.engine, String(vm), image);
    });
  });
  const resume = (ctx: CallContext, vmRef: string, paused: boolean, hostRef?: string): Promise<string> => {
    checkVm(ctx, vmRef, ['Suspended']);
    return placed(ctx, vmRef, 'resume', paused, hostRef);
  };
  r.implement('VM', 'resume', (ctx, [vm, paused]) => resume(ctx, String(vm), paused === true));
  r.implement('VM', 'resume_on', (ctx, [vm, host, paused]) => resume(ctx, String(vm), paused === true, String(host)));
  r.implement('VM', 'pause', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Running']);
    return op(ctx, String(vm), 'pause', () => ctx.engine.store.update('VM', String(vm), { power_state: 'Paused' }));
  });
  r.implement('VM', 'unpause', (ctx, [vm]) => {
    checkVm(ctx, String(vm), ['Paused']);
    return op(ctx, String(vm), 'unpause', () => ctx.engine.store.update('VM', String(vm), { power_state: 'Running' }));
  });
  r.implement('host', 'compute_free_memory', ({ engine: e }, [host]) => hostFreeMemory(e, String(host)));
}
