/**
 * VM snapshot schedules (VMSS, ocaml/xapi/xapi_vmss.ml): create with checked type, frequency, schedule and
 * retained_snapshots (1–10, INVALID_VALUE otherwise), the checked setters, destroy (VMSS_HAS_VM while VMs are
 * assigned; its alerts go with it), snapshot_now, VM.set_snapshot_schedule (not on snapshots or templates; a
 * quiesced schedule needs a VM that supports quiesce, which no simulated guest does), and the timers that run them.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { runSchedule } from './vmss-runs.js';
import { createSchedule, isFrequency, mergeSchedule, scheduleFor, type Frequency } from './vmss-schedule.js';
import { VmssTimers } from './vmss-timer.js';

const TYPES = ['snapshot', 'checkpoint', 'snapshot_with_quiesce'];

function checkType(value: unknown): string {
  if (!TYPES.includes(String(value))) fail('INVALID_VALUE', 'type', String(value));
  return String(value);
}

function checkFrequency(value: unknown): Frequency {
  if (!isFrequency(value)) fail('INVALID_VALUE', 'frequency', String(value));
  return value;
}

function checkRetained(value: unknown): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 10) fail('INVALID_VALUE', 'retained_snapshots', String(value));
  return n;
}

const asMap = (value: unknown): Record<string, string> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, String(v)])) : {};

function vmssOf(ctx: CallContext, ref: unknown): Record<string, unknown> {
  return ctx.engine.store.get('VMSS', String(ref));
}

export function registerVmss(engine: Engine): void {
  const r = engine.registry;
  r.implement('VMSS', 'create', ({ engine: e }, [record]) => {
    const given = (record ?? {}) as Record<string, unknown>;
    const frequency = checkFrequency(given.frequency);
    return e.store.create('VMSS', {
      name_label: String(given.name_label ?? ''),
      name_description: String(given.name_description ?? ''),
      enabled: given.enabled !== false,
      type: checkType(given.type),
      retained_snapshots: checkRetained(given.retained_snapshots ?? 7),
      frequency,
      schedule: createSchedule(frequency, asMap(given.schedule)),
      last_run_time: new Date(0),
    });
  });
  r.implement('VMSS', 'destroy', ({ engine: e }, [self]) => {
    const vmss = e.store.get('VMSS', String(self));
    if ((vmss.VMs as string[]).length > 0) fail('VMSS_HAS_VM');
    for (const row of [...e.store.rows('message')]) if (row.record.obj_uuid === vmss.uuid) e.store.destroy('message', row.ref);
    e.store.destroy('VMSS', String(self));
    return '';
  });
  r.implement('VMSS', 'set_frequency', (ctx, [self, value]) => {
    const frequency = checkFrequency(value);
    const vmss = vmssOf(ctx, self);
    ctx.engine.store.update('VMSS', String(self), { frequency, schedule: scheduleFor(frequency, asMap(vmss.schedule)) });
    return '';
  });
  r.implement('VMSS', 'set_schedule', (ctx, [self, value]) => {
    const vmss = vmssOf(ctx, self);
    ctx.engine.store.update('VMSS', String(self), { schedule: mergeSchedule(asMap(vmss.schedule), asMap(value)) });
    return '';
  });
  r.implement('VMSS', 'add_to_schedule', (ctx, [self, key, value]) => {
    const vmss = vmssOf(ctx, self);
    ctx.engine.store.update('VMSS', String(self), { schedule: mergeSchedule(asMap(vmss.schedule), { [String(key)]: String(value) }) });
    return '';
  });
  r.implement('VMSS', 'set_retained_snapshots', (ctx, [self, value]) => {
    vmssOf(ctx, self);
    ctx.engine.store.update('VMSS', String(self), { retained_snapshots: checkRetained(value) });
    return '';
  });
  r.implement('VMSS', 'set_type', (ctx, [self, value]) => {
    const type = checkType(value);
    const vmss = vmssOf(ctx, self);
    // xapi: every VM of the schedule must allow that kind of snapshot now.
    for (const vm of vmss.VMs as string[]) {
      const ops = (ctx.engine.store.row('VM', vm)?.record.allowed_operations as string[] | undefined) ?? [];
      if (!ops.includes(type)) fail('OPERATION_NOT_ALLOWED', vm, `VM doesn't support snapshot_type ${type}`);
    }
    ctx.engine.store.update('VMSS', String(self), { type });
    return '';
  });
  r.implement('VMSS', 'set_last_run_time', (ctx, [self, value]) => {
    vmssOf(ctx, self);
    ctx.engine.store.update('VMSS', String(self), { last_run_time: value instanceof Date ? value : new Date(String(value)) });
    return '';
  });
  r.implement('VMSS', 'snapshot_now', (ctx, [self]) => {
    vmssOf(ctx, self);
    return runSchedule(ctx.engine, String(self));
  });
  r.implement('VM', 'set_snapshot_schedule', (ctx, [self, value]) => {
    const vmRef = String(self);
    const vm = ctx.engine.store.get('VM', vmRef);
    const vmssRef = String(value);
    if (vmssRef !== NULL_REF) {
      if (!ctx.engine.store.has('VMSS', vmssRef)) fail('INVALID_VALUE', vmssRef);
      if (vm.is_a_snapshot) fail('VM_IS_SNAPSHOT', vmRef);
      if (vm.is_a_template) fail('VM_IS_TEMPLATE', vmRef);
      if (ctx.engine.store.get('VMSS', vmssRef).type === 'snapshot_with_quiesce') fail('VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED', vmRef, 'no VSS provider in the guest');
    }
    ctx.engine.store.update('VM', vmRef, { snapshot_schedule: vmssRef });
    return '';
  });
  new VmssTimers(engine);
}
