/**
 * The storage a simulated pool can reach, beyond its database: iSCSI targets with their LUNs, NFS servers with
 * their exports, SMB shares, each host's spare local disks, and the SRs written on them — including SRs the pool
 * forgot, whose disks stay on the storage so that a reattach finds them again (and a format wipes them). Built
 * lazily from the pool's own SRs the first time a storage call needs it; tests extend it on the control port.
 */
import { createHash } from 'node:crypto';
import type { Engine } from '../api/engine.js';
import type { DbRecord } from '../model/store.js';
import { GiB } from './sr-usage.js';

const TiB = 1024 * GiB;

export interface IscsiLun {
  id: number;
  scsiId: string;
  size: number;
  vendor: string;
  serial: string;
}

export interface IscsiTarget {
  address: string;
  port: number;
  iqn: string;
  /** CHAP credentials the target requires, if any. */
  chap?: { user: string; password: string };
  luns: IscsiLun[];
}

export interface NfsServer {
  server: string;
  exports: string[];
  /** NFS versions it serves ("3", "4", "4.1"). */
  versions: string[];
  size: number;
}

export interface SmbShare {
  /** `//host/share`, as device_config.server writes it. */
  share: string;
  user: string;
  password: string;
  size: number;
}

export interface LocalDisk {
  host: string;
  device: string;
  size: number;
  /** The host's system disk (SM refuses it). */
  system?: boolean;
}

/** An SR as written on its storage: what a probe finds and a reattach brings back (its disks included). */
export interface WrittenSr {
  uuid: string;
  /** Where it lives (locationKey). */
  location: string;
  type: string;
  name_label: string;
  name_description: string;
  physical_size: number;
  /** VDI records (without refs) kept while the pool does not know the SR. */
  vdis: DbRecord[];
}

export class StorageWorld {
  readonly targets: IscsiTarget[] = [];
  readonly nfs: NfsServer[] = [];
  readonly smb: SmbShare[] = [];
  readonly localDisks: LocalDisk[] = [];
  /** SRs on storage by uuid (those the pool knows are tracked too, so a format can find what it wipes). */
  readonly written = new Map<string, WrittenSr>();

  /** The iSCSI targets listening on an address and port. */
  targetsAt(address: string, port: number): IscsiTarget[] {
    return this.targets.filter((t) => t.address === address && t.port === port);
  }

  lun(scsiId: string): { target: IscsiTarget; lun: IscsiLun } | undefined {
    for (const target of this.targets) {
      const lun = target.luns.find((l) => l.scsiId === scsiId);
      if (lun) return { target, lun };
    }
    return undefined;
  }

  nfsServer(server: string): NfsServer | undefined {
    return this.nfs.find((s) => s.server === server);
  }

  smbShare(share: string): SmbShare | undefined {
    return this.smb.find((s) => s.share === normalizeShare(share));
  }

  localDisk(host: string, device: string): LocalDisk | undefined {
    return this.localDisks.find((d) => d.host === host && d.device === device);
  }

  /** The SRs written at a location. */
  srsAt(location: string): WrittenSr[] {
    return [...this.written.values()].filter((sr) => sr.location === location);
  }

  /** Adds (or replaces) a target; a LUN without a SCSI id gets one derived from the IQN and LUN number. */
  addTarget(target: IscsiTarget): void {
    const at = this.targets.findIndex((t) => t.address === target.address && t.port === target.port && t.iqn === target.iqn);
    if (at >= 0) this.targets.splice(at, 1);
    this.targets.push(target);
  }
}

/** `//host/share` whatever the slashes a person typed (\\host\share, //host/share/). */
export function normalizeShare(share: string): string {
  return `//${share.replace(/\\/g, '/').replace(/^\/+/, '').replace(/\/+$/, '')}`;
}

/** A stable SCSI id for a LUN (36001405 + 25 hex digits, as LIO targets give). */
export function scsiIdFor(iqn: string, lun: number): string {
  return `36001405${createHash('sha256').update(`${iqn}#${lun}`).digest('hex').slice(0, 25)}`;
}

/**
 * Where an SR lives, from its type and device_config (and the host, for local SRs): one key per LUN, NFS export
 * path, SMB share, local device or ISO location. Undefined when the config does not name a place.
 */
