/**
 * Control-port endpoints for storage and host networking: what the storage network offers (iSCSI targets and
 * LUNs, NFS exports, SMB shares — `GET /storage`, `POST /storage/iscsi/targets`, `/storage/nfs/servers`,
 * `/storage/smb/shares`), faults that strike one host (`POST /faults/host-error {host, method, code?, params?}`:
 * that method fails for that host's objects; without `code` it is removed) and hosts that never come back after a
 * management address change (`POST /faults/host-never-returns {host, clear?}`).
 */
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';
import { hostFaultsFor } from './host-faults.js';
import { newLun, normalizeShare, storageWorld, type IscsiTarget } from './storage-world.js';

export type StorageNetworkRoute = [method: string, pattern: RegExp, route: (params: string[], body: Record<string, unknown>) => unknown];

const GiB = 1024 ** 3;

function text(body: Record<string, unknown>, key: string, required = true): string {
  const value = body[key];
  if (typeof value !== 'string' || (required && value === '')) {
    if (!required && value === undefined) return '';
    throw new XapiError('INVALID_VALUE', [key, String(value)]);
  }
  return value;
}

function size(value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new XapiError('INVALID_VALUE', ['size', String(value)]);
  return n;
}

export function storageNetworkControlRoutes(engine: Engine): StorageNetworkRoute[] {
  const world = (): ReturnType<typeof storageWorld> => storageWorld(engine);
  const hostRef = (id: unknown): string => {
    const s = String(id ?? '');
    if (engine.store.has('host', s)) return s;
    for (const [ref, address] of engine.hostAddresses) if (address === s) return ref;
    const byUuid = engine.store.refByUuid('host', s);
    if (byUuid) return byUuid;
    throw new XapiError('HANDLE_INVALID', ['host', s]);
  };
  return [
    ['GET', /^\/storage$/, () => {
      const w = world();
      return {
        targets: w.targets, nfs: w.nfs, smb: w.smb.map(({ password: _password, ...share }) => share), localDisks: w.localDisks,
        srs: [...w.written.values()].map((sr) => ({ uuid: sr.uuid, location: sr.location, type: sr.type, name_label: sr.name_label, forgottenDisks: sr.vdis.length })),
      };
    }],
    ['POST', /^\/storage\/iscsi\/targets$/, (_p, b) => {
      const iqn = text(b, 'iqn');
      const port = b.port === undefined ? 3260 : Number(b.port);
      const luns = (Array.isArray(b.luns) ? b.luns : [{}]) as Record<string, unknown>[];
      const target: IscsiTarget = {
        address: text(b, 'address'), port, iqn,
        luns: luns.map((l, i) => newLun(iqn, i, size(l.size, 100 * GiB), typeof l.scsiId === 'string' ? l.scsiId : undefined)),
        ...(b.chap ? { chap: { user: text(b.chap as Record<string, unknown>, 'user'), password: text(b.chap as Record<string, unknown>, 'password') } } : {}),
      };
      world().addTarget(target);
      return target;
    }],
    ['POST', /^\/storage\/nfs\/servers$/, (_p, b) => {
      const server = text(b, 'server');
      const exports = (Array.isArray(b.exports) ? b.exports : []).map(String);
      const w = world();
      const existing = w.nfsServer(server);
      if (existing) w.nfs.splice(w.nfs.indexOf(existing), 1);
      const entry = { server, exports, versions: Array.isArray(b.versions) ? b.versions.map(String) : ['3', '4', '4.1'], size: size(b.size, 16 * 1024 * GiB) };
      w.nfs.push(entry);
      return entry;
    }],
    ['POST', /^\/storage\/smb\/shares$/, (_p, b) => {
      const share = normalizeShare(text(b, 'share'));
      const w = world();
      const at = w.smb.findIndex((s) => s.share === share);
      if (at >= 0) w.smb.splice(at, 1);
      w.smb.push({ share, user: text(b, 'user', false), password: text(b, 'password', false), size: size(b.size, 4 * 1024 * GiB) });
      return { share };
    }],
    ['POST', /^\/faults\/host-error$/, (_p, b) => {
      const host = hostRef(b.host);
      const method = text(b, 'method');
      hostFaultsFor(engine).set(host, method, b.code ? { code: String(b.code), params: ((b.params ?? []) as unknown[]).map(String) } : undefined);
      return hostFaultsFor(engine).describe();
    }],
    ['POST', /^\/faults\/host-never-returns$/, (_p, b) => {
      const host = hostRef(b.host);
      if (b.clear === true) hostFaultsFor(engine).neverReturn.delete(host);
      else hostFaultsFor(engine).neverReturn.add(host);
      return hostFaultsFor(engine).describe();
    }],
  ];
}
