/**
 * Where a VM may run: host liveness and enablement, free memory, and whether the host sees the SRs of the VM's
 * disks (VM_REQUIRES_SR). Shared by start, pool_migrate, assert_can_boot_here and host evacuation plans.
 */
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';
import { fail, XapiError } from '../model/xapi-error.js';
import { hostFreeMemory, vmMemoryNeed } from './host-memory.js';

export function hostIsLive(engine: Engine, hostRef: string): boolean {
  const metrics = engine.store.get('host', hostRef).metrics as string;
  return !(metrics !== NULL_REF && engine.store.has('host_metrics', metrics) && engine.store.get('host_metrics', metrics).live === false);
}

export function hostUsable(engine: Engine, hostRef: string): 'ok' | 'disabled' | 'offline' {
  if (!hostIsLive(engine, hostRef)) return 'offline';
  return engine.store.get('host', hostRef).enabled === false ? 'disabled' : 'ok';
}

/** SRs holding the VM's disks (CDs and empty drives excluded). */
export function vmDiskSrs(engine: Engine, vmRef: string): string[] {
  const { store } = engine;
  const srs = new Set<string>();
  for (const vbd of store.get('VM', vmRef).VBDs as string[]) {
    const b = store.row('VBD', vbd)?.record;
    if (!b || b.empty || b.type === 'CD') continue;
    const vdi = store.row('VDI', b.VDI as string)?.record;
    if (vdi) srs.add(vdi.SR as string);
  }
  return [...srs];
}

/** Whether `hostRef` has an attached PBD for `srRef`. */
export function hostSeesSr(engine: Engine, hostRef: string, srRef: string): boolean {
  const sr = engine.store.row('SR', srRef)?.record;
  if (!sr) return false;
  return (sr.PBDs as string[]).some((p) => {
    const pbd = engine.store.row('PBD', p)?.record;
    return pbd?.host === hostRef && pbd.currently_attached === true;
  });
}

/**
 * xapi's assert_can_boot_here: HOST_OFFLINE [host] / HOST_DISABLED [host], VM_REQUIRES_SR [vm, sr],
 * then (when asked) HOST_NOT_ENOUGH_FREE_MEMORY [needed, available]. `extraFree` counts memory the VM already
 * holds on that host (a migration to its own host).
 */
export function assertCanBootHere(engine: Engine, vmRef: string, hostRef: string, opts: { memory?: boolean; srs?: boolean } = {}): void {
  engine.store.get('host', hostRef);
  const usable = hostUsable(engine, hostRef);
  if (usable === 'offline') fail('HOST_OFFLINE', hostRef);
  if (usable === 'disabled') fail('HOST_DISABLED', hostRef);
  if (opts.srs !== false) for (const sr of vmDiskSrs(engine, vmRef)) if (!hostSeesSr(engine, hostRef, sr)) fail('VM_REQUIRES_SR', vmRef, sr);
  if (opts.memory !== false) {
    const vm = engine.store.get('VM', vmRef);
    const need = vmMemoryNeed(vm);
    const free = hostFreeMemory(engine, hostRef) + (vm.resident_on === hostRef ? need : 0);
    if (free < need) fail('HOST_NOT_ENOUGH_FREE_MEMORY', need, free);
  }
}

/** Hosts the VM could boot on now (VM.get_possible_hosts). */
export function possibleHosts(engine: Engine, vmRef: string): string[] {
  return engine.store.refs('host').filter((h) => {
    try {
      assertCanBootHere(engine, vmRef, h);
      return true;
    } catch (e) {
      if (e instanceof XapiError) return false;
      throw e;
    }
  });
}

/**
 * The host a VM starts on: `given` (checked as assert_can_boot_here does: liveness, enablement, the VM's SRs —
 * unless `anySr`, the control port's shortcut — and memory) or the usable host with most free memory that sees
 * the VM's SRs, affinity first.
 */
export function pickHost(engine: Engine, vmRef: string, given?: string, { anySr = false } = {}): string {
  const vm = engine.store.get('VM', vmRef);
  const need = vmMemoryNeed(vm);
  if (given !== undefined) {
    assertCanBootHere(engine, vmRef, given, { srs: !anySr });
    return given;
  }
  const srs = vmDiskSrs(engine, vmRef);
  const candidates = engine.store.refs('host').filter((h) => hostUsable(engine, h) === 'ok').map((h) => ({ h, free: hostFreeMemory(engine, h) }));
  const seeing = candidates.filter((c) => srs.every((sr) => hostSeesSr(engine, c.h, sr)));
  if (candidates.length > 0 && seeing.length === 0 && srs[0]) fail('VM_REQUIRES_SR', vmRef, srs[0]);
  const fits = seeing.filter((c) => c.free >= need).sort((a, b) => b.free - a.free);
  const chosen = fits.find((c) => c.h === vm.affinity) ?? fits[0];
  if (!chosen) fail('HOST_NOT_ENOUGH_FREE_MEMORY', need, Math.max(0, ...seeing.map((c) => c.free)));
  return chosen.h;
}
