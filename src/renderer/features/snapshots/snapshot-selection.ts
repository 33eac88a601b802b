/** How a click changes the selection: the one row, one row more or less (Ctrl), or a range (Shift). */
export type SelectMode = 'only' | 'toggle' | 'range';

export interface SnapshotSelection {
  readonly ids: readonly string[];
  /** The row last clicked or moved to: details, keyboard moves and ranges start from it. */
  readonly anchor: string | null;
}

export const emptySelection: SnapshotSelection = { ids: [], anchor: null };

/** The selection after a click on `id`, with rows in their drawn `order`. */
export function selectRow(selection: SnapshotSelection, order: readonly string[], id: string, mode: SelectMode): SnapshotSelection {
  if (mode === 'toggle') {
    const ids = selection.ids.includes(id) ? selection.ids.filter((other) => other !== id) : [...selection.ids, id];
    return { ids, anchor: id };
  }
  if (mode === 'range' && selection.anchor !== null && order.includes(selection.anchor)) {
    const [from, to] = [order.indexOf(selection.anchor), order.indexOf(id)].sort((a, b) => a - b);
    return { ids: order.slice(from, to! + 1), anchor: selection.anchor };
  }
  return { ids: [id], anchor: id };
}

/** Drops ids that are no longer drawn (a deleted snapshot), keeping the anchor only if it is still there. */
export function keepDrawn(selection: SnapshotSelection, order: readonly string[]): SnapshotSelection {
  const drawn = new Set(order);
  const ids = selection.ids.filter((id) => drawn.has(id));
  const anchor = selection.anchor !== null && drawn.has(selection.anchor) ? selection.anchor : null;
  return ids.length === selection.ids.length && anchor === selection.anchor ? selection : { ids, anchor };
}

/** Up/Down/Home/End move a single selection along the drawn rows; null for other keys. */
export function moveSelection(selection: SnapshotSelection, order: readonly string[], key: string): SnapshotSelection | null {
  if (order.length === 0) return null;
  const at = selection.anchor === null ? -1 : order.indexOf(selection.anchor);
  const next = { ArrowDown: Math.min(order.length - 1, at + 1), ArrowUp: Math.max(0, at - 1), Home: 0, End: order.length - 1 }[key];
  if (next === undefined) return null;
  return { ids: [order[next]!], anchor: order[next]! };
}
