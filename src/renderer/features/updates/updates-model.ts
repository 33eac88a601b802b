import type { AvailableUpdate, HostUpdates, UpdateFamily } from '../../../shared/api/update-schema.js';
import { pendingAfterUpdate, readUpdateHistory, updateFamilyOf } from '../../../shared/util/host-updates.js';
import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll, objectsOfType } from '../../store/mirror-read.js';

/** One server's update status, as the Updates tab's first table shows it. */
export interface HostUpdateRow {
  id: string;
  server: string;
  version: string;
  /** "Reboot needed", "Toolstack restart needed" or "Up to date". */
  status: string;
  rebootNeeded: boolean;
  /** ISO time of the last update Xenith recorded (or XAPI's last_software_update), or null. */
  lastUpdate: string | null;
  /** XenServer: the applied pool_update names. */
  installed: string[];
}

/** One line of the history, newest first. */
export interface HistoryRow {
  id: string;
  at: string;
  server: string;
  by: string;
  updates: string;
  rebootNeeded: boolean;
}

/** One available update on one server (after Check for Updates). */
export interface AvailableRow {
  id: string;
  server: string;
  hostId: string;
  update: AvailableUpdate;
}

/** The hosts the tab is about: a host, or every host of a pool (master first). */
export function subjectHosts(index: ObjectIndex, subject: XapiRecord<'host'> | XapiRecord<'pool'>): XapiRecord<'host'>[] {
  if (subject.$type === 'host') return [subject];
  const hosts = objectsOfType(index, 'host', subject.$pool).sort((a, b) => a.name_label.localeCompare(b.name_label));
  const master = hosts.find((host) => host.$id === subject.master);
  return master ? [master, ...hosts.filter((host) => host !== master)] : hosts;
}

/** The family of updates the subject's pool takes, from its master. */
export function familyOf(index: ObjectIndex, subject: XapiRecord<'host'> | XapiRecord<'pool'>): UpdateFamily {
  const pool = subject.$type === 'pool' ? subject : objectsOfType(index, 'pool', subject.$pool)[0];
  const master = pool ? follow(index, pool.master) : undefined;
  return updateFamilyOf((master ?? (subject.$type === 'host' ? subject : undefined))?.software_version ?? {});
}

export function hostUpdateRows(index: ObjectIndex, hosts: readonly XapiRecord<'host'>[]): HostUpdateRow[] {
  return hosts.map((host) => {
    const pending = pendingAfterUpdate(host);
    const history = readUpdateHistory(host.other_config);
    const sv = host.software_version;
    return {
      id: host.$id,
      server: host.name_label,
      version: [sv.product_brand, sv.product_version_text ?? sv.product_version].filter(Boolean).join(' '),
      status: pending.reboot ? 'Reboot needed' : pending.toolstackRestart ? 'Toolstack restart needed' : 'Up to date',
      rebootNeeded: pending.reboot,
      lastUpdate: history.at(-1)?.at ?? (host.last_software_update && !host.last_software_update.startsWith('1970') ? host.last_software_update : null),
      installed: followAll(index, host.updates).map((update) => update.name_label),
    };
  });
}

/** Every host's history, newest first. */
export function historyRows(hosts: readonly XapiRecord<'host'>[]): HistoryRow[] {
  return hosts
    .flatMap((host) => readUpdateHistory(host.other_config).map((entry, i) => ({
      id: `${host.$id}:${i}`,
      at: entry.at,
      server: host.name_label,
      by: entry.by,
      updates: entry.updates.join(', '),
      rebootNeeded: entry.rebootNeeded,
    })))
    .sort((a, b) => b.at.localeCompare(a.at));
}

/** What Check for Updates found, one row per server and update. */
export function availableRows(index: ObjectIndex, hosts: readonly HostUpdates[]): AvailableRow[] {
  return hosts.flatMap((entry) => {
    const host = index.objects.get(entry.hostId);
    const server = host && host.$type === 'host' ? host.name_label : entry.hostId;
    return entry.updates.map((update) => ({ id: `${entry.hostId}:${update.id}`, server, hostId: entry.hostId, update }));
  });
}
