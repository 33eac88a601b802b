/** A visible tree row as the keyboard sees it. */
export interface VisibleRow {
  readonly key: string;
  readonly level: number;
  /** True or false for branches, undefined for leaves. */
  readonly expanded: boolean | undefined;
}

export type TreeKeyAction = { focus: string } | { expand: string } | { collapse: string } | { select: string } | null;

/** What a key does in the tree (WAI-ARIA tree pattern): arrows move and fold, Home/End jump, Enter/Space select. */
export function treeKeyAction(rows: readonly VisibleRow[], currentKey: string | null, key: string): TreeKeyAction {
  if (rows.length === 0) return null;
  const index = Math.max(0, rows.findIndex((row) => row.key === currentKey));
  const row = rows[index]!;
  switch (key) {
    case 'ArrowDown':
      return index + 1 < rows.length ? { focus: rows[index + 1]!.key } : null;
    case 'ArrowUp':
      return index > 0 ? { focus: rows[index - 1]!.key } : null;
    case 'Home':
      return { focus: rows[0]!.key };
    case 'End':
      return { focus: rows.at(-1)!.key };
    case 'ArrowRight':
      if (row.expanded === false) return { expand: row.key };
      if (row.expanded === true && rows[index + 1]?.level === row.level + 1) return { focus: rows[index + 1]!.key };
      return null;
    case 'ArrowLeft': {
      if (row.expanded === true) return { collapse: row.key };
      for (let i = index - 1; i >= 0; i--) if (rows[i]!.level < row.level) return { focus: rows[i]!.key };
      return null;
    }
    case 'Enter':
    case ' ':
      return { select: row.key };
    default:
      return null;
  }
}
