import type { MenuItemConstructorOptions } from 'electron';
import { commandText, mainMenus, type CommandId, type MenuEntry } from '../../src/shared/ui/menu-model.js';

/** What the application menu depends on. */
export interface MenuOptions {
  readonly platform: NodeJS.Platform;
  /** Developer tools appear only in development builds. */
  readonly isDevelopment: boolean;
  readonly appName: string;
  /** Sends a chosen Xenith command to the focused window (the renderer decides whether it can run now). */
  readonly onCommand: (commandId: CommandId) => void;
}

const separator: MenuItemConstructorOptions = { type: 'separator' };

/**
 * One Xenith command as a native item. The accelerator is shown but not registered (Linux, Windows): the page's
 * own shortcut handler acts on the key, so a key works the same in a browser and here, and never while a person
 * types in a field. macOS registers what it shows, so only Cmd shortcuts are shown there: a bare F2 or Delete
 * would be taken from text fields.
 */
function commandItem(commandId: CommandId, isMac: boolean, onCommand: MenuOptions['onCommand']): MenuItemConstructorOptions {
  const { label, accelerator } = commandText[commandId];
  const showAccelerator = accelerator !== undefined && (!isMac || accelerator.includes('CmdOrCtrl'));
  return {
    id: commandId,
    label,
    ...(showAccelerator ? { accelerator, registerAccelerator: false } : {}),
    click: () => onCommand(commandId),
  };
}

function xenithItems(entries: readonly MenuEntry[], isMac: boolean, onCommand: MenuOptions['onCommand']): MenuItemConstructorOptions[] {
  return entries.map((entry) => ('separator' in entry ? separator : commandItem(entry.command, isMac, onCommand)));
}

/**
 * The application menu: Xenith's menus from the shared model (the in-page menu bar of serve mode uses the same
 * one), with the platform's standard roles added where each platform expects them (app menu on macOS, Quit,
 * Edit for the clipboard, zoom, Window). Pure, so a test can read it.
 */
export function applicationMenuTemplate({ platform, isDevelopment, appName, onCommand }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const xenithMenu = (label: string): MenuItemConstructorOptions[] => {
    const model = mainMenus.find((menu) => menu.label === label);
    return model ? xenithItems(model.entries, isMac, onCommand) : [];
  };

  const macAppMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: 'about' },
      separator,
      { role: 'services' },
      separator,
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      separator,
      { role: 'quit' },
    ],
  };

  const editMenu: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(isMac ? [{ role: 'pasteAndMatchStyle' } as const, { role: 'delete' } as const] : []),
      { role: 'selectAll' },
    ],
  };

  // Ctrl+R is Reboot (XenCenter's shortcut), so development builds keep only the forced reload (Ctrl+Shift+R).
  const zoomAndDevelopment: MenuItemConstructorOptions[] = [
    separator,
    ...(isDevelopment ? [{ role: 'forceReload' } as const, { role: 'toggleDevTools' } as const, separator] : []),
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    separator,
    { role: 'togglefullscreen' },
  ];

  const windowMenu: MenuItemConstructorOptions = {
    role: 'window',
    submenu: isMac ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }] : [{ role: 'minimize' }, { role: 'close' }],
  };

  const xenithMenus = mainMenus
    .filter((menu) => !['File', 'View', 'Help'].includes(menu.label))
    .map((menu): MenuItemConstructorOptions => ({ label: menu.label, submenu: xenithMenu(menu.label) }));

  return [
    ...(isMac ? [macAppMenu] : []),
    { label: 'File', submenu: [...xenithMenu('File'), separator, isMac ? { role: 'close' } : { role: 'quit' }] },
    editMenu,
    { label: 'View', submenu: [...xenithMenu('View'), ...zoomAndDevelopment] },
    ...xenithMenus,
    windowMenu,
    { role: 'help', submenu: xenithMenu('Help') },
  ];
}
