import { create } from 'zustand';

/** Which tree row is selected, which has the keyboard focus, and which are collapsed (rows are expanded by default). */
export interface TreeUiState {
  readonly selectedKey: string | null;
  readonly focusedKey: string | null;
  readonly collapsed: ReadonlySet<string>;
  select(key: string): void;
  focus(key: string): void;
  setExpanded(key: string, expanded: boolean): void;
}

export const useTreeUiStore = create<TreeUiState>()((set) => ({
  selectedKey: null,
  focusedKey: null,
  collapsed: new Set(),
  select: (key) => set({ selectedKey: key, focusedKey: key }),
  focus: (key) => set({ focusedKey: key }),
  setExpanded: (key, expanded) =>
    set((state) => {
      if (state.collapsed.has(key) !== expanded) return {};
      const collapsed = new Set(state.collapsed);
      if (expanded) collapsed.delete(key);
      else collapsed.add(key);
      return { collapsed };
    }),
}));
