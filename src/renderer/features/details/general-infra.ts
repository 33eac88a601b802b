import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { isUserVm } from '../tree/object-kinds.js';
import { formatBytes, formatMhz, formatPercent, formatSince, parseXapiTime, yesNo } from './format.js';
import { hostMemory } from './memory-model.js';
import { follow, followAll, nameOf, objectsOfType } from '../../store/mirror-read.js';
import { identityRows, rows, type PropertySection } from './property-section.js';

/** Whether a host is in maintenance mode (XenCenter's flag in other_config, set when it is evacuated for it). */
export function inMaintenanceMode(host: XapiRecord<'host'>): boolean {
  return host.other_config.MAINTENANCE_MODE === 'true';
}

/** The host's Enabled line: maintenance mode first, then plain disabled. */
function enabledText(host: XapiRecord<'host'>): string {
  if (inMaintenanceMode(host)) return 'No (maintenance mode)';
  return host.enabled ? 'Yes' : 'No';
}

/** The pool a host belongs to, and whether this host is its master. */
function isMaster(index: ObjectIndex, host: XapiRecord<'host'>): boolean {
  return objectsOfType(index, 'pool', host.$pool).some((pool) => pool.master === host.$id);
}

/** "XCP-ng 8.3" from software_version. */
function productText(version: Readonly<Record<string, string>>): string {
  const brand = version.product_brand || version.platform_name || '';
  const number = version.product_version_text || version.product_version || version.platform_version || '';
  return `${brand} ${number}`.trim() || 'Unknown';
}

/** The General tab of a host: General, Version, CPUs, Memory, Management Interface. */
export function hostGeneralSections(index: ObjectIndex, host: XapiRecord<'host'>, nowMs: number): PropertySection[] {
  const version = host.software_version;
  const other = host.other_config;
  const cpu = host.cpu_info;
  const cpus = followAll(index, host.host_CPUs);
  const memory = hostMemory(index, host);
  const management = followAll(index, host.PIFs).find((pif) => pif.management);
  const live = follow(index, host.metrics)?.live;
  const cpuCount = Number(cpu.cpu_count) || cpus.length;
  const sockets = Number(cpu.socket_count);
  return [
    {
      title: 'General',
      rows: [
        ...identityRows(host),
        ...rows(
          ['Pool master', yesNo(isMaster(index, host))],
          ['Enabled', enabledText(host)],
          ['Reachable', live === false ? 'No' : null],
          ['Server uptime', formatSince(parseXapiTime(other.boot_time), nowMs) ?? 'Unknown'],
          ['Toolstack uptime', formatSince(parseXapiTime(other.agent_start_time), nowMs)],
          ['Address', host.address],
          ['Hostname', host.hostname || null],
          ['iSCSI IQN', host.iscsi_iqn || other.iscsi_iqn || 'None'],
          ['UUID', host.uuid],
        ),
      ],
    },
    {
      title: 'Version',
      rows: rows(
        ['Product', productText(version)],
        ['Build', [version.build_number, version.date].filter(Boolean).join(', ') || null],
        ['XAPI', version.xapi_build || version.xapi || null],
        ['Xen', version.xen ?? null],
        ['API version', `${host.API_version_major}.${host.API_version_minor}`],
      ),
    },
    {
      title: 'CPUs',
      rows: rows(
        ['Model', cpu.modelname || cpus[0]?.modelname || 'Unknown'],
        ['Vendor', cpu.vendor || cpus[0]?.vendor || null],
        ['Count', sockets > 0 ? `${cpuCount} in ${sockets} socket${sockets === 1 ? '' : 's'}` : String(cpuCount)],
        ['Speed', formatMhz(Number(cpu.speed) || (cpus[0]?.speed ?? 0))],
      ),
    },
    {
      title: 'Memory',
      rows: rows(
        ['Total', formatBytes(memory.total)],
        ['Used', `${formatBytes(memory.used)} (${formatPercent(memory.used, memory.total)})`],
        ['Free', formatBytes(memory.free)],
        ['Control domain', formatBytes(memory.controlDomain)],
      ),
    },
    {
      title: 'Management Interface',
      rows: management
        ? rows(
            ['Interface', management.device],
            ['IP address', management.IP || 'None'],
            ['Mode', management.ip_configuration_mode],
          )
        : rows(['Interface', 'None']),
    },
  ];
}

