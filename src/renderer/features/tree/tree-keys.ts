import type { FlatRow } from './flatten-tree.js';

/** What a key does to the tree, by row index in the flat (visible) order. */
export type TreeKeyAction =
  | { readonly move: number }
  | { readonly expand: number }
  | { readonly collapse: number }
  | { readonly activate: number }
  | null;

/**
 * The WAI-ARIA tree pattern over the visible rows: Up/Down move, Home/End and PageUp/PageDown jump, Right opens
 * a closed branch or enters an open one, Left closes an open branch or goes to the parent, Enter and Space
 * activate, and a letter moves to the next row whose name starts with it. `current` is -1 when no row has
 * focus yet: any move starts at the first row. `pageRows` is how many rows fit in the view.
 */
export function treeKeyAction(rows: readonly FlatRow[], current: number, key: string, pageRows: number): TreeKeyAction {
  if (rows.length === 0) return null;
  const last = rows.length - 1;
  const index = Math.min(Math.max(current, 0), last);
  const row = rows[index]!;
  const moveTo = (to: number) => ({ move: Math.min(Math.max(to, 0), last) });
  if (current < 0 && key !== 'Home' && key !== 'End') return { move: 0 };
  switch (key) {
    case 'ArrowDown':
      return index < last ? moveTo(index + 1) : null;
    case 'ArrowUp':
      return index > 0 ? moveTo(index - 1) : null;
    case 'Home':
      return moveTo(0);
    case 'End':
      return moveTo(last);
    case 'PageDown':
      return moveTo(index + Math.max(1, pageRows - 1));
    case 'PageUp':
      return moveTo(index - Math.max(1, pageRows - 1));
    case 'ArrowRight':
      if (row.expanded === false) return { expand: index };
      if (row.expanded === true && index < last) return moveTo(index + 1);
      return null;
    case 'ArrowLeft':
      if (row.expanded === true) return { collapse: index };
      return row.parent >= 0 ? moveTo(row.parent) : null;
    case 'Enter':
    case ' ':
      return { activate: index };
    default:
      return key.length === 1 && key.trim() !== '' ? typeAhead(rows, index, key.toLowerCase()) : null;
  }
}

/** The next row after `from` (wrapping) whose name starts with `letter`. */
function typeAhead(rows: readonly FlatRow[], from: number, letter: string): TreeKeyAction {
  for (let step = 1; step <= rows.length; step++) {
    const index = (from + step) % rows.length;
    if (rows[index]!.node.name.toLowerCase().startsWith(letter)) return { move: index };
  }
  return null;
}
