import { describe, expect, it } from 'vitest';
import { contextMenuEntries, mainMenus } from '../../../shared/ui/menu-model.js';
import { testRecord } from '../../testing/test-record.js';
import { makeCommandSelection } from '../../commands/selection.js';
import { ariaKeyShortcut, formatAccelerator, menuRows } from './menu-items.js';

const halted = testRecord('VM', 'a', { name_label: 'web', power_state: 'Halted', allowed_operations: ['start', 'clone'] });
const selection = makeCommandSelection(['vm:a'], [halted], new Map([['p1', 'connected']]));

const labelsOf = (rows: ReturnType<typeof menuRows>) => rows.map((row) => (row.kind === 'separator' ? '—' : `${row.label}${row.enabled ? '' : ' (off)'}`));

describe('menu rows', () => {
  it('lists every entry of a menu bar menu, greyed where it does not apply or cannot run', () => {
    const vmMenu = mainMenus.find((menu) => menu.label === 'VM')!;
    const labels = labelsOf(menuRows(vmMenu.entries, selection, false));
    expect(labels.slice(0, 4)).toEqual(['New VM…', '—', 'Start', 'Start on Server… (off)']);
    const serverMenu = mainMenus.find((menu) => menu.label === 'Server')!;
    expect(labelsOf(menuRows(serverMenu.entries, selection, false))).toContain('Reboot Server… (off)');
  });

  it('keeps only what applies in a context menu, without stray separators', () => {
    const labels = labelsOf(menuRows(contextMenuEntries, selection, true));
    expect(labels[0]).toBe('Start');
    expect(labels).toContain('New VM…');
    expect(labels).not.toContain('Reboot Server…');
    expect(labels.at(-1)).not.toBe('—');
    expect(labels.join(',')).not.toContain('—,—');
  });

  it('shows shortcuts the way each platform writes them', () => {
    expect(formatAccelerator('CmdOrCtrl+B', false)).toBe('Ctrl+B');
    expect(formatAccelerator('CmdOrCtrl+B', true)).toBe('⌘B');
    expect(ariaKeyShortcut('Alt+Left', false)).toBe('Alt+ArrowLeft');
    expect(ariaKeyShortcut('CmdOrCtrl+E', false)).toBe('Control+E');
  });
});