/** The General tab of a pool. */
export function poolGeneralSections(index: ObjectIndex, pool: XapiRecord<'pool'>): PropertySection[] {
  const hosts = objectsOfType(index, 'host', pool.$pool);
  const vms = objectsOfType(index, 'VM', pool.$pool).filter(isUserVm);
  const running = vms.filter((vm) => vm.power_state === 'Running').length;
  const defaultSr = follow(index, pool.default_SR);
  return [
    {
      title: 'General',
      rows: [
        ...identityRows(pool),
        ...rows(
          ['Master', nameOf(follow(index, pool.master), 'Unknown')],
          ['Default SR', defaultSr ? nameOf(defaultSr) : 'None'],
          ['Servers', String(hosts.length)],
          ['VMs', `${vms.length} (${running} running)`],
          ['High availability', pool.ha_enabled ? 'Enabled' : 'Disabled'],
          ['UUID', pool.uuid],
        ),
      ],
    },
  ];
}

const srTypes: Record<string, string> = {
  lvm: 'LVM',
  ext: 'EXT',
  nfs: 'NFS',
  lvmoiscsi: 'LVM over iSCSI',
  lvmohba: 'LVM over HBA',
  lvmofcoe: 'LVM over FCoE',
  iso: 'ISO',
  udev: 'Removable storage',
  smb: 'SMB',
  cifs: 'SMB',
  gfs2: 'GFS2',
  zfs: 'ZFS',
  xfs: 'XFS',
  file: 'File',
  largeblock: 'Large block',
  linstor: 'LINSTOR',
  cephfs: 'CephFS',
  glusterfs: 'GlusterFS',
};

/** An SR type as people read it ("LVM over iSCSI" for lvmoiscsi); unknown types as XAPI names them. */
export function srTypeText(sr: XapiRecord<'SR'>): string {
  return srTypes[sr.type] ?? sr.type;
}

/** The General tab of an SR: General, Status (per host) and Size. */
export function srGeneralSections(index: ObjectIndex, sr: XapiRecord<'SR'>): PropertySection[] {
  const size = sr.physical_size;
  const used = sr.physical_utilisation;
  const virtual = sr.virtual_allocation;
  const pbds = followAll(index, sr.PBDs);
  return [
    {
      title: 'General',
      rows: [
        ...identityRows(sr),
        ...rows(
          ['Type', srTypeText(sr)],
          ['Content type', sr.content_type || 'None'],
          ['Shared', yesNo(sr.shared)],
          ['UUID', sr.uuid],
        ),
      ],
    },
    {
      title: 'Status',
      rows:
        pbds.length > 0
          ? pbds.map((pbd) => ({
              label: nameOf(follow(index, pbd.host), 'Unknown server'),
              value: pbd.currently_attached ? 'Connected' : 'Unplugged',
            }))
          : rows(['Servers', 'Detached']),
    },
    {
      title: 'Size',
      rows: rows(
        ['Size', `${formatBytes(used)} used of ${formatBytes(size)} (${formatPercent(used, size)})`],
        ['Virtual allocation', `${formatBytes(virtual)} (${formatPercent(virtual, size)} of size)`],
        ['Disks', String(sr.VDIs.length)],
      ),
    },
  ];
}

/** The General tab of a network. */
export function networkGeneralSections(network: XapiRecord<'network'>): PropertySection[] {
  return [
    {
      title: 'General',
      rows: [
        ...identityRows(network),
        ...rows(
          ['MTU', String(network.MTU)],
          ['Bridge', network.bridge || 'None'],
          ['Auto-add to new VMs', yesNo(network.other_config.automatic === 'true')],
          ['UUID', network.uuid],
        ),
      ],
    },
  ];
}
