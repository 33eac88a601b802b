/**
 * Memory and vCPU settings with xapi's legal ranges: set_memory, set_memory_limits, set_memory_static_range,
 * set_memory_dynamic_range (also live), set_VCPUs_at_startup, set_VCPUs_max, set_VCPUs_number_live. VM_metrics
 * follow the running domain.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';
import { runOperation } from './operation.js';
import { checkVm } from './vm-power.js';
import { ensureVmMetrics } from './vm-runtime-state.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Simulated duration of a memory or vCPU change (ms before scaling). */
export const RESOURCE_CHANGE_MS = 300;

interface Limits { static_min: number; static_max: number; dynamic_min: number; dynamic_max: number }

/** MEMORY_CONSTRAINT_VIOLATION unless static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max (xapi's wording). */
export function assertMemoryLimits(l: Limits): void {
  if (!(l.static_min <= l.dynamic_min && l.dynamic_min <= l.dynamic_max && l.dynamic_max <= l.static_max) || l.static_min < 0) {
    fail('MEMORY_CONSTRAINT_VIOLATION', 'Memory limits must satisfy: static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max');
  }
}

/**
 * xapi's check for the current context (Vm_memory_constraints.assert_valid_for_current_context): where dynamic
 * memory control is not licensed (the pool's restrictions say restrict_dmc), the dynamic range must be pinned at
 * static_max; otherwise the order above.
 */
function assertLimitsForContext(engine: Engine, l: Limits): void {
  const [pool] = engine.store.rows('pool');
  const restrictions = (pool?.record.restrictions ?? {}) as Record<string, string>;
  if (restrictions.restrict_dmc === 'true') {
    const pinned = l.static_min <= l.dynamic_min && l.dynamic_min === l.dynamic_max && l.dynamic_max === l.static_max;
    if (!pinned) fail('MEMORY_CONSTRAINT_VIOLATION', 'Memory limits must satisfy: static_min ≤ dynamic_min = dynamic_max = static_max (DMC disabled)');
    return;
  }
  assertMemoryLimits(l);
}

/** xapi's INVALID_VALUE for vCPU counts out of order. */
const VCPU_ORDER = 'VCPU values must satisfy: 0 < VCPUs_at_startup ≤ VCPUs_max';

function limitsOf(vm: Record<string, unknown>): Limits {
  return {
    static_min: num(vm.memory_static_min), static_max: num(vm.memory_static_max),
    dynamic_min: num(vm.memory_dynamic_min), dynamic_max: num(vm.memory_dynamic_max),
  };
}

/** Writes memory limits (the balloon target follows dynamic_max; a running domain's memory_actual too). */
function writeLimits(engine: Engine, vmRef: string, l: Limits): void {
  engine.store.update('VM', vmRef, {
    memory_static_min: l.static_min, memory_static_max: l.static_max, memory_dynamic_min: l.dynamic_min, memory_dynamic_max: l.dynamic_max,
    memory_target: l.dynamic_max,
  });
  const vm = engine.store.get('VM', vmRef);
  if (vm.power_state === 'Running' || vm.power_state === 'Paused') {
    engine.store.update('VM_metrics', ensureVmMetrics(engine, vmRef), { memory_actual: l.dynamic_max, last_updated: new Date() });
  }
}

