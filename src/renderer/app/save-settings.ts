import type { Settings } from '../../shared/api/settings-schema.js';
import type { Bridge } from '../bridge/bridge.js';
import { useAppStore } from '../store/app-store.js';

/** Saves some preferences on the server (every window follows through settings.changed) and applies the answer. */
export async function saveSettings(bridge: Bridge, patch: Partial<Settings>): Promise<void> {
  const result = await bridge.call('settings.set', patch);
  if (result.ok) useAppStore.getState().setSettings(result.output);
  else useAppStore.getState().setError(result.error);
}
