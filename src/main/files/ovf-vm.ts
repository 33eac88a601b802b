import type { OvfVm } from '../formats/ovf-descriptor.js';
import { transferMarkerKey } from '../transfer/transfer-cleanup.js';

const nullRef = 'OpaqueRef:NULL';

/** Why the VM cannot start while its disks arrive (XAPI shows it with OPERATION_BLOCKED). */
export const importingReason = 'Xenith is still importing this VM';

/** A MAC as XAPI takes it (lower case, colons), or '' for XAPI to choose one. */
export function xapiMac(mac: string | null): string {
  const hex = (mac ?? '').replace(/[^0-9a-f]/gi, '');
  return hex.length === 12 ? hex.toLowerCase().replace(/(..)(?!$)/g, '$1:') : '';
}

/**
 * VM.create's record for an OVF's virtual system: its CPUs, memory (static and dynamic all at the OVF's amount),
 * firmware, an HVM guest booting from disk then CD and network, as XenCenter's OVF import makes it. It is created
 * as the placeholder: `[Importing…] <name>`, start blocked, tagged with the transfer.
 */
export function ovfVmRecord(ovf: OvfVm, placeholderName: string, transferId: string, affinity: string | null): Record<string, unknown> {
  const memory = String(ovf.memoryBytes);
  const uefi = ovf.firmware === 'uefi';
  return {
    name_label: placeholderName,
    name_description: ovf.description,
    user_version: 1,
    is_a_template: false,
    affinity: affinity ?? nullRef,
    memory_static_max: memory,
    memory_dynamic_max: memory,
    memory_dynamic_min: memory,
    memory_static_min: memory,
    memory_target: memory,
    VCPUs_params: {},
    VCPUs_max: String(ovf.vcpus),
    VCPUs_at_startup: String(ovf.vcpus),
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'restart',
    actions_after_crash: 'restart',
    PV_bootloader: '',
    PV_kernel: '',
    PV_ramdisk: '',
    PV_args: '',
    PV_bootloader_args: '',
    PV_legacy_args: '',
    HVM_boot_policy: 'BIOS order',
    HVM_boot_params: { order: 'cdn', firmware: uefi ? 'uefi' : 'bios' },
    HVM_shadow_multiplier: 1,
    platform: { acpi: '1', apic: 'true', pae: 'true', viridian: 'true', nx: 'true', 'device-model': 'qemu-upstream-compat', ...(uefi ? { secureboot: 'false' } : {}) },
    PCI_bus: '',
    other_config: { [transferMarkerKey]: transferId, 'import-source': 'ovf' },
    recommendations: '',
    xenstore_data: {},
    ha_always_run: false,
    ha_restart_priority: '',
    tags: [],
    blocked_operations: { start: importingReason, start_on: importingReason },
    protection_policy: nullRef,
    is_snapshot_from_vmpp: false,
    appliance: nullRef,
    start_delay: 0,
    shutdown_delay: 0,
    order: 0,
    suspend_SR: nullRef,
    version: 0,
    generation_id: '',
    hardware_platform_version: 0,
    has_vendor_device: false,
    reference_label: '',
    domain_type: 'hvm',
  };
}
