import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { commandText, mainMenus, type CommandId } from '../../src/shared/ui/menu-model.js';
import { applicationMenuTemplate, type MenuOptions } from './menu-template.js';

/** Every role in a menu template, depth first. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [...(item.role ? [item.role] : []), ...(Array.isArray(item.submenu) ? roles(item.submenu) : [])]);
}

/** Every Xenith command item (they carry the command id as their id), depth first. */
function commandItems(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [...(item.id ? [item] : []), ...(Array.isArray(item.submenu) ? commandItems(item.submenu) : [])]);
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? '');
}

function template(overrides: Partial<MenuOptions> = {}): MenuItemConstructorOptions[] {
  return applicationMenuTemplate({ platform: 'linux', isDevelopment: false, appName: 'Xenith', onCommand: () => {}, ...overrides });
}

function submenuOf(menu: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  return menu.find((item) => (item.label ?? item.role) === label)?.submenu as MenuItemConstructorOptions[];
}

describe('applicationMenuTemplate', () => {
  it("has XenCenter's menus from the shared model, plus Edit and Window, on Linux and Windows", () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = template({ platform });
      expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'Pool', 'Server', 'VM', 'Storage', 'Templates', 'Tools', 'window', 'help']);
      expect(roles(menu)).toEqual(expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen']));
    }
  });

  it('lists every command of each shared menu, in order, with its label', () => {
    const menu = template();
    for (const model of mainMenus) {
      const native = commandItems(submenuOf(menu, model.label === 'Help' ? 'help' : model.label));
      const expected = model.entries.flatMap((entry) => ('command' in entry ? [entry.command] : []));
      expect(native.map((item) => item.id)).toEqual(expected);
      expect(native.map((item) => item.label)).toEqual(expected.map((id) => commandText[id].label));
    }
  });

  it('sends the chosen command id', () => {
    const chosen: CommandId[] = [];
    const vmMenu = submenuOf(template({ onCommand: (id) => chosen.push(id) }), 'VM');
    const start = vmMenu.find((item) => item.id === 'vm.start')!;
    (start.click as () => void)();
    expect(chosen).toEqual(['vm.start']);
  });

  it('shows shortcuts without registering them (the page handles the keys), and only Cmd ones on macOS', () => {
    const linuxStart = commandItems(template()).find((item) => item.id === 'vm.start')!;
    expect(linuxStart).toMatchObject({ accelerator: 'CmdOrCtrl+B', registerAccelerator: false });
    const macItems = commandItems(template({ platform: 'darwin' }));
    expect(macItems.find((item) => item.id === 'vm.start')?.accelerator).toBe('CmdOrCtrl+B');
    expect(macItems.find((item) => item.id === 'object.rename')?.accelerator).toBeUndefined();
    expect(macItems.find((item) => item.id === 'vm.delete')?.accelerator).toBeUndefined();
  });

  it('adds the macOS app menu first, with quit there and close in File', () => {
    const menu = template({ platform: 'darwin' });
    expect(labels(menu).slice(0, 3)).toEqual(['Xenith', 'File', 'Edit']);
    expect(roles([menu[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles([menu[1]!])).toEqual(['close']);
  });

  it('offers developer tools only in development, and never a reload on Ctrl+R (that is Reboot)', () => {
    const production = roles(template());
    const development = roles(template({ isDevelopment: true }));
    for (const devOnly of ['forceReload', 'toggleDevTools']) {
      expect(production).not.toContain(devOnly);
      expect(development).toContain(devOnly);
    }
    expect(development).not.toContain('reload');
    expect(production).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
  });
});
