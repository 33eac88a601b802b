import type { VmPropertyChanges } from '../../shared/api/methods/object-properties.js';
import { nullRef, type XapiRecord } from '../../shared/xapi/objects.js';
import { perfmonXml } from '../../shared/xapi/perfmon-alarms.js';
import { replaceMapKey, type PropertyStep } from './property-step.js';

type Vm = XapiRecord<'VM'>;

/**
 * vCPUs: VCPUs_at_startup may never exceed VCPUs_max, so the order of the two setters follows the direction. A
 * running VM keeps its maximum; its current count changes live (VM.set_VCPUs_number_live), as XenCenter does.
 */
function vcpuStep(vm: Vm, { max, atStartup }: { max: number; atStartup: number }): PropertyStep | null {
  if (max === vm.VCPUs_max && atStartup === vm.VCPUs_at_startup) return null;
  const ref = vm.$id;
  return {
    label: 'vCPUs',
    apply: async (xapi) => {
      if (vm.power_state === 'Running' && max === vm.VCPUs_max) {
        await xapi.call('VM.set_VCPUs_number_live', ref, atStartup);
        return;
      }
      if (max >= vm.VCPUs_max) {
        if (max !== vm.VCPUs_max) await xapi.call('VM.set_VCPUs_max', ref, max);
        if (atStartup !== vm.VCPUs_at_startup) await xapi.call('VM.set_VCPUs_at_startup', ref, atStartup);
      } else {
        if (atStartup !== vm.VCPUs_at_startup) await xapi.call('VM.set_VCPUs_at_startup', ref, atStartup);
        await xapi.call('VM.set_VCPUs_max', ref, max);
      }
    },
  };
}

/**
 * Memory in one call, so XAPI checks the four values together (static_min ≤ dynamic_min ≤ dynamic_max ≤
 * static_max) and a refusal changes none of them: VM.set_memory_limits when a static value changes (XAPI allows
 * that only while the VM is halted), else VM.set_memory_dynamic_range, which a running VM accepts too.
 */
function memoryStep(vm: Vm, memory: NonNullable<VmPropertyChanges['memory']>): PropertyStep | null {
  const { staticMin, dynamicMin, dynamicMax, staticMax } = memory;
  const staticChanged = staticMin !== vm.memory_static_min || staticMax !== vm.memory_static_max;
  const dynamicChanged = dynamicMin !== vm.memory_dynamic_min || dynamicMax !== vm.memory_dynamic_max;
  if (!staticChanged && !dynamicChanged) return null;
  const ref = vm.$id;
  return {
    label: 'Memory',
    apply: (xapi) =>
      staticChanged || vm.power_state === 'Halted'
        ? xapi.call('VM.set_memory_limits', ref, staticMin, staticMax, dynamicMin, dynamicMax)
        : xapi.call('VM.set_memory_dynamic_range', ref, dynamicMin, dynamicMax),
  };
}

/** A step that sets one map key when its value differs from the record's (null removes it). */
function mapKeyStep(label: string, vm: Vm, field: 'other_config' | 'platform' | 'HVM_boot_params' | 'VCPUs_params', key: string, value: string | null): PropertyStep | null {
  if ((vm[field][key] ?? null) === value) return null;
  return { label, apply: (xapi) => replaceMapKey(xapi, 'VM', vm.$id, field, key, value) };
}

/**
 * The VM pages: General's folder, CPU (vCPUs, topology, priority), Memory, Boot Options (order, firmware, PV
 * arguments), Start Options (auto-start), Home Server and Alerts (perfmon). vCPUs come before the topology, whose cores per socket
 * must divide them.
 */
export function vmSteps(vm: Vm, changes: VmPropertyChanges): PropertyStep[] {
  const steps: (PropertyStep | null)[] = [];
  if (changes.folder !== undefined) steps.push(mapKeyStep('Folder', vm, 'other_config', 'folder', changes.folder || null));
  if (changes.vcpus) steps.push(vcpuStep(vm, changes.vcpus));
  if (changes.coresPerSocket !== undefined) steps.push(mapKeyStep('Topology', vm, 'platform', 'cores-per-socket', String(changes.coresPerSocket)));
  if (changes.vcpuWeight !== undefined) steps.push(mapKeyStep('CPU priority', vm, 'VCPUs_params', 'weight', String(changes.vcpuWeight)));
  if (changes.memory) steps.push(memoryStep(vm, changes.memory));
  if (changes.bootOrder !== undefined) steps.push(mapKeyStep('Boot order', vm, 'HVM_boot_params', 'order', changes.bootOrder));
  if (changes.firmware !== undefined) steps.push(mapKeyStep('Firmware', vm, 'HVM_boot_params', 'firmware', changes.firmware));
  if (changes.secureBoot !== undefined) steps.push(mapKeyStep('Secure Boot', vm, 'platform', 'secureboot', String(changes.secureBoot)));
  const pvArgs = changes.pvArgs;
  if (pvArgs !== undefined && pvArgs !== vm.PV_args) steps.push({ label: 'Boot parameters', apply: (xapi) => xapi.call('VM.set_PV_args', vm.$id, pvArgs) });
  if (changes.autoPowerOn !== undefined) steps.push(mapKeyStep('Auto-start', vm, 'other_config', 'auto_poweron', String(changes.autoPowerOn)));
  if (changes.alarms) steps.push(mapKeyStep('Alerts', vm, 'other_config', 'perfmon', perfmonXml('VM', changes.alarms)));
  const home = changes.homeServerId;
  if (home !== undefined && (home ?? nullRef) !== vm.affinity) {
    steps.push({ label: 'Home server', apply: (xapi) => xapi.call('VM.set_affinity', vm.$id, home ?? nullRef) });
  }
  return steps.filter((step): step is PropertyStep => step !== null);
}
