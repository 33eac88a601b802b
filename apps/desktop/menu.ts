import { app, BrowserWindow, Menu } from 'electron';
import { menuCommandChannel } from '../../src/shared/api/preload-api.js';
import { isAppUrl } from './app-origin.js';
import { applicationMenuTemplate } from './menu-template.js';
import type { AppWindows } from './window.js';

/**
 * Installs the application menu for this platform. A chosen Xenith command goes to the focused window, and only
 * if it is one of ours still showing the app (the same rule as server events).
 */
export function installApplicationMenu(isDevelopment: boolean, windows: AppWindows): void {
  const template = applicationMenuTemplate({
    platform: process.platform,
    isDevelopment,
    appName: app.name,
    onCommand: (commandId) => {
      const contents = BrowserWindow.getFocusedWindow()?.webContents;
      if (contents && !contents.isDestroyed() && windows.owns(contents) && isAppUrl(contents.getURL())) contents.send(menuCommandChannel, commandId);
    },
  });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
