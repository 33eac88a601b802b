/**
 * Host memory accounting: free memory = total − host overhead − memory of resident domains (control domain
 * included). host_metrics.memory_free is Removed from the model, so clients ask host.compute_free_memory.
 */
import type { Engine } from '../api/engine.js';
import { NULL_REF } from '../model/type-grammar.js';

const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v ?? 0)) || 0;

/** Memory a VM needs to run: its dynamic max (static max when unset). */
export function vmMemoryNeed(vm: Record<string, unknown>): number {
  return num(vm.memory_dynamic_max) || num(vm.memory_static_max) || num(vm.memory_target);
}

/** Memory promised to VMs on their way to a host (starting, resuming, migrating), per engine: vm → host, bytes. */
const reservations = new WeakMap<Engine, Map<string, { host: string; bytes: number }>>();

/**
 * Reserves a VM's memory on the host it is being placed on, as xapi does with scheduled_to_be_resident_on, so
 * that concurrent placements cannot overcommit a host. Returns the release function.
 */
export function reserveMemory(engine: Engine, vmRef: string, hostRef: string): () => void {
  let m = reservations.get(engine);
  if (!m) reservations.set(engine, (m = new Map()));
  const entry = { host: hostRef, bytes: vmMemoryNeed(engine.store.get('VM', vmRef)) };
  m.set(vmRef, entry);
  return () => {
    if (m.get(vmRef) === entry) m.delete(vmRef);
  };
}

/** Free memory of a host, computed from its metrics, resident VMs and reservations. */
export function hostFreeMemory(engine: Engine, hostRef: string): number {
  const { store } = engine;
  const host = store.get('host', hostRef);
  const metrics = host.metrics as string;
  const total = metrics !== NULL_REF && store.has('host_metrics', metrics) ? num(store.get('host_metrics', metrics).memory_total) : 0;
  let used = num(host.memory_overhead);
  for (const vmRef of host.resident_VMs as string[]) {
    const vm = store.row('VM', vmRef)?.record;
    if (!vm) continue;
    const m = vm.metrics as string;
    const actual = m !== NULL_REF && store.has('VM_metrics', m) ? num(store.get('VM_metrics', m).memory_actual) : 0;
    used += actual || vmMemoryNeed(vm);
  }
  for (const [vm, r] of reservations.get(engine) ?? []) {
    if (r.host === hostRef && store.row('VM', vm)?.record.resident_on !== hostRef) used += r.bytes;
  }
  return Math.max(0, total - used);
}
