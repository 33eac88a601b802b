import { beforeEach, describe, expect, it } from 'vitest';
import { defaultSettings } from '../../shared/api/settings-schema.js';
import { useAppStore } from '../store/app-store.js';
import { createFakeBridge } from '../testing/fake-bridge.js';
import { saveSettings } from './save-settings.js';

describe('saveSettings', () => {
  beforeEach(() => useAppStore.getState().setSettings(defaultSettings));

  it('shows the change before the server answers, then keeps what the server saved', async () => {
    const bridge = createFakeBridge();
    let answer: (() => void) | undefined;
    bridge.handle('settings.set', (patch) => new Promise((resolve) => (answer = () => resolve({ ok: true, output: { ...defaultSettings, ...patch } }))));
    const saving = saveSettings(bridge, { theme: 'dark' });
    expect(useAppStore.getState().settings.theme).toBe('dark');
    answer!();
    await saving;
    expect(useAppStore.getState().settings.theme).toBe('dark');
  });

  it('undoes the change and shows the error when the server refuses it', async () => {
    const bridge = createFakeBridge();
    bridge.handle('settings.set', () => ({ ok: false, error: { code: 'VALIDATION', message: 'Invalid theme' } }));
    await saveSettings(bridge, { taskPanelOpen: false });
    expect(useAppStore.getState().settings.taskPanelOpen).toBe(true);
    expect(useAppStore.getState().lastError?.code).toBe('VALIDATION');
  });
});
