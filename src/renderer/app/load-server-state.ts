import type { Bridge } from '../bridge/bridge.js';
import { useAppStore } from '../store/app-store.js';

const healthIntervalMs = 5000;

/** Fetches version, health and settings whenever the bridge (re)connects, and keeps health fresh. */
export function loadServerState(bridge: Bridge): () => void {
  const store = useAppStore.getState();
  const refreshHealth = async () => {
    const health = await bridge.call('app.health', {});
    if (health.ok) useAppStore.getState().setHealth(health.output);
  };
  const loadAll = async () => {
    const [version, settings] = await Promise.all([bridge.call('app.version', {}), bridge.call('settings.get', {})]);
    if (version.ok) store.setVersion(version.output);
    else store.setError(version.error);
    if (settings.ok) store.setSettings(settings.output);
    await refreshHealth();
  };
  const offConnection = bridge.onConnectionChange((connected) => {
    store.setConnected(connected);
    if (connected) void loadAll();
  });
  const offSettings = bridge.subscribe('settings.changed', (settings) => store.setSettings(settings));
  const timer = setInterval(() => void refreshHealth(), healthIntervalMs);
  return () => {
    offConnection();
    offSettings();
    clearInterval(timer);
  };
}
