import { useEffect } from 'react';
import { useAppStore } from '../../store/app-store.js';
import { objectOf } from '../../store/mirror-read.js';
import { useObjectsStore } from '../../store/objects-store.js';
import { keyForObject, useTreeUiStore } from '../tree/tree-ui-store.js';
import { alertRows } from './alert-list.js';
import { freshAlertIds, shouldNotify } from './alert-notifications.js';

/**
 * OS notifications for new alerts at or above the chosen severity (settings.alertNotifications, off by default):
 * the browser's Notification in serve mode, which Electron turns into the system's. Clicking one brings the
 * window forward and selects the alert's object.
 */
export function useAlertNotifications(): void {
  useEffect(() => {
    const openedAt = Date.now();
    const seen = new Set<string>();
    let lastIds: readonly string[] | undefined;
    const check = () => {
      const state = useObjectsStore.getState();
      const ids = state.idsByType.get('message') ?? [];
      if (ids === lastIds) return;
      lastIds = ids;
      const timestampOf = (id: string) => Date.parse(objectOf(state, 'message', id)?.timestamp ?? '') || 0;
      const fresh = new Set(freshAlertIds(ids, seen, timestampOf, openedAt));
      const setting = useAppStore.getState().settings.alertNotifications;
      if (fresh.size === 0 || setting === 'off' || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
      for (const row of alertRows(state, fresh.size, { ids: fresh })) {
        if (!shouldNotify(setting, row.severity)) continue;
        const object = row.object;
        try {
          const notification = new Notification(row.title, { body: `${object ? `${String(object.name_label)}: ` : ''}${row.body}`, tag: row.id });
          notification.onclick = () => {
            window.focus();
            if (object) useTreeUiStore.getState().select(keyForObject(object));
          };
        } catch {
          // A browser that refuses to show one (headless, a policy) must not break the store's other listeners.
        }
      }
    };
    check();
    return useObjectsStore.subscribe(check);
  }, []);
}
