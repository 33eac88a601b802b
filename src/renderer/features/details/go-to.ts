import { useTreeUiStore } from '../tree/tree-ui-store.js';

/** Selects a row's object in the tree (Go To), as double-click or Enter on a table row does. */
export function goTo(selectionKey: string): void {
  useTreeUiStore.getState().select(selectionKey);
}
