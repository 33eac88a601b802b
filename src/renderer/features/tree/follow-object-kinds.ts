import { useObjectsStore } from '../../store/objects-store.js';
import { keyForObject, parseSelectionKey, useTreeUiStore } from './tree-ui-store.js';

/** The selected keys whose object now has another key (`vm:` ↔ `template:`), with the key it has now. */
export function staleKeys(keys: readonly string[], objectOf: (id: string) => Parameters<typeof keyForObject>[0] | undefined): [string, string][] {
  const stale: [string, string][] = [];
  for (const key of keys) {
    const parsed = parseSelectionKey(key);
    if (parsed?.kind !== 'vm' && parsed?.kind !== 'template') continue;
    const object = objectOf(parsed.id);
    const now = object ? keyForObject(object) : key;
    if (now !== key) stale.push([key, now]);
  }
  return stale;
}

/**
 * Keeps the selection on an object whose kind changes under it: a VM converted to a template, or a new VM that was
 * still a template when its job selected it (the mirror's last update trails the job). Returns the unsubscribe.
 */
export function followObjectKinds(): () => void {
  const check = () => {
    const ui = useTreeUiStore.getState();
    const { objects } = useObjectsStore.getState();
    for (const [from, to] of staleKeys([...new Set([ui.selectedKey ?? '', ...ui.selectedKeys])].filter(Boolean), (id) => objects.get(id))) ui.rekey(from, to);
  };
  const unsubscribeObjects = useObjectsStore.subscribe(check);
  const unsubscribeUi = useTreeUiStore.subscribe((state, before) => {
    if (state.selectedKey !== before.selectedKey || state.selectedKeys !== before.selectedKeys) check();
  });
  return () => {
    unsubscribeObjects();
    unsubscribeUi();
  };
}
