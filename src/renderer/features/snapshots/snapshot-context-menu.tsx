import { useEffect, useLayoutEffect, useRef } from 'react';
import { snapshotMenuEntries } from '../../../shared/ui/menu-model.js';
import { useBridge } from '../../app/bridge-context.js';
import type { CommandSelection } from '../../commands/command.js';
import { runCommand } from '../../commands/registry.js';
import { placeWithin } from '../menu/context-menu.js';
import { menuRows } from '../menu/menu-items.js';
import { MenuList } from '../menu/menu-list.js';

/**
 * The context menu of the Snapshots tab: the snapshot commands (XenCenter's names) that apply to what was
 * right-clicked, run against that selection. Escape, a click elsewhere or losing the window closes it.
 */
export function SnapshotContextMenu({ at, selection, onClose, all = false }: {
  at: { x: number; y: number };
  selection: CommandSelection;
  onClose: () => void;
  /** Every entry, greyed where it does not apply (the toolbar's Actions menu), rather than only those that apply. */
  all?: boolean;
}) {
  const bridge = useBridge();
  const layer = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  useLayoutEffect(() => {
    returnFocus.current = document.activeElement as HTMLElement | null;
    const element = layer.current;
    if (!element) return;
    const { left, top } = placeWithin(at, { width: element.offsetWidth, height: element.offsetHeight });
    element.style.left = `${left}px`;
    element.style.top = `${top}px`;
  }, [at]);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      if (!layer.current?.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown, true);
      window.removeEventListener('blur', onClose);
    };
  }, [onClose]);
  const rows = menuRows(snapshotMenuEntries, selection, !all);
  if (rows.length === 0) return null;
  return (
    <div ref={layer} className="context-menu-layer" style={{ left: at.x, top: at.y }}>
      <MenuList
        label="Snapshot menu"
        className="context-menu"
        rows={rows}
        onRun={(command) => runCommand(command, { bridge, selection })}
        onClose={(reason) => {
          onClose();
          if (reason !== 'run' && returnFocus.current?.isConnected) returnFocus.current.focus();
        }}
      />
    </div>
  );
}
