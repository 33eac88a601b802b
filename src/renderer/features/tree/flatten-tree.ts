import type { TreeNode } from './tree-node.js';

/** One visible row of the tree, in display order, with what the ARIA tree pattern needs when most rows are not in the DOM. */
export interface FlatRow {
  readonly node: TreeNode;
  /** 1 for top-level rows. */
  readonly level: number;
  /** How many siblings the row has (itself included), and its 1-based place among them. */
  readonly setSize: number;
  readonly posInSet: number;
  /** True or false for branches, undefined for leaves. */
  readonly expanded: boolean | undefined;
  /** Index of the parent row, -1 at the top. */
  readonly parent: number;
}

export interface FlatTree {
  readonly rows: readonly FlatRow[];
  /** Index of a row by its row id, -1 if it is not visible. */
  indexOf(rowId: string): number;
}

/** The words of a search query, lowercased; empty when there is nothing to search for. */
export function queryWords(query: string): string[] {
  const trimmed = query.trim().toLowerCase();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/**
 * The nodes that match every word of the query (by name, tag or UUID), with their ancestors so they keep
 * their place. A matching branch keeps only its matching descendants. Group rows never match by themselves.
 * Returns the input unchanged when there are no words.
 */
export function filterNodes(nodes: readonly TreeNode[], words: readonly string[]): readonly TreeNode[] {
  if (words.length === 0) return nodes;
  const keep = (node: TreeNode): TreeNode | null => {
    let children: TreeNode[] | null = null;
    for (const child of node.children) {
      const kept = keep(child);
      if (kept) (children ??= []).push(kept);
    }
    if (children) return { ...node, children };
    const matches = node.kind !== 'group' && words.every((word) => node.searchText.includes(word));
    if (!matches) return null;
    return node.children.length === 0 ? node : { ...node, children: [] };
  };
  const result: TreeNode[] = [];
  for (const node of nodes) {
    const kept = keep(node);
    if (kept) result.push(kept);
  }
  return result;
}

/** The rows on screen, in order: every node whose ancestors are all expanded (rows are expanded unless collapsed). */
export function flattenTree(nodes: readonly TreeNode[], collapsed: ReadonlySet<string>): FlatTree {
  const rows: FlatRow[] = [];
  const visit = (siblings: readonly TreeNode[], level: number, parent: number) => {
    for (let i = 0; i < siblings.length; i++) {
      const node = siblings[i]!;
      const branch = node.children.length > 0;
      const expanded = branch ? !collapsed.has(node.rowId) : undefined;
      const index = rows.length;
      rows.push({ node, level, setSize: siblings.length, posInSet: i + 1, expanded, parent });
      if (expanded) visit(node.children, level + 1, index);
    }
  };
  visit(nodes, 1, -1);
  let byRowId: Map<string, number> | null = null;
  return {
    rows,
    indexOf(rowId) {
      // Built on first use: most renders never ask.
      byRowId ??= new Map(rows.map((row, index) => [row.node.rowId, index]));
      return byRowId.get(rowId) ?? -1;
    },
  };
}

/** The row ids of the ancestors of the first node with this selection key, outermost first; null if absent. */
export function ancestorsOfKey(nodes: readonly TreeNode[], key: string): string[] | null {
  const path: string[] = [];
  const search = (siblings: readonly TreeNode[]): boolean => {
    for (const node of siblings) {
      if (node.key === key) return true;
      path.push(node.rowId);
      if (search(node.children)) return true;
      path.pop();
    }
    return false;
  };
  return search(nodes) ? path : null;
}
