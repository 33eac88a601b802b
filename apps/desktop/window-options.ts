import type { BrowserWindowConstructorOptions } from 'electron';

/** What the factory needs to build a window: Electron's BrowserWindow in the app, a recorder in tests. */
export type WindowConstructor<W> = new (options: BrowserWindowConstructorOptions) => W;

/**
 * Builds the main window: the one place the app constructs a BrowserWindow.
 *
 * SECURITY-CRITICAL: this is the only webPreferences object in the app and it is written literally, inside
 * the constructor call itself, so reviewers and Electronegativity read the real values.
 * contextIsolation, sandbox and nodeIntegration must never be relaxed: the renderer talks to the main
 * process only through the preload's named functions. window.security.test.ts pins every flag.
 */
export function constructMainWindow<W>(BrowserWindow: WindowConstructor<W>, preloadPath: string): W {
  return new BrowserWindow({
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
      // Middle-click would otherwise try to open links in new windows (denied anyway by the open handler).
      disableBlinkFeatures: 'Auxclick',
      preload: preloadPath,
    },
  });
}

/** Keeps the options it was constructed with; lets mainWindowOptions read them without Electron. */
class RecordedOptions {
  constructor(readonly options: BrowserWindowConstructorOptions) {}
}

/** The exact options constructMainWindow passes to BrowserWindow (pure: no Electron at runtime). */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return constructMainWindow(RecordedOptions, preloadPath).options;
}
