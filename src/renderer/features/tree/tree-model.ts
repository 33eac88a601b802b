import type { PoolSummary } from '../../../shared/api/pool-schema.js';
import type { XapiClass, XapiRecord } from '../../../shared/xapi/objects.js';
import type { ObjectIndex } from '../../store/apply-delta.js';
import { buildInfrastructureView } from './infrastructure-view.js';
import { buildObjectsView } from './objects-view.js';
import { buildTagsView } from './tags-view.js';
import type { TreeNode } from './tree-node.js';
import { viewInput, type PoolEntry, type ViewInput } from './view-input.js';

export type TreeViewName = 'infrastructure' | 'objects' | 'tags';

const builders: Readonly<Record<TreeViewName, (input: ViewInput) => TreeNode[]>> = {
  infrastructure: buildInfrastructureView,
  objects: buildObjectsView,
  tags: buildTagsView,
};

/**
 * The fields the views' shape depends on, per class: a change to any other field (metrics, memory, allowed
 * operations…) cannot add, move or rename a row, so it does not rebuild the tree. Row icons and states that
 * change in place (power state in the Objects view, host maintenance) are read live by the rows themselves.
 */
const shapeFields: { readonly [C in XapiClass]?: readonly (keyof XapiRecord<C>)[] } = {
  pool: ['master', 'name_label', 'tags'],
  host: ['name_label', 'tags', 'other_config'],
  VM: ['name_label', 'power_state', 'resident_on', 'is_a_template', 'is_a_snapshot', 'is_control_domain', 'is_default_template', 'tags', 'other_config'],
  SR: ['name_label', 'shared', 'PBDs', 'tags', 'other_config', 'is_tools_sr'],
  PBD: ['host'],
  network: ['name_label', 'tags', 'other_config'],
};
const shapeTypes = Object.keys(shapeFields) as XapiClass[];
const noIds: readonly string[] = [];

/** Whether the tree's shape can differ between two mirror states (an identity scan, no sorting). */
export function shapeChanged(before: ObjectIndex, after: ObjectIndex): boolean {
  for (const type of shapeTypes) {
    const ids = after.idsByType.get(type) ?? noIds;
    if (ids !== (before.idsByType.get(type) ?? noIds)) return true;
    // Compared field by field whatever the class: the table above is what checks the names.
    const fields = shapeFields[type] as readonly string[];
    for (const id of ids) {
      const now = after.objects.get(id) as Readonly<Record<string, unknown>> | undefined;
      const then = before.objects.get(id) as Readonly<Record<string, unknown>> | undefined;
      if (now === then) continue;
      if (!now || !then || fields.some((field) => now[field] !== then[field])) return true;
    }
  }
  return false;
}

/** The pools store's pools as the tree needs them (their connection state is read by the pool rows). */
export function poolEntries(pools: ReadonlyMap<string, PoolSummary>): PoolEntry[] {
  return [...pools.values()].map(({ poolId, label, address }) => ({ poolId, label, address }));
}

function samePools(a: readonly PoolEntry[], b: readonly PoolEntry[]): boolean {
  return a === b || (a.length === b.length && a.every((pool, i) => pool.poolId === b[i]!.poolId && pool.label === b[i]!.label && pool.address === b[i]!.address));
}

export interface TreeModelInputs {
  readonly view: TreeViewName;
  readonly pools: readonly PoolEntry[];
  readonly showDefaultTemplates: boolean;
}

let last: { index: ObjectIndex; inputs: TreeModelInputs; nodes: readonly TreeNode[] } | null = null;

/**
 * The top-level nodes of a view for the current mirror, shared by every caller. Rebuilt only when the view,
 * its options, the pools or a shape field changed: a burst of metrics costs an identity scan, not a rebuild.
 */
export function selectTreeNodes(index: ObjectIndex, inputs: TreeModelInputs): readonly TreeNode[] {
  if (last && last.inputs.view === inputs.view && last.inputs.showDefaultTemplates === inputs.showDefaultTemplates && samePools(last.inputs.pools, inputs.pools)) {
    if (last.index.objects === index.objects && last.index.idsByType === index.idsByType) return last.nodes;
    if (!shapeChanged(last.index, index)) {
      last = { index, inputs: last.inputs, nodes: last.nodes };
      return last.nodes;
    }
  }
  const nodes = builders[inputs.view](viewInput(index, inputs.pools, inputs.showDefaultTemplates));
  last = { index, inputs, nodes };
  return nodes;
}
