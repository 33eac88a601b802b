/**
 * VBD.create / destroy / plug / unplug / insert / eject, with xapi's errors (DEVICE_ALREADY_ATTACHED,
 * VBD_NOT_REMOVABLE_MEDIA, VBD_NOT_EMPTY, VBD_IS_EMPTY …) and VBD.allowed_operations following the VM's power
 * state. SRs and PBDs are in sr-lifecycle.ts.
 */
import { randomUUID } from 'node:crypto';
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { runOperation } from './operation.js';

/** Simulated durations (ms before scaling). */
export const DEVICE_MS = { plug: 1000, unplug: 1000, insert: 1500, eject: 800 };

const live = (vm: Record<string, unknown> | undefined): boolean => vm?.power_state === 'Running' || vm?.power_state === 'Paused';

/** VBD.allowed_operations: plug/unplug while the VM runs, insert/eject for CD drives. */
export function vbdAllowedOperations(engine: Engine, ref: string): string[] {
  const vbd = engine.store.get('VBD', ref);
  if (Object.keys(vbd.current_operations as object).length > 0) return [];
  const vm = engine.store.row('VM', vbd.VM as string)?.record;
  const ops: string[] = ['attach'];
  if (live(vm)) {
    if (vbd.currently_attached) {
      if (vbd.unpluggable) ops.push('unplug', 'unplug_force');
    } else ops.push('plug');
  }
  if (vbd.type === 'CD') ops.push(vbd.empty ? 'insert' : 'eject');
  return ops;
}

/** Fails unless the device's VM is running (VM_BAD_POWER_STATE [vm, running, actual]). */
function assertVmRunning(engine: Engine, vmRef: string): void {
  const vm = engine.store.get('VM', vmRef);
  if (!live(vm)) fail('VM_BAD_POWER_STATE', vmRef, 'running', String(vm.power_state).toLowerCase());
}

export function registerStorageDevices(engine: Engine): void {
  const r = engine.registry;
  engine.allowedOperationsRules.set('VBD', vbdAllowedOperations);
  // A VBD's allowed operations depend on its VM's power state and its own attachment.
  engine.store.onChange((c) => {
    if (engine.store.isLoading) return; // the engine computes every object's allowed operations after loading
    if (c.op === 'del') {
      if (c.cls === 'VBD') engine.refreshAllowedOperations('VDI', c.row.record.VDI as string);
      return;
    }
    if (c.cls === 'VBD') {
      engine.refreshAllowedOperations('VBD', c.ref);
      const vdi = c.row.record.VDI as string;
      if (vdi !== NULL_REF) engine.refreshAllowedOperations('VDI', vdi);
    }
    else if (c.cls === 'VM') for (const vbd of c.row.record.VBDs as string[]) engine.refreshAllowedOperations('VBD', vbd);
  });
  const vbdOp = (ctx: CallContext, ref: string, op: string, durationMs: number, apply: () => void): Promise<string> =>
    runOperation(ctx, { cls: 'VBD', ref, op, durationMs, steps: 2, apply: () => { apply(); return ''; } });

  r.implement('VBD', 'create', ({ engine: e }, [args]) => {
    const a = { ...((args ?? {}) as Record<string, unknown>) };
    const vmRef = String(a.VM ?? NULL_REF);
    const vm = e.store.get('VM', vmRef);
    const vdi = String(a.VDI ?? NULL_REF);
    if (vdi !== NULL_REF) e.store.get('VDI', vdi);
    if (a.type === 'CD' && a.mode === 'RW') fail('VBD_CDS_MUST_BE_READONLY');
    const used = (vm.VBDs as string[]).map((b) => e.store.row('VBD', b)?.record.userdevice);
    if (a.userdevice === undefined || a.userdevice === 'autodetect' || a.userdevice === '') {
      a.userdevice = String(Array.from({ length: 16 }, (_, i) => i).find((i) => !used.includes(String(i))) ?? used.length);
    } else if (used.includes(String(a.userdevice))) fail('DEVICE_ALREADY_EXISTS', a.userdevice);
    return e.store.create('VBD', { ...a, uuid: randomUUID(), VDI: vdi, empty: vdi === NULL_REF, currently_attached: false, current_operations: {} });
  });
  r.implement('VBD', 'destroy', ({ engine: e }, [vbd]) => {
    const ref = String(vbd);
    if (e.store.get('VBD', ref).currently_attached) fail('OPERATION_NOT_ALLOWED', 'VBD currently attached to a running VM');
    e.store.destroy('VBD', ref);
    return '';
  });
  r.implement('VBD', 'plug', (ctx, [vbd]) => {
    const ref = String(vbd);
    const rec = ctx.engine.store.get('VBD', ref);
    assertVmRunning(ctx.engine, rec.VM as string);
    if (rec.currently_attached) fail('DEVICE_ALREADY_ATTACHED', ref);
    return vbdOp(ctx, ref, 'plug', DEVICE_MS.plug, () => ctx.engine.store.update('VBD', ref, { currently_attached: true, device: rec.device || `xvd${String.fromCharCode(97 + Number(rec.userdevice))}` }));
  });
  const unplug = (ctx: CallContext, ref: string, force: boolean): Promise<string> => {
    const rec = ctx.engine.store.get('VBD', ref);
    assertVmRunning(ctx.engine, rec.VM as string);
    if (!rec.currently_attached) fail('DEVICE_ALREADY_DETACHED', ref);
    if (!rec.unpluggable && !force) fail('VBD_NOT_UNPLUGGABLE', ref);
    return vbdOp(ctx, ref, force ? 'unplug_force' : 'unplug', DEVICE_MS.unplug, () => ctx.engine.store.update('VBD', ref, { currently_attached: false }));
  };
  r.implement('VBD', 'unplug', (ctx, [vbd]) => unplug(ctx, String(vbd), false));
  r.implement('VBD', 'unplug_force', (ctx, [vbd]) => unplug(ctx, String(vbd), true));
  r.implement('VBD', 'insert', (ctx, [vbd, vdi]) => {
    const ref = String(vbd);
    const rec = ctx.engine.store.get('VBD', ref);
    ctx.engine.store.get('VDI', String(vdi));
    if (rec.type !== 'CD') fail('VBD_NOT_REMOVABLE_MEDIA', ref);
    if (!rec.empty) fail('VBD_NOT_EMPTY', ref);
    const attach = live(ctx.engine.store.row('VM', rec.VM as string)?.record);
    return vbdOp(ctx, ref, 'insert', DEVICE_MS.insert, () => ctx.engine.store.update('VBD', ref, { VDI: String(vdi), empty: false, currently_attached: attach }));
  });
  r.implement('VBD', 'eject', (ctx, [vbd]) => {
    const ref = String(vbd);
    const rec = ctx.engine.store.get('VBD', ref);
    if (rec.type !== 'CD') fail('VBD_NOT_REMOVABLE_MEDIA', ref);
    if (rec.empty) fail('VBD_IS_EMPTY', ref);
    return vbdOp(ctx, ref, 'eject', DEVICE_MS.eject, () => {
      ctx.engine.store.update('VBD', ref, { VDI: NULL_REF, empty: true, currently_attached: false });
      ctx.engine.refreshAllowedOperations('VDI', rec.VDI as string);
    });
  });
}
