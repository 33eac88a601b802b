import { create } from 'zustand';

/**
 * The open context menu, if any: where it is, and what it is for. Without `keys` it lists the commands for the
 * tree's selection; with them (a Search tab row) for those objects, leaving the tree's selection alone.
 */
export interface ContextMenuState {
  readonly at: { x: number; y: number } | null;
  /** Selection keys the menu acts on instead of the tree's selection. */
  readonly keys: readonly string[] | null;
  openAt(x: number, y: number, keys?: readonly string[]): void;
  close(): void;
}

export const useContextMenuStore = create<ContextMenuState>()((set) => ({
  at: null,
  keys: null,
  openAt: (x, y, keys) => set({ at: { x, y }, keys: keys ?? null }),
  close: () => set({ at: null, keys: null }),
}));
