import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { follow, followAll } from '../../store/mirror-read.js';
import { snapshotTime } from './snapshot-tree.js';

/** How a snapshot was taken, in XenCenter's words. */
export function snapshotMode(snapshot: XapiRecord<'VM'>): string {
  return snapshot.power_state === 'Suspended' ? 'Disks and memory' : 'Disks only';
}

/** The VM's power state when the snapshot was taken (snapshot_info), when the pool recorded it. */
export function powerStateAtSnapshot(snapshot: XapiRecord<'VM'>): string | null {
  return snapshot.snapshot_info['power-state-at-snapshot'] ?? null;
}

/** One disk of a snapshot, for its details. */
export interface SnapshotDisk {
  readonly id: string;
  readonly name: string;
  readonly sizeBytes: number;
  readonly usedBytes: number;
  readonly srName: string;
}

/** The snapshot's disks (not CD drives), in device order. */
export function snapshotDisks(index: ObjectIndex, snapshot: XapiRecord<'VM'>): SnapshotDisk[] {
  const vbds = followAll(index, snapshot.VBDs).filter((vbd) => vbd.type === 'Disk');
  vbds.sort((a, b) => Number(a.userdevice) - Number(b.userdevice));
  return vbds.flatMap((vbd) => {
    const vdi = follow(index, vbd.VDI);
    if (!vdi) return [];
    return [{ id: vdi.$id, name: vdi.name_label || `Disk ${vbd.userdevice}`, sizeBytes: vdi.virtual_size, usedBytes: vdi.physical_utilisation, srName: follow(index, vdi.SR)?.name_label ?? '' }];
  });
}

/** The space a snapshot takes on its storage: its disks' and its memory image's physical use. */
export function snapshotSpace(index: ObjectIndex, snapshot: XapiRecord<'VM'>): number {
  const disks = snapshotDisks(index, snapshot).reduce((sum, disk) => sum + disk.usedBytes, 0);
  const memory = snapshot.suspend_VDI !== nullRef ? (follow(index, snapshot.suspend_VDI)?.physical_utilisation ?? 0) : 0;
  return disks + memory;
}

/** One row of the list view. */
export interface SnapshotListRow {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly time: number | null;
  readonly mode: string;
  readonly spaceBytes: number;
  readonly tags: string;
  readonly scheduled: boolean;
}

export function snapshotListRow(index: ObjectIndex, snapshot: XapiRecord<'VM'>): SnapshotListRow {
  return {
    id: snapshot.$id,
    name: snapshot.name_label,
    description: snapshot.name_description,
    time: snapshotTime(snapshot),
    mode: snapshotMode(snapshot),
    spaceBytes: snapshotSpace(index, snapshot),
    tags: snapshot.tags.join(', '),
    scheduled: snapshot.is_vmss_snapshot === true,
  };
}

/** The list view's filter: every word must appear in the name, description, tags or mode. */
export function filterSnapshotRows(rows: readonly SnapshotListRow[], filter: string): readonly SnapshotListRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows;
  return rows.filter((row) => {
    const text = `${row.name} ${row.description} ${row.tags} ${row.mode}`.toLowerCase();
    return words.every((word) => text.includes(word));
  });
}
