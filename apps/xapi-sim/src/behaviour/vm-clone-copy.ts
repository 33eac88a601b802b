/**
 * VM.clone (fast: copy-on-write children of the disks on the same SRs), VM.copy (full copies, optional target
 * SR, duration proportional to the data), VM.provision (disks from a template's other_config.disks) and
 * VM.destroy (VBDs, VIFs, consoles, metrics and blobs go, children are rebased onto the parent; VDIs stay, as in xapi).
 */
import type { CallContext } from '../api/call-context.js';
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail } from '../model/xapi-error.js';
import { destroyBlobsOf } from './blobs.js';
import { runOperation } from './operation.js';
import { createVdi, defaultSr, MiB, assertSrSpace, physicalFor } from './sr-usage.js';
import { assertSpaceFor, copyVbds, copyVifs, destroyVmObjects, diskPlans, newVmFrom, type DiskMode } from './vm-copies.js';
import { checkVm } from './vm-power.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Simulated durations (ms before scaling); copies move data at COPY_BYTES_PER_S. */
export const CLONE_MS = { base: 1500, perDisk: 300 };
export const COPY_MS = { base: 2000 };
export const COPY_BYTES_PER_S = 150 * MiB;
export const PROVISION_MS = { base: 1000, perDisk: 500 };
export const DESTROY_MS = 500;

/** Clone or copy of `vmRef` named `name`: returns the new VM. */
function duplicate(engine: Engine, vmRef: string, name: string, mode: DiskMode): string {
  const src = engine.store.get('VM', vmRef);
  const plans = diskPlans(engine, vmRef);
  assertSpaceFor(engine, plans, mode);
  // A clone or copy of a snapshot is a template (xapi); of a template, a template; of a VM, a VM.
  const suspended = src.power_state === 'Suspended' && !src.is_a_snapshot && src.suspend_VDI !== NULL_REF && engine.store.has('VDI', src.suspend_VDI as string);
  const ref = newVmFrom(engine, src, {
    name_label: name, is_a_template: src.is_a_template === true, power_state: suspended ? 'Suspended' : 'Halted',
    parent: src.is_a_snapshot ? vmRef : NULL_REF,
  });
  copyVbds(engine, ref, plans, mode);
  copyVifs(engine, vmRef, ref, false);
  if (suspended) {
    const sus = engine.store.get('VDI', src.suspend_VDI as string);
    const copyMode: DiskMode = mode.kind === 'copy' ? { kind: 'copy', sr: mode.sr ?? (sus.SR as string) } : mode;
    const vdi = createVdi(engine, { sr: copyMode.kind === 'copy' ? copyMode.sr! : (sus.SR as string), name: String(sus.name_label), virtualSize: num(sus.virtual_size), used: 1, type: 'suspend' });
    engine.store.update('VM', ref, { suspend_VDI: vdi });
  }
  engine.refreshAllowedOperations('VM', ref);
  return ref;
}

