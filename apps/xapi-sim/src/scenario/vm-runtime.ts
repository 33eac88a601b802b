/** What a VM's running state adds: VM_metrics, VM_guest_metrics (guest agent data) and consoles. */
import { guestAgentReport } from './guest-agent.js';
import type { SeedBuilder } from './seed-builder.js';
import type { VmPlan } from './vm-plan.js';

/** VM_metrics for a VM; live values only when it has a domain. */
export function addVmMetrics(b: SeedBuilder, plan: VmPlan, live: boolean, startTime: Date, installTime: Date): string {
  const vcpuCpu: Record<string, number> = {};
  if (live) for (let i = 0; i < plan.size.vcpus; i++) vcpuCpu[String(i)] = b.rng.int(0, 7);
  return b.add('VM_metrics', {
    memory_actual: live ? plan.size.memory : 0,
    VCPUs_number: live ? plan.size.vcpus : 0,
    VCPUs_CPU: vcpuCpu,
    VCPUs_params: {},
    VCPUs_flags: {},
    state: [],
    start_time: live ? startTime : new Date(0),
    install_time: installTime,
    last_updated: live ? startTime : new Date(0),
    other_config: {},
    hvm: true,
    nested_virt: false,
    nomigrate: false,
    current_domain_type: live ? 'hvm' : 'unspecified',
  });
}

/** VM_guest_metrics as the guest agent fills them: OS, IPs (one per VIF), driver versions, features. */
export function addGuestMetrics(b: SeedBuilder, plan: VmPlan, ips: readonly string[], updated: Date): string {
  return b.add('VM_guest_metrics', guestAgentReport(plan.os, plan.name, ips, updated));
}

/** The graphical (rfb) and text (vt100) consoles a running VM has on its resident host. */
export function addConsoles(b: SeedBuilder, vm: string, hostAddress: string): void {
  for (const protocol of ['rfb', 'vt100'] as const) {
    const uuid = b.rng.uuid();
    b.add('console', { uuid, protocol, location: `https://${hostAddress}/console?uuid=${uuid}`, VM: vm, other_config: {} });
  }
}
