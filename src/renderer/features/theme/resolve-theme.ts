import type { Theme } from '../../../shared/api/settings-schema.js';

/** The theme actually painted: "system" follows the OS preference. */
export function resolveTheme(theme: Theme, systemPrefersDark: boolean): 'light' | 'dark' {
  if (theme === 'system') return systemPrefersDark ? 'dark' : 'light';
  return theme;
}
