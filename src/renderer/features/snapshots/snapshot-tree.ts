import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { followAll } from '../../store/mirror-read.js';

/** The id of the "Now" node: where the VM is, in the snapshot tree. */
export const nowNodeId = 'now';

/** One node of a VM's snapshot tree: a snapshot, or the VM's current state ("Now"). */
export interface SnapshotNode {
  readonly id: string;
  readonly kind: 'snapshot' | 'now';
  readonly name: string;
  /** Epoch ms the snapshot was taken (null for Now, or a snapshot without a time). */
  readonly time: number | null;
  /** Taken with memory (a checkpoint): reverting resumes the VM. */
  readonly withMemory: boolean;
  /** Taken by a snapshot schedule. */
  readonly scheduled: boolean;
  /** The console screenshot blob, when the snapshot has one. */
  readonly screenshotBlob: string | null;
}

/** A row of the tree view: the node, how far in it is, and whether it starts a side branch. */
export interface SnapshotTreeRow {
  readonly node: SnapshotNode;
  readonly depth: number;
  /** The first node of a branch that leaves its parent's line (drawn with a branch mark). */
  readonly branch: boolean;
}

/** The VM's snapshots that are mirrored (VM.snapshots, kept by XAPI from each snapshot's snapshot_of). */
export function snapshotsOf(index: ObjectIndex, vm: XapiRecord<'VM'>): XapiRecord<'VM'>[] {
  return followAll(index, vm.snapshots).filter((snapshot) => snapshot.is_a_snapshot === true);
}

/** A snapshot's time in epoch ms, or null. */
export function snapshotTime(snapshot: XapiRecord<'VM'>): number | null {
  const time = Date.parse(snapshot.snapshot_time);
  return Number.isFinite(time) && time > 0 ? time : null;
}

function snapshotNode(snapshot: XapiRecord<'VM'>): SnapshotNode {
  return {
    id: snapshot.$id,
    kind: 'snapshot',
    name: snapshot.name_label,
    time: snapshotTime(snapshot),
    withMemory: snapshot.power_state === 'Suspended',
    scheduled: snapshot.is_vmss_snapshot === true,
    screenshotBlob: snapshot.blobs['XenCenter.VNCSnapshot'] ?? null,
  };
}

const byTime = (a: SnapshotNode, b: SnapshotNode) => (a.time ?? 0) - (b.time ?? 0) || (a.id < b.id ? -1 : 1);

/**
 * The tree view's rows, from VM.parent and each snapshot's parent (XAPI's snapshot tree; a revert starts a new
 * branch). The line that leads to Now stays in one column, oldest first, with Now last; every other branch is
 * listed, indented, right after the snapshot it leaves from. A parent that is not one of the VM's mirrored
 * snapshots makes a node a root. Iterative, so a chain of hundreds of snapshots is no deeper than a short one.
 */
export function snapshotTreeRows(vm: XapiRecord<'VM'>, snapshots: readonly XapiRecord<'VM'>[]): SnapshotTreeRow[] {
  const nodes = new Map<string, SnapshotNode>(snapshots.map((snapshot) => [snapshot.$id, snapshotNode(snapshot)]));
  const parentOf = new Map<string, string | null>();
  for (const snapshot of snapshots) parentOf.set(snapshot.$id, nodes.has(snapshot.parent) && snapshot.parent !== snapshot.$id ? snapshot.parent : null);
  const now: SnapshotNode = { id: nowNodeId, kind: 'now', name: 'Now', time: null, withMemory: false, scheduled: false, screenshotBlob: null };
  nodes.set(nowNodeId, now);
  parentOf.set(nowNodeId, vm.parent !== nullRef && nodes.has(vm.parent) ? vm.parent : null);

  // The line from a root down to Now: its nodes continue their parent's column.
  const line = new Set<string>();
  for (let id: string | null = nowNodeId; id !== null && !line.has(id); id = parentOf.get(id) ?? null) line.add(id);

  const children = new Map<string | null, SnapshotNode[]>();
  for (const [id, parent] of parentOf) {
    const list = children.get(parent) ?? [];
    list.push(nodes.get(id)!);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => (a.kind === 'now' ? 1 : b.kind === 'now' ? -1 : byTime(a, b)));

  const rows: SnapshotTreeRow[] = [];
  const seen = new Set<string>();
  const stack: SnapshotTreeRow[] = [];
  /** Queues the children of a node: side branches first (indented), then the one that continues the column. */
  const pushChildren = (parent: string | null, depth: number) => {
    const list = children.get(parent) ?? [];
    const main = list.find((node) => line.has(node.id)) ?? (parent === null ? undefined : list.at(-1));
    if (main) stack.push({ node: main, depth, branch: false });
    for (const node of [...list].reverse()) if (node !== main) stack.push({ node, depth: parent === null ? depth : depth + 1, branch: parent !== null });
  };
  pushChildren(null, 0);
  // Nodes on a parent cycle are reached from no root: list them as roots too.
  const unreached = () => [...nodes.values()].find((node) => !seen.has(node.id));
  for (;;) {
    const row = stack.pop();
    if (!row) {
      const orphan = unreached();
      if (!orphan) break;
      stack.push({ node: orphan, depth: 0, branch: false });
      continue;
    }
    if (seen.has(row.node.id)) continue;
    seen.add(row.node.id);
    rows.push(row);
    pushChildren(row.node.id, row.depth);
  }
  return rows;
}
