import { useNow } from '../../app/use-now.js';
import { objectsOfType } from '../../store/mirror-read.js';
import { selectObject, useObjectsStore } from '../../store/objects-store.js';
import { selectPool, usePoolsStore } from '../../store/pools-store.js';
import { describePoolState } from '../pools/pool-state-text.js';
import { hostStateText } from './object-kinds.js';
import { powerStateLook } from './power-state.js';
import type { TreeNode } from './tree-node.js';

/** How a row looks: its icon (an image with a name when it says something, e.g. a power state) and its details. */
export interface RowLook {
  readonly icon: { readonly glyph: string; readonly className: string; readonly label?: string };
  /** Short facts after the name, each read as part of the row's description ("Master", "Maintenance mode"). */
  readonly badges: readonly string[];
  /** A second line (pools: the connection state), with a tone for its colour. */
  readonly state?: { readonly text: string; readonly tone: string };
}

const staticLooks: Readonly<Record<string, RowLook>> = {
  template: { icon: { glyph: '❐', className: 'template-icon' }, badges: [] },
  sr: { icon: { glyph: '◫', className: 'sr-icon' }, badges: [] },
  network: { icon: { glyph: '⇄', className: 'network-icon' }, badges: [] },
  group: { icon: { glyph: '▦', className: 'group-icon' }, badges: [] },
  tag: { icon: { glyph: '#', className: 'group-icon tag' }, badges: [] },
};

const noBadges: readonly string[] = [];
const masterBadge: readonly string[] = ['Master'];

/** A pool: its connection state, live (with the reconnect countdown). */
export function usePoolLook(poolId: string): RowLook {
  const pool = usePoolsStore(selectPool(poolId));
  const now = useNow(pool?.state === 'reconnecting');
  const { text, tone } = pool ? describePoolState(pool, now) : { text: 'Unknown pool', tone: 'bad' };
  return { icon: { glyph: '◆', className: `pool-icon ${tone}` }, badges: noBadges, state: { text, tone } };
}

/** A host: Master, maintenance mode or disabled, live. */
export function useHostLook(node: TreeNode): RowLook {
  // Live: entering maintenance mode or a new master changes this row, not the tree's shape.
  const state = useObjectsStore((store) => hostStateText(selectObject(node.objectId!, 'host')(store)));
  const isMaster = useObjectsStore((store) => node.poolId !== null && objectsOfType(store, 'pool', node.poolId)[0]?.master === node.objectId);
  const badges = state ? (isMaster ? ['Master', state] : [state]) : isMaster ? masterBadge : noBadges;
  return { icon: { glyph: '▤', className: state ? 'host-icon disabled' : 'host-icon' }, badges };
}

/** A VM: its power state, live. */
export function useVmLook(node: TreeNode): RowLook {
  const look = powerStateLook(useObjectsStore((store) => selectObject(node.objectId!, 'VM')(store)?.power_state));
  return { icon: { glyph: look.glyph, className: look.className, label: look.label }, badges: noBadges };
}

/** The look of rows that show nothing live: templates, storage, networks and groups. */
export function staticLook(node: TreeNode): RowLook {
  if (node.kind === 'group') {
    // A group says how many objects it holds (after filtering: how many match).
    const look = node.key.startsWith('group:tag:') ? staticLooks.tag! : staticLooks.group!;
    return { ...look, badges: [node.children.length.toLocaleString()] };
  }
  return staticLooks[node.kind] ?? staticLooks.group!;
}
