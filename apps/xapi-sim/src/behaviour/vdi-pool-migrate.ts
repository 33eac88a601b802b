/**
 * VDI.pool_migrate(vdi, sr, options): live storage migration of one disk of a running VM within the pool. The
 * disk is mirrored to a new VDI on the target SR (time ∝ data), the VM's VBD is switched to it while the guest
 * keeps running, and the old disk is destroyed; the new VDI's ref is the result. Checks as xapi: the disk must be
 * attached to a running VM (VDI_NEEDS_VM_FOR_MIGRATE), the target SR plugged on the VM's host (VM_REQUIRES_SR),
 * room there (SR_FULL), no snapshot (VDI_IS_A_SNAPSHOT via OPERATION_NOT_ALLOWED). Cancellable until the switch.
 */
import type { Engine } from '../api/engine.js';
import { disksFor } from '../disk/disks-for-engine.js';
import { fail } from '../model/xapi-error.js';
import { runOperation } from './operation.js';
import { assertSrSpace, createVdi, destroyVdi, physicalFor, srKind } from './sr-usage.js';
import { VDI_COPY_BYTES_PER_S } from './storage-vdi.js';

/** Setup time of a mirror (ms before scaling), on top of the data. */
export const POOL_MIGRATE_SETUP_MS = 1500;

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

export function registerVdiPoolMigrate(engine: Engine): void {
  const { store } = engine;
  engine.registry.implement('VDI', 'pool_migrate', (ctx, [vdi, sr]) => {
    const ref = String(vdi);
    const target = String(sr);
    const rec = store.get('VDI', ref);
    store.get('SR', target);
    if (rec.is_a_snapshot === true) fail('OPERATION_NOT_ALLOWED', 'Snapshots cannot be migrated');
    // The disk must be in use by a running domain: that VM's host mirrors it.
    const vbdRef = (rec.VBDs as string[]).find((b) => store.row('VBD', b)?.record.currently_attached === true);
    const vbd = vbdRef ? store.get('VBD', vbdRef) : undefined;
    const vm = vbd ? store.get('VM', String(vbd.VM)) : undefined;
    if (!vbdRef || !vm || (vm.power_state !== 'Running' && vm.power_state !== 'Paused')) fail('VDI_NEEDS_VM_FOR_MIGRATE', ref);
    if (target === rec.SR) return ref;
    const host = String(vm.resident_on);
    const plugged = (store.get('SR', target).PBDs as string[]).some((p) => store.get('PBD', p).host === host && store.get('PBD', p).currently_attached === true);
    if (!plugged) fail('VM_REQUIRES_SR', String(vbd!.VM), target);
    if (srKind(engine, target) === 'plain') fail('SR_OPERATION_NOT_SUPPORTED', target);
    const size = num(rec.virtual_size);
    const used = size > 0 ? Math.min(1, num(rec.physical_utilisation) / size) : 0;
    assertSrSpace(engine, target, physicalFor(engine, target, size, used));
    const bytes = num(rec.physical_utilisation);
    return runOperation(ctx, {
      cls: 'VDI', ref, op: 'mirror', durationMs: POOL_MIGRATE_SETUP_MS + (bytes / VDI_COPY_BYTES_PER_S) * 1000, steps: 10,
      apply: () => {
        const copy = createVdi(engine, {
          sr: target, name: String(rec.name_label), virtualSize: size, type: String(rec.type), used,
          fields: { name_description: rec.name_description, sharable: rec.sharable, read_only: rec.read_only, other_config: rec.other_config, xenstore_data: rec.xenstore_data, tags: rec.tags, on_boot: rec.on_boot },
        });
        disksFor(engine).copyContent(ref, copy);
        // The guest now writes to the mirror: its VBD points there, still attached.
        store.update('VBD', vbdRef, { VDI: copy });
        for (const other of [...(store.get('VDI', ref).VBDs as string[])]) if (other !== vbdRef) store.update('VBD', other, { VDI: copy });
        destroyVdi(engine, ref);
        return copy;
      },
    });
  });
}
