import { create } from 'zustand';
import type { ApiError } from '../../shared/api/errors.js';
import type { MethodOutput } from '../../shared/api/contract.js';
import { defaultSettings, type Settings } from '../../shared/api/settings-schema.js';

type Version = MethodOutput<'app.version'>;
type Health = MethodOutput<'app.health'>;

/** Server-level state: who we talk to, whether we can, and the user's preferences. */
export interface AppState {
  connected: boolean;
  version: Version | null;
  health: Health | null;
  settings: Settings;
  lastError: ApiError | null;
  setConnected(connected: boolean): void;
  setVersion(version: Version): void;
  setHealth(health: Health): void;
  setSettings(settings: Settings): void;
  setError(error: ApiError | null): void;
}

export const useAppStore = create<AppState>()((set) => ({
  connected: false,
  version: null,
  health: null,
  settings: defaultSettings,
  lastError: null,
  setConnected: (connected) => set({ connected }),
  setVersion: (version) => set({ version }),
  setHealth: (health) => set({ health }),
  setSettings: (settings) => set({ settings }),
  setError: (lastError) => set({ lastError }),
}));
