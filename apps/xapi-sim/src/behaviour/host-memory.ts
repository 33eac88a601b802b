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

/** Free memory of a host, computed from its metrics and resident VMs. */
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
  return Math.max(0, total - used);
}
