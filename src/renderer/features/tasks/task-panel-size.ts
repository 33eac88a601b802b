/** The task panel's height bounds (CSS px): never less than its header and a line, never most of the window. */
export const minTaskPanelHeight = 60;
export function maxTaskPanelHeight(windowHeight: number): number {
  return Math.max(minTaskPanelHeight, Math.round(windowHeight * 0.6));
}

export function clampTaskPanelHeight(height: number, windowHeight: number): number {
  return Math.round(Math.min(maxTaskPanelHeight(windowHeight), Math.max(minTaskPanelHeight, height)));
}

/**
 * How tall the list may grow when the person has not chosen a height: one line when there is nothing, a few
 * finished rows when nothing runs, more while jobs run — so the console and the tabs keep the room.
 */
export function autoListHeight(rows: number, running: number): number {
  if (rows === 0) return 34;
  return running > 0 ? 168 : Math.min(104, 28 + rows * 26);
}

/** A keyboard step of the resize handle, in px. */
export const resizeStepPx = 16;