/** Parses a template's `<provision><disk device=… size=… sr=… bootable=… type=…/></provision>`. */
export function parseProvisionDisks(xml: string): { device: string; size: number; sr: string; bootable: boolean; type: string }[] {
  const out = [];
  for (const m of xml.matchAll(/<disk\b([^>]*)\/?>/g)) {
    const attrs: Record<string, string> = {};
    for (const a of (m[1] ?? '').matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
    out.push({ device: attrs.device ?? '0', size: num(attrs.size), sr: attrs.sr ?? '', bootable: attrs.bootable === 'true', type: attrs.type ?? 'system' });
  }
  return out;
}

const DEVICE_NAMES = ['xvda', 'xvdb', 'xvdc', 'xvdd', 'xvde', 'xvdf', 'xvdg', 'xvdh'];

export function registerVmCloneCopy(engine: Engine): void {
  const r = engine.registry;

  r.implement('VM', 'clone', (ctx: CallContext, [vm, newName]) => {
    const vmRef = String(vm);
    checkVm(ctx, vmRef, ['Halted', 'Suspended'], { template: true, snapshot: true });
    const disks = diskPlans(ctx.engine, vmRef).filter((p) => p.vdi).length;
    assertSpaceFor(ctx.engine, diskPlans(ctx.engine, vmRef), { kind: 'clone' });
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: 'clone', durationMs: CLONE_MS.base + CLONE_MS.perDisk * disks,
      apply: () => duplicate(ctx.engine, vmRef, String(newName), { kind: 'clone' }),
    });
  });

  r.implement('VM', 'copy', (ctx: CallContext, [vm, newName, sr]) => {
    const vmRef = String(vm);
    checkVm(ctx, vmRef, ['Halted', 'Suspended'], { template: true, snapshot: true });
    const target = sr === undefined || sr === NULL_REF || sr === '' ? undefined : String(sr);
    if (target) ctx.engine.store.get('SR', target);
    const mode: DiskMode = { kind: 'copy', ...(target ? { sr: target } : {}) };
    const plans = diskPlans(ctx.engine, vmRef);
    assertSpaceFor(ctx.engine, plans, mode);
    const bytes = plans.reduce((s, p) => s + (p.vdi ? num(p.vdi.physical_utilisation) : 0), 0);
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: 'copy', steps: 20, durationMs: COPY_MS.base + (bytes / COPY_BYTES_PER_S) * 1000,
      apply: () => duplicate(ctx.engine, vmRef, String(newName), mode),
    });
  });

  r.implement('VM', 'provision', (ctx: CallContext, [vm]) => {
    const vmRef = String(vm);
    const rec = checkVm(ctx, vmRef, ['Halted'], { template: true });
    if (!rec.is_a_template) fail('PROVISION_ONLY_ALLOWED_ON_TEMPLATE');
    const oc = rec.other_config as Record<string, string>;
    const disks = parseProvisionDisks(oc.disks ?? '');
    const targets = disks.map((d) => {
      if (d.sr === '') return defaultSr(ctx.engine);
      const byUuid = ctx.engine.store.refByUuid('SR', d.sr);
      if (!byUuid) fail('UUID_INVALID', 'SR', d.sr);
      return byUuid;
    });
    const need = new Map<string, number>();
    disks.forEach((d, i) => need.set(targets[i]!, (need.get(targets[i]!) ?? 0) + physicalFor(ctx.engine, targets[i]!, d.size, 0)));
    for (const [sr, bytes] of need) assertSrSpace(ctx.engine, sr, bytes);
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: 'provision', durationMs: PROVISION_MS.base + PROVISION_MS.perDisk * disks.length,
      apply: () => {
        disks.forEach((d, i) => {
          const vdi = createVdi(ctx.engine, { sr: targets[i]!, name: d.device === '0' ? `${String(rec.name_label)} 0` : `${String(rec.name_label)} ${d.device}`, virtualSize: d.size, used: 0, type: d.type === 'system' ? 'system' : 'user' });
          const n = Number(d.device);
          ctx.engine.store.create('VBD', {
            VM: vmRef, VDI: vdi, userdevice: d.device, device: DEVICE_NAMES[n] ?? '', bootable: d.bootable, mode: 'RW', type: 'Disk',
            unpluggable: n !== 0, empty: false, other_config: { owner: 'true' },
          });
        });
        // xapi drops the key so that a VM made from this one is not provisioned twice.
        const { disks: _gone, ...rest } = ctx.engine.store.get('VM', vmRef).other_config as Record<string, string>;
        ctx.engine.store.update('VM', vmRef, { other_config: rest });
        return '';
      },
    });
  });

  r.implement('VM', 'destroy', (ctx: CallContext, [vm]) => {
    const vmRef = String(vm);
    const rec = ctx.engine.store.get('VM', vmRef);
    if (rec.is_control_domain) fail('OPERATION_NOT_ALLOWED', 'This operation is not allowed on the control domain');
    if (rec.is_default_template) fail('VM_CANNOT_DELETE_DEFAULT_TEMPLATE', vmRef);
    if (!rec.is_a_snapshot) checkVm(ctx, vmRef, ['Halted'], { template: true });
    return runOperation(ctx, {
      cls: 'VM', ref: vmRef, op: 'destroy', durationMs: DESTROY_MS, steps: 1,
      apply: () => {
        // xapi_vm.ml destroy: the children of a VM (or snapshot) in the snapshot tree are rebased onto its parent.
        const { parent, children } = ctx.engine.store.get('VM', vmRef);
        for (const child of children as string[]) if (ctx.engine.store.has('VM', child)) ctx.engine.store.update('VM', child, { parent });
        destroyBlobsOf(ctx.engine, 'VM', vmRef);
        destroyVmObjects(ctx.engine, vmRef);
        ctx.engine.store.destroy('VM', vmRef);
        return '';
      },
    });
  });
}

