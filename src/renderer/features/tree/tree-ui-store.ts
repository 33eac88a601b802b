import { create } from 'zustand';

/** How a click changes the selection: plain click, Ctrl/Cmd-click, Shift-click (range over `order`). */
export type SelectMode = 'replace' | 'toggle' | 'range';

/**
 * The selection (shared by the tree, the toolbar, the menus and the details pane), keyboard focus, collapsed
 * rows (rows are expanded by default) and the Back/Forward history of primary selections.
 *
 * Keys: `pool:<poolId>`, `host:<ref>`, `vm:<ref>`, `template:<ref>`, `sr:<ref>`, `network:<ref>`; grouping rows of
 * the Objects and Tags views use `group:<…>` and are never acted on.
 */
export interface TreeUiState {
  /** The primary selection: what the details pane shows (the last row clicked). */
  readonly selectedKey: string | null;
  /** Every selected row, primary included (multi-selection for bulk actions). */
  readonly selectedKeys: readonly string[];
  readonly focusedKey: string | null;
  readonly collapsed: ReadonlySet<string>;
  readonly history: readonly string[];
  /** Index of the current selection in `history`. */
  readonly historyIndex: number;
  /**
   * Selects a row. `range` selects from the primary row to `key` along `order` (the visible rows in order).
   */
  select(key: string, mode?: SelectMode, order?: readonly string[]): void;
  focus(key: string): void;
  /** Selects every given row (Ctrl+A in the tree); the primary row stays primary when it is among them. */
  selectAll(keys: readonly string[]): void;
  setExpanded(key: string, expanded: boolean): void;
  back(): void;
  forward(): void;
  /** An object's key changed (a VM became a template, or a new VM stopped being one): the selection follows it. */
  rekey(from: string, to: string): void;
}

const historyLimit = 100;

function withHistory(state: TreeUiState, key: string): Pick<TreeUiState, 'history' | 'historyIndex'> {
  if (state.history[state.historyIndex] === key) return { history: state.history, historyIndex: state.historyIndex };
  const history = [...state.history.slice(0, state.historyIndex + 1), key].slice(-historyLimit);
  return { history, historyIndex: history.length - 1 };
}

function rangeBetween(order: readonly string[], from: string | null, to: string): string[] {
  const end = order.indexOf(to);
  const start = from === null ? -1 : order.indexOf(from);
  if (end < 0 || start < 0) return [to];
  return order.slice(Math.min(start, end), Math.max(start, end) + 1);
}

export const useTreeUiStore = create<TreeUiState>()((set) => ({
  selectedKey: null,
  selectedKeys: [],
  focusedKey: null,
  collapsed: new Set(),
  history: [],
  historyIndex: -1,
  select: (key, mode = 'replace', order = []) =>
    set((state) => {
      if (mode === 'toggle') {
        const has = state.selectedKeys.includes(key);
        const selectedKeys = has ? state.selectedKeys.filter((k) => k !== key) : [...state.selectedKeys, key];
        const selectedKey = has ? (selectedKeys.at(-1) ?? null) : key;
        return { selectedKeys, selectedKey, focusedKey: key, ...(selectedKey ? withHistory(state, selectedKey) : {}) };
      }
      if (mode === 'range') {
        // The anchor stays the primary row, as in a file manager.
        return { selectedKeys: rangeBetween(order, state.selectedKey, key), focusedKey: key };
      }
      return { selectedKey: key, selectedKeys: [key], focusedKey: key, ...withHistory(state, key) };
    }),
  focus: (key) => set({ focusedKey: key }),
  selectAll: (keys) =>
    set((state) => {
      if (keys.length === 0) return {};
      const selectedKey = state.selectedKey !== null && keys.includes(state.selectedKey) ? state.selectedKey : keys[0]!;
      return { selectedKeys: [...new Set(keys)], selectedKey, ...withHistory(state, selectedKey) };
    }),
  setExpanded: (key, expanded) =>
    set((state) => {
      if (state.collapsed.has(key) !== expanded) return {};
      const collapsed = new Set(state.collapsed);
      if (expanded) collapsed.delete(key);
      else collapsed.add(key);
      return { collapsed };
    }),
  back: () =>
    set((state) => {
      if (state.historyIndex <= 0) return {};
      const key = state.history[state.historyIndex - 1]!;
      return { historyIndex: state.historyIndex - 1, selectedKey: key, selectedKeys: [key], focusedKey: key };
    }),
  forward: () =>
    set((state) => {
      if (state.historyIndex >= state.history.length - 1) return {};
      const key = state.history[state.historyIndex + 1]!;
      return { historyIndex: state.historyIndex + 1, selectedKey: key, selectedKeys: [key], focusedKey: key };
    }),
  rekey: (from, to) =>
    set((state) => {
      const swap = (key: string | null) => (key === from ? to : key);
      return {
        selectedKey: swap(state.selectedKey),
        selectedKeys: state.selectedKeys.map((key) => swap(key)!),
        focusedKey: swap(state.focusedKey),
        history: state.history.map((key) => swap(key)!),
      };
    }),
}));

/** Splits a selection key into kind and id (`vm:OpaqueRef:…` → {kind: 'vm', id: 'OpaqueRef:…'}). */
export function parseSelectionKey(key: string | null): { kind: string; id: string } | null {
  const match = key ? /^(\w+):(.+)$/.exec(key) : null;
  return match ? { kind: match[1]!, id: match[2]! } : null;
}

/** The selection key of a mirrored object (what the tree, Go To and the Search tab select). */
export function keyForObject(object: { $id: string; $type: string; $pool: string; is_a_template?: unknown }): string {
  switch (object.$type) {
    case 'pool':
      return `pool:${object.$pool}`;
    case 'VM':
      return `${object.is_a_template === true ? 'template' : 'vm'}:${object.$id}`;
    case 'host':
      return `host:${object.$id}`;
    case 'SR':
      return `sr:${object.$id}`;
    case 'network':
      return `network:${object.$id}`;
    default:
      return `${object.$type.toLowerCase()}:${object.$id}`;
  }
}
