/**
 * VM.snapshot (disk snapshots: is_a_snapshot VDIs pointing at their source), VM.checkpoint (a snapshot that also
 * keeps the memory image: power_state Suspended with a suspend VDI, and the guest's state in guest-memory.ts) and
 * VM.revert (the VM's disks replaced by children of the snapshot's, settings restored; a checkpoint brings the VM
 * back Suspended with the checkpoint's memory image, so a resume runs the guest from there). Each snapshot records
 * `snapshot_info['power-state-at-snapshot']`.
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { captureGuest, dropGuestImage, guestImageOf, keepGuestImage } from './guest-memory.js';
import { runOperation } from './operation.js';
import { destroyVdi, MiB } from './sr-usage.js';
import { vmAlert } from './vm-alerts.js';
import { assertSpaceFor, copyVbds, copyVifs, createSuspendVdi, diskPlans, newVmFrom } from './vm-copies.js';
import { checkVm } from './vm-power.js';
import { markStopped } from './vm-runtime-state.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Simulated durations (ms before scaling); a checkpoint also writes memory at MEMORY_BYTES_PER_S. */
export const SNAPSHOT_MS = { base: 2000, perDisk: 500 };
export const REVERT_MS = { base: 2000, perDisk: 300 };
export const MEMORY_BYTES_PER_S = 500 * MiB;

/** Settings a revert restores from the snapshot (identity, devices and runtime state excluded). */
const RESTORED_FIELDS = [
  'name_description', 'memory_static_max', 'memory_dynamic_max', 'memory_dynamic_min', 'memory_static_min', 'memory_target', 'VCPUs_params',
  'VCPUs_max', 'VCPUs_at_startup', 'actions_after_shutdown', 'actions_after_reboot', 'actions_after_crash', 'HVM_boot_policy', 'HVM_boot_params',
  'platform', 'PV_args', 'PV_bootloader', 'PV_kernel', 'PV_ramdisk', 'other_config', 'recommendations', 'domain_type', 'NVRAM', 'affinity',
];

function suspendSr(engine: Engine, vmRef: string): string {
  const pool = engine.store.get('pool', engine.poolRef());
  for (const sr of [pool.suspend_image_SR, pool.default_SR]) if (typeof sr === 'string' && sr !== NULL_REF && engine.store.has('SR', sr)) return sr;
  fail('VM_NO_SUSPEND_SR', vmRef);
}

/** Takes the snapshot (the record work at the end of the operation). */
function takeSnapshot(engine: Engine, vmRef: string, name: string, ignore: ReadonlySet<string>, withMemory: boolean): string {
  const { store } = engine;
  const vm = store.get('VM', vmRef);
  const time = new Date();
  const plans = diskPlans(engine, vmRef, ignore);
  const ref = newVmFrom(engine, vm, {
    name_label: name, is_a_template: true, is_a_snapshot: true, snapshot_of: vmRef, snapshot_time: time, parent: vm.parent,
    power_state: withMemory ? 'Suspended' : 'Halted', tags: [], affinity: vm.affinity,
    // What XenCenter reads to restore the power state after a revert.
    snapshot_info: { 'power-state-at-snapshot': String(vm.power_state), 'disk-snapshot-type': 'crash_consistent' },
  });
  copyVbds(engine, ref, plans, { kind: 'snapshot', time });
  copyVifs(engine, vmRef, ref, true);
  if (withMemory) {
    store.update('VM', ref, { suspend_VDI: createSuspendVdi(engine, vmRef, suspendSr(engine, vmRef)) });
    keepGuestImage(engine, ref, captureGuest(engine, vmRef));
  }
  // The snapshot tree: the VM now descends from its newest snapshot.
  store.update('VM', vmRef, { parent: ref });
  engine.refreshAllowedOperations('VM', ref);
  return ref;
}

