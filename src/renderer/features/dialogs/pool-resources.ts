import type { XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll, nameOf, objectOf, objectsOfType } from '../../store/mirror-read.js';
import { formatBytes } from '../details/format.js';
import { isDefaultTemplate, isHiddenObject, isTemplate } from '../tree/object-kinds.js';
import { byName, compareNames } from '../tree/name-order.js';

/**
 * What the dialogs and the New VM wizard offer from one pool's mirror: servers, SRs that can hold disks, ISO
 * images, networks, templates. Pure functions of the mirror, so they are tested without a window; what counts as
 * a template or as hidden plumbing follows the tree's rules.
 */

/** The pool's objects of one class, without the plumbing XenCenter hides (tools SR, internal network). */
function ofTypeInPool<C extends 'pool' | 'host' | 'VM' | 'SR' | 'VDI' | 'network'>(index: ObjectIndex, type: C, poolId: string): XapiRecord<C>[] {
  return objectsOfType(index, type, poolId).filter((object) => !isHiddenObject(object));
}

/** The pool's servers, by name. */
export function hostsOfPool(index: ObjectIndex, poolId: string): XapiRecord<'host'>[] {
  return ofTypeInPool(index, 'host', poolId).sort(byName);
}

/** The memory of the pool's biggest server (host_metrics.memory_total), or null while metrics are unknown. */
export function largestHostMemory(index: ObjectIndex, poolId: string): number | null {
  let largest: number | null = null;
  for (const host of hostsOfPool(index, poolId)) {
    const total = follow(index, host.metrics)?.memory_total ?? 0;
    if (total > 0 && (largest === null || total > largest)) largest = total;
  }
  return largest;
}

/** An SR a disk can be put on. */
export interface DiskSrChoice {
  readonly id: string;
  readonly name: string;
  readonly freeBytes: number;
  readonly shared: boolean;
  /** The one server that reaches a local SR, or null for a shared SR. */
  readonly hostId: string | null;
  /** What the chooser shows: "Local storage on host-1 (1.2 TiB free)". */
  readonly label: string;
}

/** The servers an SR is plugged into (its PBDs that are attached). */
function srHostIds(index: ObjectIndex, sr: XapiRecord<'SR'>): string[] {
  const hosts: string[] = [];
  for (const pbd of followAll(index, sr.PBDs)) {
    if (pbd.currently_attached !== false) hosts.push(pbd.host);
  }
  return hosts;
}

/**
 * The pool's SRs that can hold VM disks: not ISO libraries or DVD drives (content_type iso), with free space,
 * plugged in somewhere. Shared SRs first, then local ones by server, each by name.
 */
export function diskSrsOfPool(index: ObjectIndex, poolId: string): DiskSrChoice[] {
  const choices: DiskSrChoice[] = [];
  for (const sr of ofTypeInPool(index, 'SR', poolId)) {
    if (sr.content_type === 'iso') continue;
    const freeBytes = sr.physical_size - sr.physical_utilisation;
    if (freeBytes <= 0) continue;
    const hosts = srHostIds(index, sr);
    if (hosts.length === 0) continue;
    const shared = sr.shared === true;
    const hostId = shared ? null : hosts[0]!;
    const hostName = nameOf(objectOf(index, 'host', hostId));
    const where = hostId ? ` on ${hostName || 'its server'}` : '';
    choices.push({ id: sr.$id, name: nameOf(sr), freeBytes, shared, hostId, label: `${nameOf(sr)}${where} (${formatBytes(freeBytes)} free)` });
  }
  const hostOrder = (choice: DiskSrChoice) => nameOf(objectOf(index, 'host', choice.hostId));
  return choices.sort(
    (a, b) => Number(a.hostId !== null) - Number(b.hostId !== null) || compareNames(hostOrder(a), hostOrder(b)) || compareNames(a.name, b.name),
  );
}

/** The pool's default SR (pool.default_SR) when it can hold disks, else the first that can, else null. */
export function defaultDiskSr(index: ObjectIndex, poolId: string, choices: readonly DiskSrChoice[]): string | null {
  const pool = ofTypeInPool(index, 'pool', poolId)[0];
  const preferred = pool?.default_SR ?? null;
  return choices.find((choice) => choice.id === preferred)?.id ?? choices[0]?.id ?? null;
}

/** An ISO image (a VDI on an SR with content_type iso). */
export interface IsoChoice {
  readonly id: string;
  readonly name: string;
  readonly srName: string;
}

/** The pool's ISO images, grouped by SR name then by file name. */
export function isoImagesOfPool(index: ObjectIndex, poolId: string): IsoChoice[] {
  const isoSrs = new Map(ofTypeInPool(index, 'SR', poolId).filter((sr) => sr.content_type === 'iso').map((sr) => [sr.$id, sr]));
  const images: IsoChoice[] = [];
  for (const vdi of ofTypeInPool(index, 'VDI', poolId)) {
    const sr = isoSrs.get(vdi.SR);
    if (!sr || vdi.is_a_snapshot === true) continue;
    images.push({ id: vdi.$id, name: nameOf(vdi), srName: nameOf(sr) });
  }
  return images.sort((a, b) => compareNames(a.srName, b.srName) || compareNames(a.name, b.name));
}

/** Networks guests can use: not the host-internal management network XAPI keeps for itself. */
export function guestNetworksOfPool(index: ObjectIndex, poolId: string): XapiRecord<'network'>[] {
  return ofTypeInPool(index, 'network', poolId).sort(byName);
}

/** The pool's templates (not snapshots), default ones flagged, by name. */
export function templatesOfPool(index: ObjectIndex, poolId: string): { template: XapiRecord<'VM'>; isDefault: boolean }[] {
  return ofTypeInPool(index, 'VM', poolId)
    .filter(isTemplate)
    .sort(byName)
    .map((template) => ({ template, isDefault: isDefaultTemplate(template) }));
}
