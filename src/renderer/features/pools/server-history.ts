/** Where the Add Pool dialog remembers the addresses typed before (addresses only, never credentials). */
export const serverHistoryKey = 'xenith.serverHistory';
const maxEntries = 20;

/** Minimal storage the history needs (window.localStorage in the app, a map in tests). */
export interface HistoryStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** Reads the saved history, tolerating a missing or damaged entry. */
export function readServerHistory(storage: HistoryStorage | undefined): string[] {
  try {
    const parsed: unknown = JSON.parse(storage?.getItem(serverHistoryKey) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
  } catch {
    return [];
  }
}

/** Puts an address at the front of the history (most recent first, no duplicates, bounded). */
export function rememberServer(storage: HistoryStorage | undefined, address: string): void {
  const trimmed = address.trim();
  if (!storage || trimmed === '') return;
  const next = [trimmed, ...readServerHistory(storage).filter((item) => item.toLowerCase() !== trimmed.toLowerCase())].slice(0, maxEntries);
  try {
    storage.setItem(serverHistoryKey, JSON.stringify(next));
  } catch {
    // Storage full or disabled: the history is a convenience, adding the pool must not fail for it.
  }
}

/** The combobox suggestions: the typed history first, then known pools' addresses, without duplicates. */
export function serverSuggestions(history: readonly string[], knownAddresses: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const address of [...history, ...knownAddresses]) {
    const key = address.trim().toLowerCase();
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(address.trim());
  }
  return out;
}

/** localStorage when the page may use it. */
export function browserHistoryStorage(): HistoryStorage | undefined {
  try {
    return globalThis.localStorage ?? undefined;
  } catch {
    return undefined;
  }
}