export function registerVmSnapshot(engine: Engine): void {
  const r = engine.registry;

  const snapshot = (ctx: CallContext, vmRef: string, name: string, ignore: ReadonlySet<string>, op: 'snapshot' | 'checkpoint'): Promise<string> => {
    const vm = checkVm(ctx, vmRef, op === 'checkpoint' ? ['Running'] : ['Halted', 'Running', 'Suspended']);
    const plans = diskPlans(ctx.engine, vmRef, ignore);
    assertSpaceFor(ctx.engine, plans, { kind: 'snapshot', time: new Date() });
    if (op === 'checkpoint') suspendSr(ctx.engine, vmRef);
    const memMs = op === 'checkpoint' ? (num(vm.memory_static_max) / MEMORY_BYTES_PER_S) * 1000 : 0;
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op, durationMs: SNAPSHOT_MS.base + SNAPSHOT_MS.perDisk * plans.length + memMs,
      apply: () => {
        const ref = takeSnapshot(ctx.engine, vmRef, name, ignore, op === 'checkpoint');
        if (op === 'checkpoint') vmAlert(ctx.engine, vmRef, 'VM_CHECKPOINTED');
        return ref;
      },
    });
  };
  r.implement('VM', 'snapshot', (ctx, [vm, name, ignore]) => snapshot(ctx, String(vm), String(name), new Set((ignore ?? []) as string[]), 'snapshot'));
  // XCP-ng has no VSS quiesce provider: the call fails as there.
  r.implement('VM', 'snapshot_with_quiesce', (_ctx, [vm]) => fail('VM_SNAPSHOT_WITH_QUIESCE_NOT_SUPPORTED', vm, 'no VSS provider in the guest'));
  r.implement('VM', 'checkpoint', (ctx, [vm, name]) => snapshot(ctx, String(vm), String(name), new Set(), 'checkpoint'));

  r.implement('VM', 'revert', (ctx, [snap]) => {
    const snapRef = String(snap);
    const { store } = ctx.engine;
    const s = store.get('VM', snapRef);
    if (!s.is_a_snapshot) fail('REVERT_ONLY_ALLOWED_ON_SNAPSHOT');
    const vmRef = s.snapshot_of as string;
    if (vmRef === NULL_REF || !store.has('VM', vmRef)) fail('VM_REVERT_FAILED', vmRef, snapRef);
    checkVm(ctx, vmRef, ['Halted', 'Running', 'Paused', 'Suspended']);
    const plans = diskPlans(ctx.engine, snapRef);
    assertSpaceFor(ctx.engine, plans, { kind: 'clone' });
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: 'revert', durationMs: REVERT_MS.base + REVERT_MS.perDisk * plans.length,
      apply: () => {
        const vm = store.get('VM', vmRef);
        if (vm.power_state !== 'Halted') markStopped(ctx.engine, vmRef, 'Halted');
        // The VM's current disks and drives are replaced by children of the snapshot's.
        for (const vbd of [...(store.get('VM', vmRef).VBDs as string[])]) {
          const b = store.get('VBD', vbd);
          store.destroy('VBD', vbd);
          const vdi = b.VDI as string;
          if (b.type !== 'CD' && store.has('VDI', vdi) && (store.get('VDI', vdi).VBDs as string[]).length === 0) destroyVdi(ctx.engine, vdi);
        }
        copyVbds(ctx.engine, vmRef, plans, { kind: 'clone' });
        const patch: Record<string, unknown> = { parent: snapRef };
        for (const f of RESTORED_FIELDS) if (f in s) patch[f] = s[f];
        const fromCheckpoint = s.power_state === 'Suspended' && s.suspend_VDI !== NULL_REF && store.has('VDI', s.suspend_VDI as string);
        if (fromCheckpoint) {
          const sus = store.get('VDI', s.suspend_VDI as string);
          patch.suspend_VDI = createSuspendVdi(ctx.engine, vmRef, sus.SR as string);
          patch.power_state = 'Suspended';
        }
        store.update('VM', vmRef, patch);
        // A checkpoint's memory image becomes the VM's: resuming it runs the guest from where the checkpoint was.
        const image = fromCheckpoint ? guestImageOf(ctx.engine, snapRef) : undefined;
        if (image) keepGuestImage(ctx.engine, vmRef, image);
        else dropGuestImage(ctx.engine, vmRef);
        vmAlert(ctx.engine, vmRef, 'VM_SNAPSHOT_REVERTED');
        return '';
      },
    });
  });
}
