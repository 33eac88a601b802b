/**
 * Building VMs from VMs (clone, copy, snapshot, checkpoint, revert): the new VM record without the source's
 * runtime state, its disks (copy-on-write children, full copies or snapshots), VBDs, VIFs and fresh metrics.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { assertSrSpace, createVdi, MiB, physicalFor, srKind } from './sr-usage.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Fields a VM never takes from the VM it is made from. */
const RUNTIME_VM_FIELDS = [
  'uuid', 'allowed_operations', 'current_operations', 'resident_on', 'scheduled_to_be_resident_on', 'domid', 'metrics', 'guest_metrics',
  'is_control_domain', 'snapshot_of', 'snapshot_time', 'is_a_snapshot', 'transportable_snapshot_id', 'snapshot_info', 'snapshot_metadata',
  'parent', 'suspend_VDI', 'is_default_template', 'last_booted_record', 'pending_guidances',
  // xapi makes copies and snapshots with no schedule and no blobs of their own (a snapshot's screenshot is its own).
  'snapshot_schedule', 'is_vmss_snapshot', 'blobs',
];

/** A new VM record from `source`, runtime fields dropped, `fields` on top, with a fresh VM_metrics object. */
export function newVmFrom(engine: Engine, source: Record<string, unknown>, fields: Record<string, unknown>): string {
  const rec: Record<string, unknown> = { ...source };
  for (const f of RUNTIME_VM_FIELDS) delete rec[f];
  const metrics = engine.store.create('VM_metrics', { memory_actual: 0, VCPUs_number: 0, install_time: new Date(), last_updated: new Date() });
  return engine.store.create('VM', { ...rec, domid: -1, uuid: randomUUID(), metrics, ...fields });
}

/** How a disk is carried over to the new VM. */
export type DiskMode =
  | { kind: 'clone' }
  | { kind: 'copy'; sr?: string }
  | { kind: 'snapshot'; time: Date };

export interface DiskPlan { vbd: Record<string, unknown>; vdi?: Record<string, unknown>; vdiRef?: string }

/** The VM's VBDs with their VDIs (CD drives and empty drives have no VDI to copy). */
export function diskPlans(engine: Engine, vmRef: string, ignore: ReadonlySet<string> = new Set()): DiskPlan[] {
  const { store } = engine;
  const out: DiskPlan[] = [];
  for (const vbdRef of store.get('VM', vmRef).VBDs as string[]) {
    const vbd = store.row('VBD', vbdRef)?.record;
    if (!vbd) continue;
    const vdiRef = vbd.VDI as string;
    const vdi = vbd.type !== 'CD' && !vbd.empty && !ignore.has(vdiRef) ? store.row('VDI', vdiRef)?.record : undefined;
    if (vbd.type !== 'CD' && !vdi) continue; // an ignored disk is not part of the new VM
    out.push(vdi ? { vbd, vdi, vdiRef } : { vbd });
  }
  return out;
}

/** Bytes that `mode` writes for these disks, per SR (for SR_FULL checks before anything is created). */
export function assertSpaceFor(engine: Engine, plans: DiskPlan[], mode: DiskMode): void {
  const need = new Map<string, number>();
  for (const p of plans) {
    if (!p.vdi) continue;
    const sr = mode.kind === 'copy' && mode.sr ? mode.sr : (p.vdi.SR as string);
    const sameKind = srKind(engine, sr) === srKind(engine, p.vdi.SR as string);
    const bytes = mode.kind !== 'copy' ? physicalFor(engine, sr, num(p.vdi.virtual_size), 0)
      : sameKind ? num(p.vdi.physical_utilisation) : physicalFor(engine, sr, num(p.vdi.virtual_size), usedFraction(p.vdi));
    need.set(sr, (need.get(sr) ?? 0) + bytes);
  }
  for (const [sr, bytes] of need) assertSrSpace(engine, sr, bytes);
}

function usedFraction(vdi: Record<string, unknown>): number {
  const v = num(vdi.virtual_size);
  return v > 0 ? Math.min(1, num(vdi.physical_utilisation) / v) : 0;
}

