import type { XapiRecord } from '../../../shared/xapi/objects.js';
import { keyForObject } from './tree-ui-store.js';
import { tagsOf, type TreeObject } from './object-kinds.js';

export type NodeKind = 'pool' | 'host' | 'vm' | 'template' | 'sr' | 'network' | 'group';

/**
 * One node of a tree view, built from the mirror when the view's shape changes (never on metrics). Rows read
 * their live fields (power state, host state) from the stores themselves; the node holds what places the row.
 */
export interface TreeNode {
  /** Unique within the view (an object may appear under several tags: `tag:<tag>/vm:<ref>`). */
  readonly rowId: string;
  /** The selection key (`vm:<ref>`, `pool:<poolId>`, `group:…`), shared by every row of the same object. */
  readonly key: string;
  readonly kind: NodeKind;
  /** The XAPI ref of the object (for a pool: its XAPI `pool` object, once mirrored); null for groups. */
  readonly objectId: string | null;
  /** The Xenith pool the object belongs to; null for groups. */
  readonly poolId: string | null;
  readonly name: string;
  /** Lowercased name, tags and UUID: what the search box matches. */
  readonly searchText: string;
  readonly children: readonly TreeNode[];
}

const noChildren: readonly TreeNode[] = [];

const kindOfType: Readonly<Record<Exclude<TreeObject['$type'], 'VM'>, NodeKind>> = { pool: 'pool', host: 'host', SR: 'sr', network: 'network' };

/** The name a row shows: name_label, or the ref when the object has none. */
export function displayName(object: TreeObject): string {
  return object.name_label || object.$id;
}

function searchTextOf(name: string, object: TreeObject | undefined): string {
  const tags = tagsOf(object);
  const uuid = object?.uuid ?? '';
  return (tags.length > 0 || uuid ? `${name}\n${tags.join('\n')}\n${uuid}` : name).toLowerCase();
}

/**
 * Leaf nodes by object and row prefix. Mirrored objects are replaced, never mutated, when they change, so a
 * rebuild after one VM started reuses the nodes of the other 9,999 instead of recomputing their search text.
 */
const leaves = new WeakMap<TreeObject, Map<string, TreeNode>>();

/** A node for a mirrored object; `rowPrefix` makes the row id unique where an object appears more than once. */
export function objectNode(object: TreeObject, children: readonly TreeNode[] = noChildren, rowPrefix = ''): TreeNode {
  if (children.length > 0) return createObjectNode(object, children, rowPrefix);
  let byPrefix = leaves.get(object);
  if (!byPrefix) leaves.set(object, (byPrefix = new Map()));
  let node = byPrefix.get(rowPrefix);
  if (!node) byPrefix.set(rowPrefix, (node = createObjectNode(object, noChildren, rowPrefix)));
  return node;
}

function createObjectNode(object: TreeObject, children: readonly TreeNode[], rowPrefix: string): TreeNode {
  const key = keyForObject(object);
  const kind = object.$type === 'VM' ? (object.is_a_template === true ? 'template' : 'vm') : kindOfType[object.$type];
  const name = displayName(object);
  return { rowId: rowPrefix + key, key, kind, objectId: object.$id, poolId: object.$pool, name, searchText: searchTextOf(name, object), children };
}

/** A node for a Xenith pool (connected or not): named by its label, its XAPI name, or its address. */
export function poolNode(poolId: string, name: string, poolObject: XapiRecord<'pool'> | undefined, children: readonly TreeNode[], rowPrefix = ''): TreeNode {
  const key = `pool:${poolId}`;
  return { rowId: rowPrefix + key, key, kind: 'pool', objectId: poolObject?.$id ?? null, poolId, name, searchText: searchTextOf(name, poolObject), children };
}

/** A grouping row (Objects and Tags views): never acted on, and never matched by the search itself. */
export function groupNode(id: string, name: string, children: readonly TreeNode[]): TreeNode {
  const key = `group:${id}`;
  return { rowId: key, key, kind: 'group', objectId: null, poolId: null, name, searchText: '', children };
}
