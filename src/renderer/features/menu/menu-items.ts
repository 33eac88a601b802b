import { commandText, tidySeparators, type MenuEntry } from '../../../shared/ui/menu-model.js';
import type { Command, CommandSelection } from '../../commands/command.js';
import { commands } from '../../commands/registry.js';

/** One row of a rendered menu. */
export type MenuRow =
  | { readonly kind: 'item'; readonly key: string; readonly command: Command; readonly label: string; readonly enabled: boolean; readonly reason?: string; readonly shortcut?: string; readonly ariaShortcut?: string }
  | { readonly kind: 'separator'; readonly key: string };

/** True on Apple platforms, where Ctrl shortcuts read ⌘. */
export const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Electron accelerator text as a person reads it next to a menu item: `CmdOrCtrl+B` → `Ctrl+B` (`⌘B` on a Mac). */
export function formatAccelerator(accelerator: string, mac = isMac): string {
  if (mac) return accelerator.replace('CmdOrCtrl+', '⌘').replace('Alt+', '⌥').replace('Left', '←').replace('Right', '→');
  return accelerator.replace('CmdOrCtrl', 'Ctrl');
}

/** The same in aria-keyshortcuts syntax (`Control+B`, `Alt+ArrowLeft`), for screen readers. */
export function ariaKeyShortcut(accelerator: string, mac = isMac): string {
  return accelerator.replace('CmdOrCtrl', mac ? 'Meta' : 'Control').replace(/\+(Left|Right)$/, '+Arrow$1');
}

/**
 * The rows of a menu for the selection. The menu bar lists every entry (greyed when it does not apply, as
 * XenCenter's menus do); a context menu lists only the entries that apply to what was right-clicked.
 */
export function menuRows(entries: readonly MenuEntry[], selection: CommandSelection, onlyApplicable: boolean): MenuRow[] {
  const rows: MenuRow[] = entries.flatMap((entry, index): MenuRow[] => {
    if ('separator' in entry) return [{ kind: 'separator', key: `separator-${index}` }];
    const command = commands.get(entry.command);
    if (!command) return [];
    const applies = command.appliesTo(selection);
    if (onlyApplicable && !applies) return [];
    const enabled = applies && command.isEnabled(selection);
    const accelerator = commandText[entry.command].accelerator;
    return [
      {
        kind: 'item',
        key: `${entry.command}-${index}`,
        command,
        label: command.label(selection),
        enabled,
        ...(enabled ? {} : { reason: applies ? command.disabledReason?.(selection) : undefined }),
        ...(accelerator ? { shortcut: formatAccelerator(accelerator), ariaShortcut: ariaKeyShortcut(accelerator) } : {}),
      },
    ];
  });
  return tidySeparators(rows, (row) => row.kind === 'separator');
}