/** One VDI carried over: a VHD child (clone, snapshot) or a full copy. */
export function carryVdi(engine: Engine, vdiRef: string, vdi: Record<string, unknown>, mode: DiskMode): string {
  const common = {
    name_description: vdi.name_description, sharable: vdi.sharable, read_only: vdi.read_only, other_config: vdi.other_config,
    xenstore_data: vdi.xenstore_data, tags: vdi.tags, on_boot: vdi.on_boot, allow_caching: vdi.allow_caching,
  };
  const base = { name: String(vdi.name_label), virtualSize: num(vdi.virtual_size), type: String(vdi.type) };
  let carried: string;
  if (mode.kind === 'copy') {
    const sr = mode.sr ?? (vdi.SR as string);
    // Same kind of SR: the copy takes what the source takes; otherwise what the target SR's kind gives.
    const sameKind = srKind(engine, sr) === srKind(engine, vdi.SR as string);
    carried = createVdi(engine, { ...base, sr, used: usedFraction(vdi), ...(sameKind ? { physical: num(vdi.physical_utilisation) } : {}), fields: common });
  } else {
    // Copy-on-write: a small VHD whose parent is the source disk, on the same SR.
    const smConfig = { ...(vdi.sm_config as Record<string, string>), 'vhd-parent': String(vdi.uuid) };
    const snap = mode.kind === 'snapshot' ? { is_a_snapshot: true, snapshot_of: vdiRef, snapshot_time: mode.time } : {};
    carried = createVdi(engine, { ...base, sr: vdi.SR as string, used: 0, fields: { ...common, sm_config: smConfig, ...snap } });
  }
  // A clone reads through to its parent and a copy holds the same bytes: either way the new disk reads as the source.
  disksFor(engine).copyContent(vdiRef, carried);
  return carried;
}

/** Copies the disks and drives of `plans` to `vmRef` (`mode` decides how disks are carried). */
export function copyVbds(engine: Engine, vmRef: string, plans: DiskPlan[], mode: DiskMode): void {
  for (const p of plans) {
    const vdi = p.vdi && p.vdiRef ? carryVdi(engine, p.vdiRef, p.vdi, mode) : p.vbd.VDI;
    const rec: Record<string, unknown> = { ...p.vbd, uuid: randomUUID(), VM: vmRef, VDI: vdi, currently_attached: false, current_operations: {}, allowed_operations: [] };
    engine.store.create('VBD', rec);
  }
}

/** A random locally administered unicast MAC, as xapi autogenerates. */
export function randomMac(): string {
  const b = randomBytes(6);
  b[0] = (b[0]! & 0xfe) | 0x02;
  return [...b].map((x) => x.toString(16).padStart(2, '0')).join(':');
}

/** Copies the VIFs of `sourceVm` to `vmRef`; new (autogenerated) MACs unless `keepMacs` (snapshots keep them). */
export function copyVifs(engine: Engine, sourceVm: string, vmRef: string, keepMacs: boolean): void {
  const { store } = engine;
  for (const vifRef of store.get('VM', sourceVm).VIFs as string[]) {
    const vif = store.row('VIF', vifRef)?.record;
    if (!vif) continue;
    const mac = keepMacs ? { MAC: vif.MAC } : { MAC: randomMac(), MAC_autogenerated: true };
    store.create('VIF', { ...vif, uuid: randomUUID(), VM: vmRef, ...mac, currently_attached: false, current_operations: {}, allowed_operations: [] });
  }
}

/** A suspend image VDI for `vmRef` (checkpoints, suspended copies): memory-sized, on `sr`. */
export function createSuspendVdi(engine: Engine, vmRef: string, sr: string): string {
  const vm = engine.store.get('VM', vmRef);
  const size = num(vm.memory_static_max) + 16 * MiB;
  return createVdi(engine, { sr, name: `Suspend image for ${String(vm.name_label)}`, virtualSize: size, used: 1, type: 'suspend' });
}

/** Destroys a VM's VBDs, VIFs, consoles, metrics and guest metrics (VDIs are left alone, as xapi does). */
export function destroyVmObjects(engine: Engine, vmRef: string): void {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  for (const cls of ['VBD', 'VIF', 'console', 'VTPM', 'VUSB', 'VGPU', 'crashdump'] as const) {
    const field = cls === 'crashdump' ? 'crash_dumps' : `${cls}s`;
    const refs = (cls === 'console' ? vm.consoles : vm[field]) as string[] | undefined;
    for (const r of [...(refs ?? [])]) if (store.has(cls, r)) store.destroy(cls, r);
  }
  for (const [cls, field] of [['VM_metrics', 'metrics'], ['VM_guest_metrics', 'guest_metrics']] as const) {
    const r = vm[field] as string;
    if (r !== NULL_REF && store.has(cls, r)) store.destroy(cls, r);
  }
}
