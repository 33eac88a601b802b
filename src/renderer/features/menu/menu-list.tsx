import { useEffect, useRef, type CSSProperties, type KeyboardEvent } from 'react';
import type { Command } from '../../commands/command.js';
import type { MenuRow } from './menu-items.js';

export interface MenuListProps {
  readonly label: string;
  readonly rows: readonly MenuRow[];
  readonly onRun: (command: Command) => void;
  /** Escape or Tab closes without running; `run` closes before the chosen command runs. */
  readonly onClose: (reason: 'escape' | 'tab' | 'run') => void;
  /** Which item gets the focus when the menu opens. */
  readonly initialFocus?: 'first' | 'last';
  /** Left/Right in a drop-down of the menu bar move to the neighbouring menu. */
  readonly onSideways?: (direction: -1 | 1) => void;
  readonly className?: string;
  readonly style?: CSSProperties;
  readonly id?: string;
}

function menuItems(menu: HTMLElement): HTMLElement[] {
  return [...menu.querySelectorAll<HTMLElement>('[role="menuitem"]')];
}

/**
 * Where a menu starts when it opens: its first (or last) enabled item, so a greyed item is never the one shown
 * highlighted; the menu itself when nothing is enabled.
 */
function focusOnOpen(menu: HTMLElement, end: 'first' | 'last'): void {
  const enabled = menuItems(menu).filter((item) => item.getAttribute('aria-disabled') !== 'true');
  const item = end === 'first' ? enabled[0] : enabled.at(-1);
  if (item) item.focus();
  else menu.focus();
}

/** Moves the focus along the items, wrapping round (disabled items take the focus too, to read why). */
function moveFocus(menu: HTMLElement, to: 'next' | 'previous' | 'first' | 'last'): void {
  const items = menuItems(menu);
  if (items.length === 0) return;
  const current = items.indexOf(document.activeElement as HTMLElement);
  const index =
    to === 'first' ? 0 : to === 'last' ? items.length - 1 : (current + (to === 'next' ? 1 : -1) + items.length) % items.length;
  items[index]!.focus();
}

/**
 * A WAI-ARIA menu (role menu / menuitem): arrows, Home and End move, Enter or Space runs the focused item,
 * Escape closes, typing a letter jumps to the next item starting with it. Shared by the menu bar's drop-downs
 * and the context menu.
 */
export function MenuList({ label, rows, onRun, onClose, initialFocus = 'first', onSideways, className, style, id }: MenuListProps) {
  const menu = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (menu.current) focusOnOpen(menu.current, initialFocus);
  }, [initialFocus]);

  const activate = (row: Extract<MenuRow, { kind: 'item' }>) => {
    if (!row.enabled) return;
    onClose('run');
    onRun(row.command);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const element = menu.current;
    if (!element) return;
    const moves: Record<string, 'next' | 'previous' | 'first' | 'last'> = { ArrowDown: 'next', ArrowUp: 'previous', Home: 'first', End: 'last' };
    if (moves[event.key]) {
      moveFocus(element, moves[event.key]!);
    } else if (event.key === 'Escape' || event.key === 'Tab') {
      onClose(event.key === 'Escape' ? 'escape' : 'tab');
    } else if ((event.key === 'ArrowLeft' || event.key === 'ArrowRight') && onSideways) {
      onSideways(event.key === 'ArrowLeft' ? -1 : 1);
    } else if (event.key === 'Enter' || event.key === ' ') {
      const key = (document.activeElement as HTMLElement | null)?.dataset.key;
      const row = rows.find((candidate) => candidate.key === key);
      if (row?.kind === 'item') activate(row);
    } else if (event.key.length === 1 && /\S/.test(event.key) && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const items = menuItems(element);
      const start = items.indexOf(document.activeElement as HTMLElement);
      const letter = event.key.toLowerCase();
      const next = [...items.slice(start + 1), ...items.slice(0, start + 1)].find((item) => item.textContent?.trim().toLowerCase().startsWith(letter));
      next?.focus();
    } else {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
  };

  return (
    <div ref={menu} id={id} role="menu" tabIndex={-1} aria-label={label} className={className ? `menu ${className}` : 'menu'} style={style} onKeyDown={onKeyDown}>
      {rows.length === 0 && <div className="menu-empty">Nothing to do here</div>}
      {rows.map((row) =>
        row.kind === 'separator' ? (
          <div key={row.key} role="separator" className="menu-separator" />
        ) : (
          <div
            key={row.key}
            data-key={row.key}
            role="menuitem"
            tabIndex={-1}
            aria-disabled={!row.enabled}
            aria-keyshortcuts={row.ariaShortcut}
            title={row.reason}
            className={row.enabled ? 'menu-item' : 'menu-item disabled'}
            onClick={() => activate(row)}
            // Follows the pointer only when it moves, not when a menu opens under a resting pointer.
            onMouseMove={(event) => {
              if (document.activeElement !== event.currentTarget) event.currentTarget.focus();
            }}
          >
            <span className="menu-label">{row.label}</span>
            {row.shortcut && (
              <span className="menu-shortcut" aria-hidden="true">
                {row.shortcut}
              </span>
            )}
          </div>
        ),
      )}
    </div>
  );
}