export function locationKey(type: string, config: Readonly<Record<string, string>>, host?: string): string | undefined {
  switch (type) {
    case 'nfs':
      return config.server && config.serverpath ? `nfs:${config.server}:${config.serverpath.replace(/\/+$/, '') || '/'}` : undefined;
    case 'smb':
    case 'cifs':
      return config.server ? `smb:${normalizeShare(config.server)}` : undefined;
    case 'lvmoiscsi':
      return config.SCSIid ? `iscsi:${config.SCSIid}` : undefined;
    case 'ext':
    case 'lvm':
      return config.device && host ? `local:${host}:${config.device}` : undefined;
    case 'iso':
      return config.location ? `iso:${config.location}` : undefined;
    default:
      return undefined;
  }
}

const worlds = new WeakMap<Engine, StorageWorld>();

/** The pool's storage world, built from its SRs on first use. */
export function storageWorld(engine: Engine): StorageWorld {
  let world = worlds.get(engine);
  if (!world) {
    world = seedWorld(engine);
    worlds.set(engine, world);
  }
  return world;
}

/** The storage behind the pool's own SRs, a spare LUN per target, a spare disk per host and one SMB share. */
function seedWorld(engine: Engine): StorageWorld {
  const world = new StorageWorld();
  const { store } = engine;
  for (const row of store.rows('SR')) {
    const sr = row.record;
    const type = String(sr.type);
    for (const pbdRef of sr.PBDs as string[]) {
      const pbd = store.row('PBD', pbdRef)?.record;
      if (!pbd) continue;
      const config = (pbd.device_config ?? {}) as Record<string, string>;
      seedFromConfig(world, type, config, String(pbd.host), Number(sr.physical_size) || TiB);
      const location = locationKey(type, config, String(pbd.host));
      if (location && !world.written.has(String(sr.uuid)) && type !== 'iso' && type !== 'udev') {
        world.written.set(String(sr.uuid), { uuid: String(sr.uuid), location, type, name_label: String(sr.name_label), name_description: String(sr.name_description), physical_size: Number(sr.physical_size), vdis: [] });
      }
    }
  }
  // Room to create new SRs: a free LUN on each target, a second disk on each host, one SMB share.
  for (const target of world.targets) {
    const id = Math.max(-1, ...target.luns.map((l) => l.id)) + 1;
    target.luns.push(newLun(target.iqn, id, 2 * TiB));
  }
  for (const host of store.refs('host')) {
    world.localDisks.push({ host, device: '/dev/sda', size: 240 * GiB, system: true });
    world.localDisks.push({ host, device: '/dev/sdb', size: 960 * GiB });
  }
  if (!world.smb.some((s) => s.share === '//10.0.30.40/vms')) world.smb.push({ share: '//10.0.30.40/vms', user: 'xenith', password: 'smb-password', size: 4 * TiB });
  return world;
}

/** A LUN with SM's usual inquiry data. */
export function newLun(iqn: string, id: number, size: number, scsiId = scsiIdFor(iqn, id)): IscsiLun {
  return { id, scsiId, size, vendor: 'LIO-ORG', serial: scsiId.slice(-12) };
}

function seedFromConfig(world: StorageWorld, type: string, config: Record<string, string>, host: string, size: number): void {
  if (type === 'lvmoiscsi' && config.target && config.targetIQN) {
    const port = Number(config.port ?? 3260) || 3260;
    let target = world.targets.find((t) => t.address === config.target && t.port === port && t.iqn === config.targetIQN);
    if (!target) {
      target = { address: config.target, port, iqn: config.targetIQN, luns: [] };
      world.targets.push(target);
    }
    if (config.SCSIid && !target.luns.some((l) => l.scsiId === config.SCSIid)) target.luns.push(newLun(target.iqn, target.luns.length, size, config.SCSIid));
  } else if (type === 'nfs' || type === 'iso') {
    const [server, path] = type === 'nfs' ? [config.server, config.serverpath] : config.type === 'nfs_iso' ? (config.location ?? '').split(/:(.*)/s) : [];
    if (!server || !path) return;
    const nfs = world.nfsServer(server) ?? { server, exports: [], versions: ['3', '4', '4.1'], size: 16 * TiB };
    if (!world.nfs.includes(nfs)) world.nfs.push(nfs);
    if (!nfs.exports.includes(path)) nfs.exports.push(path);
  } else if ((type === 'ext' || type === 'lvm') && config.device && !world.localDisk(host, config.device)) {
    world.localDisks.push({ host, device: config.device, size });
  }
}
