import { useEffect, useLayoutEffect, useRef } from 'react';
import { contextMenuEntries } from '../../../shared/ui/menu-model.js';
import { useExplicitSelection } from '../../commands/use-explicit-selection.js';
import { useCommandSelection } from '../../commands/use-command-selection.js';
import { useContextMenuStore } from '../../store/context-menu-store.js';
import { menuRows } from './menu-items.js';
import { MenuList } from './menu-list.js';
import { useRunCommand } from './use-run-command.js';
import './menu.css';

/** Keeps the menu inside the window: it opens up or left of the pointer when there is no room below or right. */
export function placeWithin(at: { x: number; y: number }, size: { width: number; height: number }): { left: number; top: number } {
  const margin = 4;
  const left = at.x + size.width + margin > window.innerWidth ? Math.max(margin, at.x - size.width) : at.x;
  const top = at.y + size.height + margin > window.innerHeight ? Math.max(margin, window.innerHeight - size.height - margin) : at.y;
  return { left, top };
}

/**
 * The context menu of the selection, where useContextMenuStore says (right click on a tree row, Shift+F10 or the
 * Menu key): the commands that apply to the selection, as the menus have them. Escape, a click elsewhere or
 * losing the window closes it and gives the focus back.
 */
export function ContextMenu() {
  const at = useContextMenuStore((state) => state.at);
  const close = useContextMenuStore((state) => state.close);
  const keys = useContextMenuStore((state) => state.keys);
  const treeSelection = useCommandSelection();
  const explicit = useExplicitSelection(keys);
  const selection = explicit?.selection ?? treeSelection;
  const runOnTree = useRunCommand();
  const run = explicit?.run ?? runOnTree;
  const wrapper = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  // Before paint and before the menu takes the focus: remember where the focus was, and move the menu into view.
  useLayoutEffect(() => {
    const layer = wrapper.current;
    if (!at || !layer) return;
    returnFocus.current = document.activeElement as HTMLElement | null;
    const { left, top } = placeWithin(at, { width: layer.offsetWidth, height: layer.offsetHeight });
    layer.style.left = `${left}px`;
    layer.style.top = `${top}px`;
  }, [at]);

  useEffect(() => {
    if (!at) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!wrapper.current?.contains(event.target as Node)) close();
    };
    const onBlur = () => close();
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onBlur);
    window.addEventListener('resize', onBlur);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onBlur);
      window.removeEventListener('resize', onBlur);
    };
  }, [at, close]);

  if (!at) return null;
  const rows = menuRows(contextMenuEntries, selection, true);
  return (
    <div ref={wrapper} className="context-menu-layer" style={{ left: at.x, top: at.y }}>
      <MenuList
        label="Context menu"
        className="context-menu"
        rows={rows}
        onRun={run}
        onClose={(reason) => {
          close();
          // After Escape the focus goes back to the row; a command's dialog takes it itself.
          if (reason !== 'run' && returnFocus.current?.isConnected) returnFocus.current.focus();
        }}
      />
    </div>
  );
}
