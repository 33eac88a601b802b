/**
 * VDI.create / destroy / resize / resize_online / copy / clone / snapshot, with SR space accounting
 * (virtual_allocation, physical_utilisation) kept equal to the sums over each SR's VDIs.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { runOperation } from './operation.js';
import { assertSrSpace, createVdi, MiB, physicalFor, refreshSrUsage, srKind, vdiAllowedOperations, vdiAttached } from './sr-usage.js';
import { carryVdi } from './vm-copies.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Simulated durations (ms before scaling); copies move data at VDI_COPY_BYTES_PER_S. */
export const VDI_MS = { create: 1000, destroy: 1000, resize: 1500, clone: 800, snapshot: 800, copyBase: 1500 };
export const VDI_COPY_BYTES_PER_S = 150 * MiB;

/** VDI_IN_USE [vdi, op] when a VBD of the VDI is attached to a running domain. */
function assertNotAttached(engine: Engine, vdiRef: string, op: string): void {
  for (const vbd of engine.store.get('VDI', vdiRef).VBDs as string[]) {
    if (engine.store.row('VBD', vbd)?.record.currently_attached === true) fail('VDI_IN_USE', vdiRef, op);
  }
}

function assertWritableSr(engine: Engine, srRef: string): void {
  engine.store.get('SR', srRef);
  if (srKind(engine, srRef) === 'plain') fail('SR_OPERATION_NOT_SUPPORTED', srRef);
}

export function registerStorageVdi(engine: Engine): void {
  const r = engine.registry;
  engine.allowedOperationsRules.set('VDI', (e, ref) => vdiAllowedOperations(e.store.get('VDI', ref), vdiAttached(e, ref)));
  const vdiOp = <T>(ctx: CallContext, ref: string, op: string, durationMs: number, apply: () => T): Promise<T> =>
    runOperation(ctx, { cls: 'VDI', ref, op, durationMs, steps: 5, apply });

  r.implement('VDI', 'create', (ctx, [args]) => {
    const a = (args ?? {}) as Record<string, unknown>;
    const sr = String(a.SR ?? NULL_REF);
    assertWritableSr(ctx.engine, sr);
    const size = num(a.virtual_size);
    assertSrSpace(ctx.engine, sr, physicalFor(ctx.engine, sr, size, 0));
    const { SR: _sr, virtual_size: _vs, name_label, type, ...rest } = a;
    return createVdi(ctx.engine, { sr, name: String(name_label ?? ''), virtualSize: size, used: 0, type: String(type ?? 'user'), fields: rest });
  });

  r.implement('VDI', 'destroy', (ctx, [vdi]) => {
    const ref = String(vdi);
    const rec = ctx.engine.store.get('VDI', ref);
    assertNotAttached(ctx.engine, ref, 'destroy');
    return vdiOp(ctx, ref, 'destroy', VDI_MS.destroy, () => {
      // xapi removes the VDI's (detached) VBDs with it.
      for (const vbd of [...(ctx.engine.store.get('VDI', ref).VBDs as string[])]) if (ctx.engine.store.has('VBD', vbd)) ctx.engine.store.destroy('VBD', vbd);
      ctx.engine.store.destroy('VDI', ref);
      refreshSrUsage(ctx.engine, rec.SR as string);
      return '';
    });
  });

  const resize = (ctx: CallContext, ref: string, size: number, online: boolean): Promise<string> => {
    const rec = ctx.engine.store.get('VDI', ref);
    if (rec.is_a_snapshot) fail('OPERATION_NOT_ALLOWED', 'Snapshots cannot be resized');
    if (!online) assertNotAttached(ctx.engine, ref, 'resize');
    const current = num(rec.virtual_size);
    if (size < current) fail('VDI_TOO_SMALL', ref, current);
    const sr = rec.SR as string;
    const thick = srKind(ctx.engine, sr) === 'thick';
    if (thick) assertSrSpace(ctx.engine, sr, size - current);
    return vdiOp(ctx, ref, online ? 'resize_online' : 'resize', VDI_MS.resize, () => {
      ctx.engine.store.update('VDI', ref, { virtual_size: size, ...(thick ? { physical_utilisation: size + 8 * MiB } : {}) });
      refreshSrUsage(ctx.engine, sr);
      return '';
    });
  };
  r.implement('VDI', 'resize', (ctx, [vdi, size]) => resize(ctx, String(vdi), num(size), false));
  r.implement('VDI', 'resize_online', (ctx, [vdi, size]) => resize(ctx, String(vdi), num(size), true));

  const child = (ctx: CallContext, ref: string, op: 'clone' | 'snapshot'): Promise<string> => {
    const rec = ctx.engine.store.get('VDI', ref);
    assertWritableSr(ctx.engine, rec.SR as string);
    assertSrSpace(ctx.engine, rec.SR as string, physicalFor(ctx.engine, rec.SR as string, num(rec.virtual_size), 0));
    return vdiOp(ctx, ref, op, VDI_MS[op], () => carryVdi(ctx.engine, ref, rec, op === 'clone' ? { kind: 'clone' } : { kind: 'snapshot', time: new Date() }));
  };
  r.implement('VDI', 'clone', (ctx, [vdi]) => child(ctx, String(vdi), 'clone'));
  r.implement('VDI', 'snapshot', (ctx, [vdi]) => child(ctx, String(vdi), 'snapshot'));

  r.implement('VDI', 'copy', (ctx, [vdi, sr, , into]) => {
    const ref = String(vdi);
    const rec = ctx.engine.store.get('VDI', ref);
    const intoRef = into && into !== NULL_REF ? String(into) : undefined;
    const target = intoRef ? (ctx.engine.store.get('VDI', intoRef).SR as string) : sr && sr !== NULL_REF ? String(sr) : (rec.SR as string);
    assertWritableSr(ctx.engine, target);
    if (intoRef && num(ctx.engine.store.get('VDI', intoRef).virtual_size) < num(rec.virtual_size)) fail('VDI_TOO_SMALL', intoRef, num(rec.virtual_size));
    const bytes = num(rec.physical_utilisation);
    if (!intoRef) assertSrSpace(ctx.engine, target, srKind(ctx.engine, target) === srKind(ctx.engine, rec.SR as string) ? bytes : physicalFor(ctx.engine, target, num(rec.virtual_size), 1));
    return vdiOp(ctx, ref, 'copy', VDI_MS.copyBase + (bytes / VDI_COPY_BYTES_PER_S) * 1000, () => {
      if (!intoRef) return carryVdi(ctx.engine, ref, rec, { kind: 'copy', sr: target });
      // Copying into an existing disk fills it with the source's data.
      const dest = ctx.engine.store.get('VDI', intoRef);
      if (srKind(ctx.engine, target) === 'thin') ctx.engine.store.update('VDI', intoRef, { physical_utilisation: Math.max(num(dest.physical_utilisation), bytes) });
      refreshSrUsage(ctx.engine, target);
      return intoRef;
    });
  });
}
