/**
 * What each simulated SM driver checks in a device_config before it probes, creates or attaches an SR, against
 * the storage world: the same failures, in the same order, as the real drivers (a missing parameter, an
 * unreachable server, wrong credentials, then the discovery errors whose details list what there is to choose).
 * Secrets (`password_secret`, `chappassword_secret`, `cifspassword_secret`) are read from the pool's secrets.
 */
import type { Engine } from '../api/engine.js';
import { fail } from '../model/xapi-error.js';
import { smFail } from './sm-errors.js';
import { exportsXml, lunsXml, targetsXml } from './sm-probe-xml.js';
import { locationKey, storageWorld, type IscsiLun } from './storage-world.js';

/** The SR types the simulated hosts have drivers for. */
export const SM_TYPES = ['nfs', 'lvmoiscsi', 'smb', 'ext', 'lvm', 'iso', 'udev'] as const;

/** Where the config leads: the location key, the capacity there, and the LUN for iSCSI. */
export interface Reached {
  location: string;
  size: number;
  lun?: IscsiLun;
}

/** A device_config value, or the value of the secret its `<key>_secret` names (SR_BACKEND_FAILURE_20 if none). */
export function configValue(engine: Engine, config: Readonly<Record<string, string>>, key: string): string | undefined {
  const secretUuid = config[`${key}_secret`];
  if (secretUuid !== undefined) {
    const ref = engine.store.refByUuid('secret', secretUuid);
    if (!ref) smFail('invalidSecret', `secret ${secretUuid} not found`);
    return String(engine.store.get('secret', ref).value);
  }
  return config[key];
}

/** Checks `config` for driver `type` on `host` as SM would; returns where the SR is, or throws the driver's error. */
export function reachStorage(engine: Engine, host: string, type: string, config: Readonly<Record<string, string>>): Reached {
  switch (type) {
    case 'lvmoiscsi':
      return reachIscsi(engine, config);
    case 'nfs':
      return reachNfs(engine, config);
    case 'smb':
      return reachSmb(engine, config, config.server, configValue(engine, config, 'username') ?? '', configValue(engine, config, 'password') ?? '', 'smbMount');
    case 'ext':
    case 'lvm':
      return reachLocal(engine, host, type, config);
    case 'iso':
      return reachIso(engine, config);
    case 'udev':
      return { location: `udev:${host}:${config.location ?? ''}`, size: 0 };
    default:
      return fail('SR_UNKNOWN_DRIVER', type);
  }
}

function reachIscsi(engine: Engine, config: Readonly<Record<string, string>>): Reached {
  const world = storageWorld(engine);
  // A multipath config lists several portals; the first is the one asked.
  const address = config.target?.split(',')[0]?.trim();
  if (!address) smFail('targetMissing');
  const port = config.port === undefined || config.port === '' ? 3260 : Number(config.port);
  if (!Number.isInteger(port) || port < 1 || port > 65535) smFail('iscsiPort');
  const targets = world.targetsAt(address, port);
  if (targets.length === 0) smFail('iscsiTarget', `${address}:${port}`);
  const user = configValue(engine, config, 'chapuser') ?? '';
  const password = configValue(engine, config, 'chappassword') ?? '';
  const iqn = config.targetIQN;
  const chosen = iqn === '*' ? targets : targets.filter((t) => t.iqn === iqn);
  // Discovery (sendtargets) and login both authenticate when the target asks for CHAP.
  for (const target of chosen.length > 0 ? chosen : targets) {
    if (target.chap && (target.chap.user !== user || target.chap.password !== password)) smFail('iscsiLogin', `${address}:${port}`);
  }
  if (!iqn || chosen.length === 0) smFail('targetIqnMissing', targetsXml(address, targets));
  const luns = chosen.flatMap((t) => t.luns);
  const lun = luns.find((l) => l.scsiId === config.SCSIid);
  if (!lun) smFail('scsiIdMissing', lunsXml(luns));
  return { location: locationKey('lvmoiscsi', config)!, size: lun.size, lun };
}

function reachNfs(engine: Engine, config: Readonly<Record<string, string>>): Reached {
  if (!config.server) smFail('serverMissing');
  const server = storageWorld(engine).nfsServer(config.server);
  if (!server) smFail('nfsTarget', `server ${config.server}`);
  if (config.nfsversion && !server.versions.includes(config.nfsversion)) smFail('nfsVersion', `the server offers ${server.versions.join(', ')}`);
  if (!config.serverpath) smFail('serverPathMissing', exportsXml(server.server, server.exports));
  if (!config.serverpath.startsWith('/')) smFail('serverPathBad', `serverpath is ${config.serverpath}`);
  const path = config.serverpath.replace(/\/+$/, '') || '/';
  if (!server.exports.some((e) => path === e || path.startsWith(`${e}/`))) smFail('nfsMount', `mount.nfs: ${server.server}:${path} access denied by server`);
  return { location: locationKey('nfs', config)!, size: server.size };
}

function reachSmb(engine: Engine, config: Readonly<Record<string, string>>, share: string | undefined, user: string, password: string, failure: 'smbMount' | 'isoMount'): Reached {
  if (!share) smFail('paramsMissing', 'server');
  const found = storageWorld(engine).smbShare(share);
  if (!found) smFail(failure, `mount error(2): No such file or directory (${share})`);
  if (found.user && (found.user !== user || found.password !== password)) smFail(failure, 'mount error(13): Permission denied');
  return { location: locationKey('smb', { ...config, server: share })!, size: found.size };
}

function reachLocal(engine: Engine, host: string, type: string, config: Readonly<Record<string, string>>): Reached {
  if (!config.device) smFail('deviceMissing');
  const disk = storageWorld(engine).localDisk(host, config.device);
  if (!disk) smFail('deviceInvalid', `${config.device} is not a block device on this host`);
  if (disk.system) smFail('rootDevice', config.device);
  return { location: locationKey(type, config, host)!, size: disk.size };
}

function reachIso(engine: Engine, config: Readonly<Record<string, string>>): Reached {
  const location = config.location;
  if (!location) smFail('isoLocationMissing');
  const kind = config.type ?? (location.startsWith('//') || location.startsWith('\\\\') ? 'cifs' : location.includes(':') ? 'nfs_iso' : 'local');
  if (kind === 'cifs') {
    const password = configValue(engine, config, 'cifspassword') ?? '';
    return { ...reachSmb(engine, config, location, configValue(engine, config, 'username') ?? '', password, 'isoMount'), location: `iso:${location}` };
  }
  if (kind === 'nfs_iso') {
    const [server, path] = location.split(/:(.*)/s) as [string, string | undefined];
    if (!server || !path?.startsWith('/')) smFail('isoLocationFormat');
    const nfs = storageWorld(engine).nfsServer(server);
    if (!nfs || !nfs.exports.some((e) => path === e || path.startsWith(`${e}/`))) smFail('isoMount', `mount.nfs: ${location} access denied by server`);
    return { location: `iso:${location}`, size: 0 };
  }
  return { location: `iso:${location}`, size: 0 };
}
