import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { isOnHost } from '../tree/object-kinds.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { formatBootOrder, formatBytes, formatSince, parseXapiTime, yesNo } from './format.js';
import { vmMemory } from './memory-model.js';
import { follow, nameOf } from '../../store/mirror-read.js';
import { identityRows, rows, type PropertySection } from './property-section.js';

const domainTypes: Record<string, string> = { hvm: 'HVM', pv: 'PV', pvh: 'PVH', pv_in_pvh: 'PV in PVH' };

/** HVM, PV or PVH: `domain_type` where the server has it, else what older servers imply by HVM_boot_policy. */
export function virtualizationMode(vm: XapiRecord<'VM'>): string {
  const known = domainTypes[vm.domain_type];
  if (known) return known;
  return vm.HVM_boot_policy ? 'HVM' : 'PV';
}

/** The guest agent's state as XenCenter words it, from VM_guest_metrics. */
export function managementAgent(index: ObjectIndex, vm: XapiRecord<'VM'>): string {
  if (vm.power_state !== 'Running') return 'Unknown (the VM is not running)';
  const guest = follow(index, vm.guest_metrics);
  const version = guest?.PV_drivers_version ?? {};
  const detected = guest?.PV_drivers_detected === true || Object.keys(version).length > 0;
  if (!guest || !detected) return 'Not installed';
  const numbers = [version.major, version.minor, version.micro].filter((part) => part !== undefined).join('.');
  const build = version.build ? `-${version.build}` : '';
  return numbers ? `Installed (version ${numbers}${build})` : 'Installed';
}

/** The guest's own name for its OS, from the agent; "Unknown" without one. */
export function operatingSystem(index: ObjectIndex, vm: XapiRecord<'VM'>): string {
  const os = follow(index, vm.guest_metrics)?.os_version ?? {};
  return os.name || (os.distro ? `${os.distro} ${[os.major, os.minor].filter(Boolean).join('.')}`.trim() : 'Unknown');
}

/** "2 sockets with 4 cores each" from VCPUs_at_startup and platform["cores-per-socket"]. */
function topology(vm: XapiRecord<'VM'>): string {
  const vcpus = vm.VCPUs_at_startup;
  const cores = Number(vm.platform['cores-per-socket']) || 1;
  const sockets = Math.max(1, Math.floor(vcpus / cores));
  return `${sockets} socket${sockets === 1 ? '' : 's'} with ${cores} core${cores === 1 ? '' : 's'} each`;
}

/** The General tab of a VM or template: General, Boot Options, CPUs, Memory. */
export function vmGeneralSections(index: ObjectIndex, vm: XapiRecord<'VM'>, nowMs: number): PropertySection[] {
  const template = vm.is_a_template;
  const running = isOnHost(vm);
  const hvm = virtualizationMode(vm) !== 'PV';
  const bootParams = vm.HVM_boot_params;
  const memory = vmMemory(index, vm);
  const affinity = follow(index, vm.affinity);
  const started = parseXapiTime(follow(index, vm.metrics)?.start_time);
  return [
    {
      title: 'General',
      rows: [
        ...identityRows(vm),
        ...rows(
          ['Operating system', template ? null : operatingSystem(index, vm)],
          ['Virtualization mode', virtualizationMode(vm)],
          ['Management agent', template ? null : managementAgent(index, vm)],
          ['Power state', template ? null : vm.power_state],
          ['Time since startup', running ? formatSince(started, nowMs) : null],
          ['Home server', affinity ? nameOf(affinity) : 'None'],
          ['Current server', running ? nameOf(follow(index, vm.resident_on), 'Unknown') : null],
          ['UUID', vm.uuid],
        ),
      ],
    },
    {
      title: 'Boot Options',
      rows: rows(
        ['Auto-start', yesNo(vm.other_config.auto_poweron === 'true')],
        ['Boot order', hvm ? formatBootOrder(bootParams.order ?? '') || 'Not set' : null],
        ['Firmware', hvm ? (bootParams.firmware === 'uefi' ? 'UEFI' : 'BIOS') : null],
        ['OS boot parameters', hvm ? null : vm.PV_args || 'None'],
      ),
    },
    {
      title: 'CPUs',
      rows: rows(
        ['vCPUs at startup', String(vm.VCPUs_at_startup)],
        ['Maximum vCPUs', String(vm.VCPUs_max)],
        ['Topology', topology(vm)],
      ),
    },
    {
      title: 'Memory',
      rows: rows(
        ['Dynamic minimum', formatBytes(memory.dynamicMin.bytes)],
        ['Dynamic maximum', formatBytes(memory.dynamicMax.bytes)],
        ['Static maximum', formatBytes(memory.staticMax.bytes)],
        ['Current memory', memory.actual === null ? null : formatBytes(memory.actual)],
      ),
    },
  ];
}
