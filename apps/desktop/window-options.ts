import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The options of the one main window, as a pure function so a unit test can pin them without Electron.
 *
 * SECURITY-CRITICAL: this is the only webPreferences object in the app and it is written literally.
 * contextIsolation, sandbox and nodeIntegration must never be relaxed: the renderer talks to the main
 * process only through the preload's named functions. window.security.test.ts pins every flag.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    title: 'Xenith',
    width: 1280,
    height: 800,
    minWidth: 800,
    minHeight: 500,
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      preload: preloadPath,
    },
  };
}
