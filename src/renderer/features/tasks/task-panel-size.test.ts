import { describe, expect, it } from 'vitest';
import { autoListHeight, clampTaskPanelHeight, maxTaskPanelHeight, minTaskPanelHeight } from './task-panel-size.js';

describe('task panel size', () => {
  it('takes one line when empty, a few rows when idle, more while jobs run', () => {
    expect(autoListHeight(0, 0)).toBeLessThan(autoListHeight(2, 0));
    expect(autoListHeight(50, 0)).toBeLessThan(autoListHeight(1, 1));
  });

  it('keeps a dragged height between a line and most of the window', () => {
    expect(clampTaskPanelHeight(10, 820)).toBe(minTaskPanelHeight);
    expect(clampTaskPanelHeight(2000, 820)).toBe(maxTaskPanelHeight(820));
    expect(clampTaskPanelHeight(250.4, 820)).toBe(250);
  });
});
