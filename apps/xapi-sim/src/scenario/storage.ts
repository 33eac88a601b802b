/** SRs (local, shared, ISO, tools, DVD), their PBDs, and VDIs with SR totals kept consistent. */
import type { SrKind } from './sm-drivers.js';
import { MiB, TiB, type SeedBuilder } from './seed-builder.js';

export interface SrHandle {
  ref: string;
  kind: SrKind;
  fields: Record<string, unknown>;
  /** Set for an SR only one host can reach. */
  host?: string;
  /** Capacity before VDIs are counted; grown by finalizeSrs if the VDIs need more. */
  plannedSize: number;
  virtualAllocation: number;
  physicalUtilisation: number;
}

const THIN: ReadonlySet<SrKind> = new Set(['ext', 'nfs']);

function addPbd(b: SeedBuilder, host: string, sr: string, deviceConfig: Record<string, string>): void {
  b.add('PBD', { host, SR: sr, device_config: deviceConfig, currently_attached: true, other_config: {} });
}

function addSr(b: SeedBuilder, kind: SrKind, plannedSize: number, fields: Record<string, unknown>, host?: string): SrHandle {
  const ref = b.newRef();
  const all = b.put('SR', ref, {
    type: kind,
    content_type: kind === 'iso' || kind === 'udev' ? 'iso' : 'user',
    other_config: {},
    tags: [],
    sm_config: THIN.has(kind) || kind === 'iso' ? {} : { allocation: 'thick', use_vhd: 'true' },
    ...fields,
  });
  return { ref, kind, fields: all, host, plannedSize, virtualAllocation: 0, physicalUtilisation: 0 };
}

/** The host's "Local storage" SR on its system disk. */
export function addLocalSr(b: SeedBuilder, host: string, kind: 'ext' | 'lvm', size: number): SrHandle {
  const sr = addSr(b, kind, size, {
    name_label: 'Local storage',
    name_description: '',
    shared: false,
    other_config: { 'i18n-original-value-name_label': 'Local storage', 'i18n-key': 'local-storage' },
  }, host);
  const serial = b.rng.uuid().replace(/-/g, '').slice(0, 16);
  addPbd(b, host, sr.ref, { device: `/dev/disk/by-id/scsi-3${serial}-part3` });
  return sr;
}

/** The host's "DVD drives" SR (physical CD-ROM), as every real host has. */
export function addDvdSr(b: SeedBuilder, host: string): SrHandle {
  const sr = addSr(b, 'udev', 0, {
    name_label: 'DVD drives',
    name_description: 'Physical DVD drives',
    shared: false,
    other_config: { 'i18n-original-value-name_label': 'DVD drives', 'i18n-key': 'local-hotplug-cd' },
    sm_config: { type: 'cd' },
  }, host);
  addPbd(b, host, sr.ref, { location: '/dev/xapi/cd' });
  return sr;
}

/** A shared VM SR (NFS or iSCSI) plugged on every host. */
export function addSharedSr(b: SeedBuilder, hosts: readonly string[], kind: 'nfs' | 'lvmoiscsi', index: number, size: number): SrHandle {
  const nfs = kind === 'nfs';
  const sr = addSr(b, kind, size, {
    name_label: nfs ? `NFS storage ${index + 1}` : `iSCSI SAN ${index + 1}`,
    name_description: nfs ? `NFS VHD on 10.0.10.${20 + index}:/export/vms` : `LVM over iSCSI on 10.0.20.${30 + index}`,
    shared: true,
  });
  const scsiId = `36001405${b.rng.uuid().replace(/-/g, '').slice(0, 25)}`;
  const config: Record<string, string> = nfs
    ? { server: `10.0.10.${20 + index}`, serverpath: '/export/vms', nfsversion: '4.1' }
    : { target: `10.0.20.${30 + index}`, port: '3260', targetIQN: `iqn.2004-04.com.example:storage.lun${index}`, SCSIid: scsiId };
  for (const host of hosts) addPbd(b, host, sr.ref, config);
  return sr;
}

