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
 * activate, and letters typed in a row move to the row whose name starts with them (`typed`: what was typed so
 * far, this key included; one letter moves to the next row starting with it). `current` is -1 when no row has
 * focus yet: any move starts at the first row. `pageRows` is how many rows fit in the view.
 */
export function treeKeyAction(rows: readonly FlatRow[], current: number, key: string, pageRows: number, typed: string = key): TreeKeyAction {
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
      return key.length === 1 && key.trim() !== '' ? typeAhead(rows, index, typed.toLowerCase()) : null;
  }
}

/**
 * The row type-ahead lands on. One letter (or the same letter again and again) steps to the next row starting with
 * it, as in XenCenter's tree; several letters find the first row from the current one (included) that starts with
 * them all, so "web-0" reaches web-03 past web-01's siblings.
 */
function typeAhead(rows: readonly FlatRow[], from: number, typed: string): TreeKeyAction {
  const repeated = [...typed].every((letter) => letter === typed[0]);
  const prefix = repeated ? typed[0]! : typed;
  const first = repeated ? 1 : 0;
  for (let step = first; step < rows.length + first; step++) {
    const index = (from + step) % rows.length;
    if (rows[index]!.node.name.toLowerCase().startsWith(prefix)) return { move: index };
  }
  return null;
}

/** How long a pause ends a type-ahead word (the next letter starts a new one). */
export const typeAheadPauseMs = 1000;

/** The type-ahead text after a key: what was typed before, if recent enough, and this key. */
export function typedSoFar(previous: { readonly text: string; readonly at: number } | null, key: string, now: number): string {
  return previous && now - previous.at < typeAheadPauseMs ? previous.text + key : key;
}
