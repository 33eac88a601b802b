import { useEffect } from 'react';
import { useBridge } from '../../app/bridge-context.js';
import { commands, runCommand } from '../../commands/registry.js';
import { currentCommandSelection } from '../../commands/use-command-selection.js';
import { anyDialogOpen } from '../../store/open-dialogs.js';
import { isMac } from '../menu/menu-items.js';
import { decideShortcut } from './shortcut-dispatcher.js';

/**
 * XenCenter's keyboard shortcuts for the whole window (Ctrl+N, Ctrl+B, Ctrl+E, Ctrl+R, Ctrl+Y, F2, F5, Delete,
 * Alt+Left/Right), taken from the commands themselves so menus and keys always agree. (Shift+F10 and the Menu
 * key reach the tree as a `contextmenu` event: the tree opens the context menu for its row.)
 */
export function useGlobalShortcuts(): void {
  const bridge = useBridge();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const decision = decideShortcut(event, commands.values(), { mac: isMac, dialogOpen: anyDialogOpen() });
      if (!decision) return;
      event.preventDefault();
      runCommand(decision.command, { bridge, selection: currentCommandSelection() });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [bridge]);
}
