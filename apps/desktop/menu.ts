import { app, Menu } from 'electron';
import { applicationMenuTemplate } from './menu-template.js';

/** Installs the application menu for this platform. */
export function installApplicationMenu(isDevelopment: boolean): void {
  const template = applicationMenuTemplate({ platform: process.platform, isDevelopment, appName: app.name });
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}
