import { useEffect } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { commands, runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';
import { useContextMenuStore } from '../../store/context-menu-store.js';
import { useDialogStore } from '../../store/dialog-store.js';
import { isMac } from '../menu/menu-items.js';
import { decideShortcut, keysBelongToTarget } from './shortcut-dispatcher.js';

/** Shift+F10 or the Menu key: the context menu of the selection, next to the focused row. */
function openKeyboardContextMenu(event: KeyboardEvent): boolean {
  const isMenuKey = event.key === 'ContextMenu' || (event.key === 'F10' && event.shiftKey && !event.ctrlKey && !event.altKey);
  if (!isMenuKey || keysBelongToTarget(event.target) || useDialogStore.getState().open) return false;
  const row = (document.activeElement as HTMLElement | null)?.closest('[role="treeitem"]') ?? document.querySelector('[role="treeitem"][aria-selected="true"]');
  const box = row?.getBoundingClientRect();
  useContextMenuStore.getState().openAt(box ? box.left + 24 : 40, box ? box.bottom : 80);
  return true;
}

/**
 * XenCenter's keyboard shortcuts for the whole window (Ctrl+N, Ctrl+B, Ctrl+E, Ctrl+R, Ctrl+Y, F2, F5, Delete,
 * Alt+Left/Right), taken from the commands themselves so menus and keys always agree.
 */
export function useGlobalShortcuts(): void {
  const bridge = useBridge();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (openKeyboardContextMenu(event)) {
        event.preventDefault();
        return;
      }
      const decision = decideShortcut(event, commands.values(), { mac: isMac, dialogOpen: useDialogStore.getState().open !== null });
      if (!decision) return;
      event.preventDefault();
      runCommand(decision.command, { bridge, selection: currentCommandSelection() });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bridge]);
}
