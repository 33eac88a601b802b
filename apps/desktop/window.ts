import { BrowserWindow, type WebContents } from 'electron';
import { appEntryUrl } from './app-origin.js';
import { constructMainWindow } from './window-options.js';

/** The windows this app created: the IPC bridge answers only them and sends events only to them. */
export class AppWindows {
  readonly #windows = new Set<BrowserWindow>();

  /** Opens the main window on the app:// entry page (built by the one factory, constructMainWindow). */
  openMain(preloadPath: string): BrowserWindow {
    const window = constructMainWindow(BrowserWindow, preloadPath);
    this.#windows.add(window);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.#windows.delete(window));
    void window.loadURL(appEntryUrl);
    return window;
  }

  /** Opens an undocked console: the same window factory (same security settings), showing only the console. */
  openConsole(preloadPath: string, objectId: string): BrowserWindow {
    const window = constructMainWindow(BrowserWindow, preloadPath);
    this.#windows.add(window);
    window.once('ready-to-show', () => window.show());
    window.on('closed', () => this.#windows.delete(window));
    void window.loadURL(`${appEntryUrl}#/console/${encodeURIComponent(objectId)}`);
    return window;
  }

  /** True when the webContents belongs to one of our windows. */
  owns(contents: WebContents): boolean {
    for (const window of this.#windows) {
      if (!window.isDestroyed() && window.webContents === contents) return true;
    }
    return false;
  }

  /** Our windows that are still open. */
  all(): BrowserWindow[] {
    return [...this.#windows].filter((window) => !window.isDestroyed());
  }

  /** Brings the first window forward (a second launch of the app lands here). */
  focusFirst(): void {
    const [window] = this.all();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  }
}
