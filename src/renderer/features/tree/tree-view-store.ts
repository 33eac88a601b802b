import { create } from 'zustand';
import type { TreeViewName } from './tree-model.js';

/** How the left pane shows the tree: which view, the search text, and whether default templates are listed. */
export interface TreeViewState {
  readonly view: TreeViewName;
  readonly query: string;
  readonly showDefaultTemplates: boolean;
  setView(view: TreeViewName): void;
  setQuery(query: string): void;
  setShowDefaultTemplates(show: boolean): void;
}

export const useTreeViewStore = create<TreeViewState>()((set) => ({
  view: 'infrastructure',
  query: '',
  showDefaultTemplates: false,
  setView: (view) => set({ view }),
  setQuery: (query) => set({ query }),
  setShowDefaultTemplates: (showDefaultTemplates) => set({ showDefaultTemplates }),
}));
