import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from './window-options.js';

describe('mainWindowOptions (SECURITY-CRITICAL)', () => {
  const preloadPath = path.join('/opt/xenith/dist/desktop', 'preload.cjs');
  const options = mainWindowOptions(preloadPath);
  const prefs = options.webPreferences;

  it('isolates the page from the preload and sandboxes it', () => {
    expect(prefs?.contextIsolation).toBe(true);
    expect(prefs?.sandbox).toBe(true);
  });

  it('gives the page no Node.js anywhere', () => {
    expect(prefs?.nodeIntegration).toBe(false);
    expect(prefs?.nodeIntegrationInWorker).toBe(false);
    expect(prefs?.nodeIntegrationInSubFrames).toBe(false);
  });

  it('keeps web security on and forbids insecure content, experimental features and <webview>', () => {
    expect(prefs?.webSecurity).toBe(true);
    expect(prefs?.allowRunningInsecureContent).toBe(false);
    expect(prefs?.experimentalFeatures).toBe(false);
    expect(prefs?.webviewTag).toBe(false);
    expect(prefs?.navigateOnDragDrop).toBe(false);
    expect(prefs?.disableBlinkFeatures).toBe('Auxclick');
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('loads exactly the given preload script', () => {
    expect(prefs?.preload).toBe(preloadPath);
  });

  it('sets nothing that weakens the page (no blink features, no remote modules, no disabled isolation)', () => {
    const allowedKeys = [
      'contextIsolation',
      'sandbox',
      'nodeIntegration',
      'nodeIntegrationInWorker',
      'nodeIntegrationInSubFrames',
      'webSecurity',
      'allowRunningInsecureContent',
      'experimentalFeatures',
      'webviewTag',
      'navigateOnDragDrop',
      'safeDialogs',
      'disableBlinkFeatures',
      'preload',
    ];
    expect(Object.keys(prefs ?? {}).sort()).toEqual([...allowedKeys].sort());
  });

  it('returns a fresh object each time, so one window cannot alter the next', () => {
    const first = mainWindowOptions(preloadPath);
    first.webPreferences!.sandbox = false;
    expect(mainWindowOptions(preloadPath).webPreferences?.sandbox).toBe(true);
  });
});
