import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { isOnHost, isUserVm } from '../tree/object-kinds.js';
import { follow, nameOf, objectsOfType } from '../../store/mirror-read.js';
import { byName } from '../tree/name-order.js';

/** A setting with the range XAPI accepts for it (static_min ≤ dynamic_min ≤ dynamic_max ≤ static_max). */
export interface MemorySetting {
  readonly label: string;
  readonly bytes: number;
  /** Inclusive legal range given the other three settings; `max` null when only the host limits it. */
  readonly min: number;
  readonly max: number | null;
}

/** A VM's memory as its Memory tab draws it. */
export interface VmMemory {
  readonly staticMin: MemorySetting;
  readonly dynamicMin: MemorySetting;
  readonly dynamicMax: MemorySetting;
  readonly staticMax: MemorySetting;
  /** What the domain holds now (VM_metrics.memory_actual), null when it is not running. */
  readonly actual: number | null;
  /** Dynamic min below dynamic max: the balloon driver may move memory between them. */
  readonly ballooning: boolean;
  /** Whether the four settings respect XAPI's order (a VM edited behind XAPI's back might not). */
  readonly consistent: boolean;
}

/** `memory-static-max` from the VM's (template's) recommendations XML, if it sets one. */
export function recommendedStaticMax(vm: XapiRecord<'VM'>): number | null {
  const match = /field="memory-static-max"\s+max="(\d+)"/.exec(vm.recommendations);
  return match ? Number(match[1]) : null;
}

/** The four memory settings of a VM with their legal ranges, and its current allocation. */
export function vmMemory(index: ObjectIndex, vm: XapiRecord<'VM'>): VmMemory {
  const staticMin = vm.memory_static_min;
  const dynamicMin = vm.memory_dynamic_min;
  const dynamicMax = vm.memory_dynamic_max;
  const staticMax = vm.memory_static_max;
  const running = isOnHost(vm);
  const metrics = follow(index, vm.metrics);
  return {
    staticMin: { label: 'Static minimum', bytes: staticMin, min: 0, max: dynamicMin },
    dynamicMin: { label: 'Dynamic minimum', bytes: dynamicMin, min: staticMin, max: dynamicMax },
    dynamicMax: { label: 'Dynamic maximum', bytes: dynamicMax, min: dynamicMin, max: staticMax },
    staticMax: { label: 'Static maximum', bytes: staticMax, min: dynamicMax, max: recommendedStaticMax(vm) },
    actual: running && metrics ? metrics.memory_actual : null,
    ballooning: dynamicMin < dynamicMax,
    consistent: staticMin <= dynamicMin && dynamicMin <= dynamicMax && dynamicMax <= staticMax,
  };
}

/** What a running domain holds: its metrics when mirrored, else the target it was given. */
function domainMemory(index: ObjectIndex, vm: XapiRecord<'VM'>): number {
  const actual = follow(index, vm.metrics)?.memory_actual ?? 0;
  return actual > 0 ? actual : vm.memory_target || vm.memory_dynamic_max;
}

/** One VM's share of a host's memory. */
export interface VmMemoryUse {
  readonly vmId: string;
  readonly name: string;
  readonly bytes: number;
}

/** A host's memory as XenCenter's Memory tab and General tab show it. */
export interface HostMemory {
  readonly total: number;
  readonly used: number;
  readonly free: number;
  /** Xen's own overhead (host.memory_overhead). */
  readonly xen: number;
  readonly controlDomain: number;
  /** Running and paused VMs on the host, largest first. */
  readonly vms: readonly VmMemoryUse[];
}

/** host_metrics.memory_free, which servers from before its removal from the datamodel still send; 0 otherwise. */
function removedMemoryFree(metrics: XapiRecord<'host_metrics'> | undefined): number {
  const value = Number((metrics as { readonly memory_free?: unknown } | undefined)?.memory_free);
  return Number.isFinite(value) ? value : 0;
}

/**
 * Total from host_metrics; free from host_metrics.memory_free where the server still reports it, otherwise (it
 * was removed from the datamodel) total minus Xen, the control domain and every resident VM with its overhead.
 */
export function hostMemory(index: ObjectIndex, host: XapiRecord<'host'>): HostMemory {
  const metrics = follow(index, host.metrics);
  const total = metrics?.memory_total ?? 0;
  const xen = host.memory_overhead;
  let controlDomain = 0;
  let vmTotal = 0;
  const vms: VmMemoryUse[] = [];
  const resident = objectsOfType(index, 'VM', host.$pool).filter((vm) => vm.resident_on === host.$id);
  for (const vm of resident.sort(byName)) {
    if (vm.is_control_domain === true) {
      controlDomain += domainMemory(index, vm);
      continue;
    }
    if (!isUserVm(vm) || !isOnHost(vm)) continue;
    const bytes = domainMemory(index, vm);
    vmTotal += bytes + vm.memory_overhead;
    vms.push({ vmId: vm.$id, name: nameOf(vm), bytes });
  }
  const reportedFree = removedMemoryFree(metrics);
  const free = reportedFree > 0 ? reportedFree : Math.max(0, total - xen - controlDomain - vmTotal);
  vms.sort((a, b) => b.bytes - a.bytes);
  return { total, used: Math.max(0, total - free), free, xen, controlDomain, vms };
}
