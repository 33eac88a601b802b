import type { Settings } from '../../shared/api/settings-schema.js';
import type { Bridge } from '../bridge/bridge.js';
import { useAppStore } from '../store/app-store.js';

/**
 * Saves some preferences on the server (every window follows through settings.changed). The change shows at
 * once — a checkbox or theme switch must not wait for a round trip — and is undone if the server refuses it.
 */
export async function saveSettings(bridge: Bridge, patch: Partial<Settings>): Promise<void> {
  const store = useAppStore.getState();
  const before = store.settings;
  store.setSettings({ ...before, ...patch });
  const result = await bridge.call('settings.set', patch);
  if (result.ok) useAppStore.getState().setSettings(result.output);
  else {
    useAppStore.getState().setSettings(before);
    useAppStore.getState().setError(result.error);
  }
}
