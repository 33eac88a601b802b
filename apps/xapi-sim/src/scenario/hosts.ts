/** Hosts: the host record, its metrics, physical CPUs and control domain (dom0). */
import { vmMemoryOverhead } from './memory.js';
import { API_VERSION, edition, softwareVersion, type CpuModel, type ProductBrand } from './product.js';
import { GiB, MiB, type SeedBuilder } from './seed-builder.js';

export interface HostPlan {
  name: string;
  address: string;
  cpus: number;
  cpu: CpuModel;
  memoryTotal: number;
  dom0Memory: number;
  /** When the host booted (also when dom0 started). */
  bootTime: Date;
}

export interface HostHandle {
  ref: string;
  plan: HostPlan;
  fields: Record<string, unknown>;
  controlDomain: string;
}

/** Host overhead XAPI reserves for Xen itself, proportional to memory. */
export function hostMemoryOverhead(memoryTotal: number): number {
  return Math.ceil(memoryTotal / 256 / MiB) * MiB;
}

/** Creates a host with its host_metrics, host_cpu objects and a running control domain resident on it. */
export function addHost(b: SeedBuilder, plan: HostPlan, brand: ProductBrand, productVersion?: string): HostHandle {
  const rng = b.rng;
  const ref = b.newRef();
  const metrics = b.add('host_metrics', {
    memory_total: plan.memoryTotal,
    live: true,
    last_updated: plan.bootTime,
    other_config: {},
  });
  for (let i = 0; i < plan.cpus; i++) {
    b.add('host_cpu', {
      host: ref,
      number: i,
      vendor: plan.cpu.vendor,
      speed: plan.cpu.speedMHz,
      modelname: plan.cpu.modelname,
      family: plan.cpu.family,
      model: plan.cpu.model,
      stepping: plan.cpu.stepping,
      flags: plan.cpu.flags,
      features: plan.cpu.features,
      utilisation: Math.round(rng.next() * 40) / 100,
    });
  }
  const controlDomain = addControlDomain(b, ref, plan);
  const bootSeconds = Math.floor(plan.bootTime.getTime() / 1000);
  const fields = b.put('host', ref, {
    name_label: plan.name,
    name_description: 'Default install',
    hostname: plan.name,
    address: plan.address,
    enabled: true,
    API_version_major: API_VERSION.major,
    API_version_minor: API_VERSION.minor,
    API_version_vendor: API_VERSION.vendor,
    API_version_vendor_implementation: {},
    software_version: softwareVersion(brand, plan.name, productVersion),
    other_config: {
      agent_start_time: `${bootSeconds + 40}.`,
      boot_time: `${bootSeconds}.`,
      iscsi_iqn: `iqn.2024-10.com.example:${plan.name}`,
    },
    capabilities: ['xen-3.0-x86_64', 'hvm-3.0-x86_32', 'hvm-3.0-x86_32p', 'hvm-3.0-x86_64'],
    cpu_configuration: {},
    sched_policy: 'credit',
    supported_bootloaders: ['pygrub', 'eliloader'],
    logging: {},
    cpu_info: {
      cpu_count: String(plan.cpus),
      socket_count: String(plan.cpus >= 24 ? 2 : 1),
      vendor: plan.cpu.vendor,
      speed: `${plan.cpu.speedMHz}.000`,
      modelname: plan.cpu.modelname,
      family: String(plan.cpu.family),
      model: String(plan.cpu.model),
      stepping: plan.cpu.stepping,
      flags: plan.cpu.flags,
      features_pv: plan.cpu.features,
      features_hvm: plan.cpu.features,
    },
    metrics,
    memory_overhead: hostMemoryOverhead(plan.memoryTotal),
    license_params: { sku_type: edition(brand), expiry: '20380119T03:14:07Z', restrict_pooling: 'false' },
    edition: edition(brand),
    license_server: { address: 'localhost', port: '27000' },
    bios_strings: { 'bios-vendor': 'Dell Inc.', 'system-manufacturer': 'Dell Inc.', 'system-product-name': 'PowerEdge R650' },
    iscsi_iqn: `iqn.2024-10.com.example:${plan.name}`,
    control_domain: controlDomain,
    virtual_hardware_platform_versions: [0, 1, 2],
    tls_verification_enabled: true,
    https_only: false,
    last_software_update: new Date(plan.bootTime.getTime() - 86_400_000),
    timezone: 'UTC',
  });
  return { ref, plan, fields, controlDomain };
}

function addControlDomain(b: SeedBuilder, host: string, plan: HostPlan): string {
  const vcpus = Math.min(16, plan.cpus);
  const vcpuCpu: Record<string, number> = {};
  for (let i = 0; i < vcpus; i++) vcpuCpu[String(i)] = i;
  const metrics = b.add('VM_metrics', {
    memory_actual: plan.dom0Memory,
    VCPUs_number: vcpus,
    VCPUs_CPU: vcpuCpu,
    VCPUs_params: {},
    VCPUs_flags: {},
    state: [],
    start_time: plan.bootTime,
    install_time: plan.bootTime,
    last_updated: plan.bootTime,
    hvm: false,
    current_domain_type: 'pv',
  });
  const ref = b.newRef();
  b.put('VM', ref, {
    name_label: `Control domain on host: ${plan.name}`,
    name_description: 'The domain which manages physical devices and manages other domains',
    power_state: 'Running',
    user_version: 1,
    is_a_template: false,
    is_control_domain: true,
    resident_on: host,
    affinity: 'OpaqueRef:NULL',
    memory_overhead: vmMemoryOverhead(plan.dom0Memory, vcpus),
    memory_target: plan.dom0Memory,
    memory_static_max: plan.dom0Memory,
    memory_dynamic_max: plan.dom0Memory,
    memory_dynamic_min: plan.dom0Memory,
    memory_static_min: Math.min(plan.dom0Memory, 1 * GiB),
    VCPUs_params: {},
    VCPUs_max: vcpus,
    VCPUs_at_startup: vcpus,
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'destroy',
    actions_after_crash: 'destroy',
    domid: 0,
    domarch: 'x64',
    metrics,
    other_config: { storage_driver_domain: ref, is_system_domain: 'true', perfmon: '' },
    domain_type: 'pv',
    last_booted_record: '',
    last_boot_CPU_flags: { vendor: plan.cpu.vendor, features: plan.cpu.features },
    start_delay: 0,
  });
  // The control domain's text console, as on a real host.
  const consoleUuid = b.rng.uuid();
  b.add('console', {
    uuid: consoleUuid,
    protocol: 'rfb',
    location: `https://${plan.address}/console?uuid=${consoleUuid}`,
    VM: ref,
    other_config: {},
  });
  return ref;
}

