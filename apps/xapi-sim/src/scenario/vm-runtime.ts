/** What a VM's running state adds: VM_metrics, VM_guest_metrics (guest agent data) and consoles. */
import type { OsInfo } from './os-catalog.js';
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

/** PV driver versions the guest tools report. */
function driversVersion(os: OsInfo): Record<string, string> {
  return os.family === 'windows'
    ? { major: '9', minor: '4', micro: '0', build: '146' }
    : { major: '8', minor: '3', micro: '0', build: '1' };
}

/** VM_guest_metrics as the guest agent fills them: OS, IPs (one per VIF), driver versions, features. */
export function addGuestMetrics(b: SeedBuilder, plan: VmPlan, ips: readonly string[], updated: Date): string {
  const networks: Record<string, string> = {};
  ips.forEach((ip, i) => {
    networks[`${i}/ip`] = ip;
    networks[`${i}/ipv4/0`] = ip;
    const last = ip.split('.').map(Number);
    networks[`${i}/ipv6/0`] = `fe80::${(last[2] ?? 0).toString(16)}:${(last[3] ?? 0).toString(16)}:ff:fe${i}`;
  });
  const os = plan.os;
  const windows = os.family === 'windows';
  return b.add('VM_guest_metrics', {
    os_version: {
      name: os.prettyName,
      distro: os.distro,
      major: os.major,
      minor: os.minor,
      ...(os.uname ? { uname: os.uname } : {}),
    },
    netbios_name: windows ? { host_name: plan.name.toUpperCase().slice(0, 15) } : {},
    PV_drivers_version: driversVersion(os),
    PV_drivers_up_to_date: true,
    networks,
    other: {
      'feature-suspend': '1',
      'feature-poweroff': '1',
      'feature-reboot': '1',
      'feature-vcpu-hotplug': '1',
      'feature-balloon': '1',
      'has-vendor-device': windows ? '1' : '0',
      'platform-feature-multiprocessor-suspend': '1',
    },
    last_updated: updated,
    other_config: {},
    live: true,
    can_use_hotplug_vbd: 'yes',
    can_use_hotplug_vif: 'yes',
    PV_drivers_detected: true,
    services: {},
  });
}

/** The graphical (rfb) and text (vt100) consoles a running VM has on its resident host. */
export function addConsoles(b: SeedBuilder, vm: string, hostAddress: string): void {
  for (const protocol of ['rfb', 'vt100'] as const) {
    const uuid = b.rng.uuid();
    b.add('console', { uuid, protocol, location: `https://${hostAddress}/console?uuid=${uuid}`, VM: vm, other_config: {} });
  }
}
