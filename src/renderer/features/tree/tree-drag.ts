import { useState, type DragEvent } from 'react';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { objectOf } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import type { FlatRow } from './flatten-tree.js';
import type { TreeNode } from './tree-node.js';
import { parseSelectionKey, useTreeUiStore } from './tree-ui-store.js';

/** The VMs being dragged, all from one pool. */
export interface VmDrag {
  readonly vmIds: readonly string[];
  readonly poolId: string;
}

const vmIdsType = 'application/x-xenith-vm-ids';

/** What a drag from this row carries: the selected VMs of the row's pool when the row is selected, else the row's VM. */
export function vmDragFrom(node: TreeNode, selectedKeys: readonly string[], index: ObjectIndex): VmDrag | null {
  if (node.kind !== 'vm' || node.objectId === null || node.poolId === null) return null;
  const keys = selectedKeys.includes(node.key) ? selectedKeys : [node.key];
  const vmIds = keys
    .map(parseSelectionKey)
    .filter((parsed) => parsed?.kind === 'vm' && objectOf(index, 'VM', parsed.id)?.$pool === node.poolId)
    .map((parsed) => parsed!.id);
  return { vmIds, poolId: node.poolId };
}

/** Whether the drop goes to another pool: XenCenter's cross-pool Migrate wizard takes one VM at a time. */
export function isCrossPoolDrop(node: TreeNode, drag: VmDrag): boolean {
  return node.poolId !== null && node.poolId !== drag.poolId;
}

/**
 * Whether the dragged VMs can go to this row: a host of their pool that is not already home to all of them, or a
 * host of another pool for a single VM XAPI can send there (VM.migrate_send).
 */
export function canDropOn(node: TreeNode, drag: VmDrag | null, index: ObjectIndex): boolean {
  if (!drag || node.kind !== 'host') return false;
  if (isCrossPoolDrop(node, drag)) {
    const [only] = drag.vmIds;
    return drag.vmIds.length === 1 && objectOf(index, 'VM', only)?.allowed_operations.includes('migrate_send') === true;
  }
  return drag.vmIds.some((id) => objectOf(index, 'VM', id)?.resident_on !== node.objectId);
}

/** The drag in progress: `dragover` cannot read the dragged data, so the tree remembers what it started. */
let currentDrag: VmDrag | null = null;

/**
 * Drag VMs onto a host to migrate them (XenCenter's habit): dragging a VM row carries the selected VMs,
 * hovering a host that can take them marks it as the drop target, and dropping asks for confirmation in the
 * Migrate VM dialog — or, for a host of another pool, opens the cross-pool Migrate wizard. `rowOf` finds the row
 * under an event.
 */
export function useTreeDrag(rowOf: (event: DragEvent) => FlatRow | null) {
  const [dropRowId, setDropRowId] = useState<string | null>(null);
  const dropNode = (event: DragEvent): TreeNode | null => {
    const node = rowOf(event)?.node ?? null;
    return node && canDropOn(node, currentDrag, useObjectsStore.getState()) ? node : null;
  };
  const end = () => {
    currentDrag = null;
    setDropRowId(null);
  };
  return {
    dropRowId,
    onDragStart(event: DragEvent) {
      const node = rowOf(event)?.node;
      const ui = useTreeUiStore.getState();
      if (node && !ui.selectedKeys.includes(node.key)) ui.select(node.key);
      const drag = node ? vmDragFrom(node, useTreeUiStore.getState().selectedKeys, useObjectsStore.getState()) : null;
      if (!drag || drag.vmIds.length === 0) {
        event.preventDefault();
        return;
      }
      currentDrag = drag;
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData(vmIdsType, JSON.stringify(drag.vmIds));
      event.dataTransfer.setData('text/plain', node!.name);
    },
    onDragOver(event: DragEvent) {
      const node = dropNode(event);
      if (!node) {
        if (dropRowId !== null) setDropRowId(null);
        return;
      }
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (dropRowId !== node.rowId) setDropRowId(node.rowId);
    },
    onDragLeave(event: DragEvent) {
      // Leaving the tree (not just moving between rows) clears the mark.
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropRowId(null);
    },
    onDrop(event: DragEvent) {
      const node = dropNode(event);
      const drag = currentDrag;
      end();
      if (!node || !drag) return;
      event.preventDefault();
      if (isCrossPoolDrop(node, drag)) useDialogStore.getState().show({ kind: 'crossPoolMigrate', vmId: drag.vmIds[0]!, hostId: node.objectId! });
      else useDialogStore.getState().show({ kind: 'migrate', vmIds: drag.vmIds, hostId: node.objectId! });
    },
    onDragEnd: end,
  };
}
