/**
 * What a guest agent (xe-guest-utilities / the Windows PV tools) reports in VM_guest_metrics: the OS, one IPv4 and
 * a link-local IPv6 address per VIF, driver versions and features. Used for generated VMs and for VMs that boot.
 */
import { OS_CATALOG, type OsInfo } from './os-catalog.js';

/** PV driver versions the guest tools report. */
function driversVersion(os: OsInfo): Record<string, string> {
  return os.family === 'windows'
    ? { major: '9', minor: '4', micro: '0', build: '146' }
    : { major: '8', minor: '3', micro: '0', build: '1' };
}

/** The OS a template (by name_label, as VMs keep it in other_config.base_template_name) installs, if known. */
export function osOfTemplate(name: string): OsInfo | undefined {
  return OS_CATALOG.find((os) => os.template === name);
}

/** VM_guest_metrics fields for a guest running `os`, named `vmName`, with `ips[i]` on VIF device i. */
export function guestAgentReport(os: OsInfo, vmName: string, ips: readonly string[], updated: Date): Record<string, unknown> {
  const networks: Record<string, string> = {};
  ips.forEach((ip, i) => {
    networks[`${i}/ip`] = ip;
    networks[`${i}/ipv4/0`] = ip;
    const last = ip.split('.').map(Number);
    networks[`${i}/ipv6/0`] = `fe80::${(last[2] ?? 0).toString(16)}:${(last[3] ?? 0).toString(16)}:ff:fe${i}`;
  });
  const windows = os.family === 'windows';
  return {
    os_version: {
      name: os.prettyName,
      distro: os.distro,
      major: os.major,
      minor: os.minor,
      ...(os.uname ? { uname: os.uname } : {}),
    },
    netbios_name: windows ? { host_name: vmName.toUpperCase().slice(0, 15) } : {},
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
  };
}
