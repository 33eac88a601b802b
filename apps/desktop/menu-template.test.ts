import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { applicationMenuTemplate } from './menu-template.js';

/** Every role in a menu template, depth first. */
function roles(items: MenuItemConstructorOptions[]): string[] {
  return items.flatMap((item) => [
    ...(item.role ? [item.role] : []),
    ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
  ]);
}

function labels(items: MenuItemConstructorOptions[]): string[] {
  return items.map((item) => item.label ?? item.role ?? '');
}

describe('applicationMenuTemplate', () => {
  it('has File, Edit, View, Window and Help on Linux and Windows', () => {
    for (const platform of ['linux', 'win32'] as const) {
      const menu = applicationMenuTemplate({ platform, isDevelopment: false, appName: 'Xenith' });
      expect(labels(menu)).toEqual(['File', 'Edit', 'View', 'window', 'help']);
      expect(roles(menu)).toEqual(
        expect.arrayContaining(['quit', 'undo', 'redo', 'cut', 'copy', 'paste', 'selectAll', 'togglefullscreen']),
      );
    }
  });

  it('adds the macOS app menu first, with quit there and close in File', () => {
    const menu = applicationMenuTemplate({ platform: 'darwin', isDevelopment: false, appName: 'Xenith' });
    expect(labels(menu)).toEqual(['Xenith', 'File', 'Edit', 'View', 'window', 'help']);
    expect(roles([menu[0]!])).toEqual(['about', 'services', 'hide', 'hideOthers', 'unhide', 'quit']);
    expect(roles([menu[1]!])).toEqual(['close']);
  });

  it('offers reload and developer tools only in development', () => {
    const production = roles(applicationMenuTemplate({ platform: 'linux', isDevelopment: false, appName: 'Xenith' }));
    const development = roles(applicationMenuTemplate({ platform: 'linux', isDevelopment: true, appName: 'Xenith' }));
    for (const devOnly of ['reload', 'forceReload', 'toggleDevTools']) {
      expect(production).not.toContain(devOnly);
      expect(development).toContain(devOnly);
    }
    expect(production).toEqual(expect.arrayContaining(['resetZoom', 'zoomIn', 'zoomOut']));
  });
});
