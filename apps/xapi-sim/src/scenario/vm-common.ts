/** Fields every generated VM (template, guest, snapshot) shares, from its OS and memory/vCPU sizing. */
import type { OsInfo } from './os-catalog.js';
import { GiB, MiB } from './seed-builder.js';

/** The XML recommendations XAPI attaches to templates and the VMs made from them. */
export function recommendations(os: OsInfo): string {
  const maxMem = os.family === 'windows' ? 2 * 1024 * GiB : 1536 * GiB;
  return (
    '<restrictions>' +
    `<restriction field="memory-static-max" max="${maxMem}" />` +
    `<restriction field="vcpus-max" max="${os.family === 'windows' ? 64 : 32}" />` +
    `<restriction field="has-vendor-device" value="${os.family === 'windows'}" />` +
    '<restriction property="number-of-vbds" max="255" />' +
    '<restriction property="number-of-vifs" max="7" />' +
    '</restrictions>'
  );
}

/** The `disks` provisioning spec XAPI templates carry in other_config. */
export function disksSpec(os: OsInfo): string {
  return `<provision><disk device="0" size="${os.diskGiB * GiB}" sr="" bootable="true" type="system" ie="true"/></provision>`;
}

export interface Sizing {
  memory: number;
  /** Dynamic minimum (below `memory` when ballooning is allowed). */
  dynamicMin: number;
  vcpus: number;
  vcpusMax: number;
}

/** The VM fields that follow from the OS and the sizing (boot, platform, memory, vCPUs). */
export function osAndSizingFields(os: OsInfo, size: Sizing): Record<string, unknown> {
  const windows = os.family === 'windows';
  return {
    memory_static_max: size.memory,
    memory_dynamic_max: size.memory,
    memory_dynamic_min: size.dynamicMin,
    memory_static_min: Math.min(size.dynamicMin, windows ? 2 * GiB : 512 * MiB),
    memory_target: size.memory,
    VCPUs_params: {},
    VCPUs_max: size.vcpusMax,
    VCPUs_at_startup: size.vcpus,
    actions_after_shutdown: 'destroy',
    actions_after_reboot: 'restart',
    actions_after_crash: 'restart',
    HVM_boot_policy: 'BIOS order',
    HVM_boot_params: { order: 'cd', firmware: os.uefi ? 'uefi' : 'bios' },
    platform: {
      timeoffset: '0',
      'device-model': os.uefi ? 'qemu-upstream-uefi' : 'qemu-upstream-compat',
      videoram: '8',
      hpet: 'true',
      secureboot: 'false',
      apic: 'true',
      pae: 'true',
      nx: 'true',
      acpi: '1',
      viridian: String(windows),
      ...(windows ? { device_id: '0002', viridian_time_ref_count: 'true', viridian_reference_tsc: 'true' } : {}),
    },
    recommendations: recommendations(os),
    domain_type: 'hvm',
    has_vendor_device: windows,
    PV_bootloader: '',
    PV_args: '',
  };
}
