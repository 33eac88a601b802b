/**
 * SR space accounting: a VDI's physical size follows from its SR's kind (thin file-based, thick LVM, ISO), and an
 * SR's virtual_allocation / physical_utilisation are the sums over its VDIs, recomputed after every change.
 */
import { randomUUID } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';

export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;
/** SR types that allocate a VHD's full size up front (LVM-based). */
const THICK = new Set(['lvm', 'lvmoiscsi', 'lvmohba', 'lvmofcoe']);
/** SR types whose VDIs are plain files or devices (no accounting beyond the file size). */
const PLAIN = new Set(['iso', 'udev']);

export type SrKind = 'thin' | 'thick' | 'plain';

export function srKind(engine: Engine, srRef: string): SrKind {
  const type = String(engine.store.get('SR', srRef).type);
  return PLAIN.has(type) ? 'plain' : THICK.has(type) ? 'thick' : 'thin';
}

/** Physical size of a new VDI of `virtualSize` on `srRef`; `used` is the fraction of data written (thin SRs). */
export function physicalFor(engine: Engine, srRef: string, virtualSize: number, used: number): number {
  const kind = srKind(engine, srRef);
  if (kind === 'plain') return virtualSize;
  if (kind === 'thick') return virtualSize + 8 * MiB; // full LV plus VHD metadata
  return Math.max(MiB, Math.round((virtualSize * used) / MiB) * MiB);
}

/** Free bytes on an SR. */
export function srFree(engine: Engine, srRef: string): number {
  const sr = engine.store.get('SR', srRef);
  return Math.max(0, num(sr.physical_size) - num(sr.physical_utilisation));
}

/** SR_FULL [requested, maximum] when `bytes` more do not fit on the SR. */
export function assertSrSpace(engine: Engine, srRef: string, bytes: number): void {
  if (srKind(engine, srRef) === 'plain') return;
  const free = srFree(engine, srRef);
  if (bytes > free) fail('SR_FULL', bytes, free);
}

/** Recomputes virtual_allocation and physical_utilisation of an SR from its VDIs. */
export function refreshSrUsage(engine: Engine, srRef: string): void {
  const { store } = engine;
  if (!store.has('SR', srRef)) return;
  let virtual = 0;
  let physical = 0;
  for (const vdi of store.get('SR', srRef).VDIs as string[]) {
    const r = store.row('VDI', vdi)?.record;
    if (!r) continue;
    virtual += num(r.virtual_size);
    physical += num(r.physical_utilisation);
  }
  const sr = store.get('SR', srRef);
  if (sr.virtual_allocation !== virtual || sr.physical_utilisation !== physical) {
    store.update('SR', srRef, { virtual_allocation: virtual, physical_utilisation: physical });
  }
}

/** The operations xapi allows on a VDI: none while busy; no destroy or offline resize while a domain uses it. */
export function vdiAllowedOperations(vdi: Record<string, unknown>, attached = false): string[] {
  if (Object.keys((vdi.current_operations ?? {}) as object).length > 0) return [];
  if (vdi.type === 'suspend') return ['destroy', 'forget'];
  const ops = ['clone', 'copy', 'generate_config', 'snapshot', 'update', 'enable_cbt', 'disable_cbt'];
  if (!attached) ops.push('destroy', 'forget', 'data_destroy', 'set_on_boot');
  if (!vdi.is_a_snapshot) ops.push(attached ? 'resize_online' : 'resize');
  return ops;
}

/** Whether a VBD of the VDI is attached to a running domain. */
export function vdiAttached(engine: Engine, vdiRef: string): boolean {
  const vbds = (engine.store.row('VDI', vdiRef)?.record.VBDs ?? []) as string[];
  return vbds.some((b) => engine.store.row('VBD', b)?.record.currently_attached === true);
}

export interface NewVdi {
  sr: string;
  name: string;
  virtualSize: number;
  /** Fraction of the disk holding data (thin SRs). */
  used: number;
  type?: string;
  /** Exact physical size (full copies keep their source's), instead of one derived from `used`. */
  physical?: number;
  fields?: Record<string, unknown>;
}

/** Creates a VDI on an SR (space checked), with SR totals updated; returns its ref. */
export function createVdi(engine: Engine, v: NewVdi): string {
  const physical = v.physical ?? physicalFor(engine, v.sr, v.virtualSize, v.used);
  assertSrSpace(engine, v.sr, physical);
  const uuid = randomUUID();
  const fields: Record<string, unknown> = {
    uuid, name_label: v.name, SR: v.sr, virtual_size: v.virtualSize, physical_utilisation: physical, type: v.type ?? 'user',
    location: uuid, managed: true, sm_config: srKind(engine, v.sr) === 'plain' ? {} : { vdi_type: 'vhd' }, on_boot: 'persist',
    parent: NULL_REF, snapshot_of: NULL_REF, ...v.fields,
  };
  fields.allowed_operations = vdiAllowedOperations(fields);
  const ref = engine.store.create('VDI', fields);
  refreshSrUsage(engine, v.sr);
  return ref;
}

/** Destroys a VDI record (and its VBD links' VDI field is left to the caller); SR totals updated. */
export function destroyVdi(engine: Engine, vdiRef: string): void {
  const sr = engine.store.get('VDI', vdiRef).SR as string;
  engine.store.destroy('VDI', vdiRef);
  refreshSrUsage(engine, sr);
}

/** The pool's default SR, or DEFAULT_SR_NOT_FOUND. */
export function defaultSr(engine: Engine): string {
  const sr = engine.store.get('pool', engine.poolRef()).default_SR as string;
  if (sr === NULL_REF || !engine.store.has('SR', sr)) fail('DEFAULT_SR_NOT_FOUND', sr);
  return sr;
}