export function registerVmResources(engine: Engine): void {
  const r = engine.registry;
  const change = (ctx: CallContext, vmRef: string, op: string, apply: () => void): Promise<string> =>
    runOperation(ctx, { cls: 'VM', ref: vmRef, op, durationMs: RESOURCE_CHANGE_MS, steps: 1, apply: () => { apply(); return ''; } });

  /** Static limits change only while halted (templates included). */
  const setStatic = (ctx: CallContext, vmRef: string, patch: (l: Limits) => Limits): Promise<string> => {
    const vm = checkVm(ctx, vmRef, ['Halted'], { template: true });
    const next = patch(limitsOf(vm));
    assertLimitsForContext(ctx.engine, next);
    return change(ctx, vmRef, 'changing_memory_limits', () => writeLimits(ctx.engine, vmRef, next));
  };
  r.implement('VM', 'set_memory_limits', (ctx, [vm, smin, smax, dmin, dmax]) =>
    setStatic(ctx, String(vm), () => ({ static_min: num(smin), static_max: num(smax), dynamic_min: num(dmin), dynamic_max: num(dmax) })));
  r.implement('VM', 'set_memory_static_range', (ctx, [vm, min, max]) =>
    setStatic(ctx, String(vm), (l) => ({ ...l, static_min: num(min), static_max: num(max) })));
  r.implement('VM', 'set_memory', (ctx, [vm, value]) =>
    setStatic(ctx, String(vm), (l) => ({ ...l, static_max: num(value), dynamic_min: num(value), dynamic_max: num(value) })));
  r.implement('VM', 'set_memory_dynamic_range', (ctx, [vm, min, max]) => {
    const vmRef = String(vm);
    const rec = checkVm(ctx, vmRef, ['Halted', 'Running'], { template: true });
    const next = { ...limitsOf(rec), dynamic_min: num(min), dynamic_max: num(max) };
    assertLimitsForContext(ctx.engine, next);
    return change(ctx, vmRef, 'changing_dynamic_range', () => writeLimits(ctx.engine, vmRef, next));
  });

  // The single-field setters are explicit XAPI messages with the same rules as the ranges they belong to.
  r.implement('VM', 'set_memory_static_min', (ctx, [vm, value]) => setStatic(ctx, String(vm), (l) => ({ ...l, static_min: num(value) })));
  r.implement('VM', 'set_memory_static_max', (ctx, [vm, value]) => setStatic(ctx, String(vm), (l) => ({ ...l, static_max: num(value) })));
  const setDynamic = (ctx: CallContext, vmRef: string, patch: (l: Limits) => Limits): Promise<string> => {
    const rec = checkVm(ctx, vmRef, ['Halted', 'Running'], { template: true });
    const next = patch(limitsOf(rec));
    assertLimitsForContext(ctx.engine, next);
    return change(ctx, vmRef, 'changing_dynamic_range', () => writeLimits(ctx.engine, vmRef, next));
  };
  r.implement('VM', 'set_memory_dynamic_min', (ctx, [vm, value]) => setDynamic(ctx, String(vm), (l) => ({ ...l, dynamic_min: num(value) })));
  r.implement('VM', 'set_memory_dynamic_max', (ctx, [vm, value]) => setDynamic(ctx, String(vm), (l) => ({ ...l, dynamic_max: num(value) })));

  r.implement('VM', 'set_VCPUs_at_startup', (ctx, [vm, value]) => {
    const vmRef = String(vm);
    const rec = checkVm(ctx, vmRef, ['Halted'], { template: true });
    const n = num(value);
    if (n < 1 || n > num(rec.VCPUs_max)) fail('INVALID_VALUE', VCPU_ORDER, String(value));
    ctx.engine.store.update('VM', vmRef, { VCPUs_at_startup: n });
    return '';
  });
  r.implement('VM', 'set_VCPUs_max', (ctx, [vm, value]) => {
    const vmRef = String(vm);
    const rec = checkVm(ctx, vmRef, ['Halted'], { template: true });
    const n = num(value);
    if (n < 1 || n < num(rec.VCPUs_at_startup)) fail('INVALID_VALUE', VCPU_ORDER, String(value));
    ctx.engine.store.update('VM', vmRef, { VCPUs_max: n });
    return '';
  });
  r.implement('VM', 'set_VCPUs_number_live', (ctx, [vm, nvcpu]) => {
    const vmRef = String(vm);
    const rec = checkVm(ctx, vmRef, ['Running']);
    const n = num(nvcpu);
    if (n < 1 || n > num(rec.VCPUs_max)) fail('INVALID_VALUE', 'nvcpu', String(nvcpu));
    return change(ctx, vmRef, 'changing_VCPUs_live', () => {
      ctx.engine.store.update('VM', vmRef, { VCPUs_at_startup: n });
      ctx.engine.store.update('VM_metrics', ensureVmMetrics(ctx.engine, vmRef), { VCPUs_number: n, last_updated: new Date() });
    });
  });
}