/** An ISO library (or the guest tools SR when `tools`) plugged on every host. */
export function addIsoSr(b: SeedBuilder, hosts: readonly string[], name: string, tools: boolean): SrHandle {
  const sr = addSr(b, 'iso', 0, {
    name_label: name,
    name_description: tools ? 'Guest tools ISOs' : 'ISO images on 10.0.10.20:/export/iso',
    shared: true,
    is_tools_sr: tools,
    other_config: tools ? { xenserver_tools_sr: 'true', 'i18n-key': 'xenserver-tools' } : {},
  });
  const config: Record<string, string> = tools
    ? { location: '/opt/xensource/packages/iso', legacy_mode: 'true' }
    : { location: '10.0.10.20:/export/iso', type: 'nfs_iso' };
  for (const host of hosts) addPbd(b, host, sr.ref, config);
  return sr;
}

export interface VdiSpec {
  name: string;
  description?: string;
  virtualSize: number;
  type: 'system' | 'user' | 'suspend';
  /** Fraction of a thin-provisioned disk that is written; ignored on thick SRs. */
  used?: number;
  readOnly?: boolean;
  snapshotOf?: string;
  snapshotTime?: Date;
  isToolsIso?: boolean;
  tags?: string[];
}

/** Adds a VDI to an SR and counts it in the SR's totals. */
export function addVdi(b: SeedBuilder, sr: SrHandle, spec: VdiSpec): string {
  const uuid = b.rng.uuid();
  let physical: number;
  if (sr.kind === 'iso' || sr.kind === 'udev') physical = spec.virtualSize;
  else if (THIN.has(sr.kind)) physical = Math.max(MiB, Math.round((spec.virtualSize * (spec.used ?? 0.5)) / MiB) * MiB);
  else physical = spec.virtualSize + 8 * MiB; // thick VHD on LVM: full size plus VHD metadata
  sr.virtualAllocation += spec.virtualSize;
  sr.physicalUtilisation += physical;
  const iso = sr.kind === 'iso';
  return b.add('VDI', {
    uuid,
    name_label: spec.name,
    name_description: spec.description ?? '',
    SR: sr.ref,
    virtual_size: spec.virtualSize,
    physical_utilisation: physical,
    type: spec.type,
    sharable: false,
    read_only: spec.readOnly ?? false,
    other_config: {},
    storage_lock: false,
    location: iso ? spec.name : uuid,
    managed: true,
    missing: false,
    parent: 'OpaqueRef:NULL',
    xenstore_data: {},
    sm_config: iso ? {} : { vdi_type: 'vhd' },
    is_a_snapshot: spec.snapshotOf !== undefined,
    snapshot_of: spec.snapshotOf ?? 'OpaqueRef:NULL',
    snapshot_time: spec.snapshotTime ?? new Date(0),
    tags: spec.tags ?? [],
    on_boot: 'persist',
    is_tools_iso: spec.isToolsIso ?? false,
  });
}

/** Writes each SR's totals; an SR whose VDIs outgrow its planned size gets a bigger (round) size. */
export function finalizeSrs(srs: readonly SrHandle[]): void {
  for (const sr of srs) {
    let size = sr.plannedSize;
    if (sr.kind === 'iso' || sr.kind === 'udev') size = sr.physicalUtilisation;
    else if (size < sr.physicalUtilisation * 1.1) size = Math.ceil((sr.physicalUtilisation * 1.25) / TiB) * TiB;
    sr.fields.physical_size = size;
    sr.fields.physical_utilisation = sr.physicalUtilisation;
    sr.fields.virtual_allocation = sr.virtualAllocation;
  }
}

/** Typical disk sizes, in GiB, for VM data disks. */
export const DATA_DISK_GIB = [20, 32, 50, 100, 200, 500] as const;
