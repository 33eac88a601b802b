import { describe, expect, it } from 'vitest';
import { mainMenus } from './menu-model.js';

describe('menu access keys', () => {
  it('gives every menu one letter of its own title, and no two menus the same', () => {
    for (const menu of mainMenus) expect(menu.label.toLowerCase()).toContain(menu.accessKey.toLowerCase());
    const keys = mainMenus.map((menu) => menu.accessKey.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
  });
});
