import { create } from 'zustand';

/** The open context menu, if any: where it is. It lists the commands for the current selection. */
export interface ContextMenuState {
  readonly at: { x: number; y: number } | null;
  openAt(x: number, y: number): void;
  close(): void;
}

export const useContextMenuStore = create<ContextMenuState>()((set) => ({
  at: null,
  openAt: (x, y) => set({ at: { x, y } }),
  close: () => set({ at: null }),
}));
