import { describe, expect, it } from 'vitest';
import { shownColumns, toggledColumns } from './search-columns.js';

describe('Search columns', () => {
  it('shows the defaults until the user chooses', () => {
    const shown = shownColumns(null);
    expect(shown.has('name')).toBe(true);
    expect(shown.has('memory')).toBe(true);
    expect(shown.has('uuid')).toBe(false);
  });

  it('toggles a column on and off, in the table order, and never hides Name', () => {
    const withUuid = toggledColumns(shownColumns(null), 'uuid');
    expect(withUuid.at(-1)).toBe('uuid');
    expect(withUuid[0]).toBe('name');
    expect(toggledColumns(new Set(withUuid), 'uuid')).not.toContain('uuid');
    expect(shownColumns(toggledColumns(shownColumns(null), 'name')).has('name')).toBe(true);
  });

  it('always shows Name for a saved choice, even one without it', () => {
    expect([...shownColumns(['memory'])]).toEqual(['name', 'memory']);
  });
});
