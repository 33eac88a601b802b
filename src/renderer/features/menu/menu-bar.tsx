import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { mainMenus } from '../../../shared/ui/menu-model.js';
import { useCommandSelection } from '../../commands/use-command-selection.js';
import { menuRows } from './menu-items.js';
import { MenuList } from './menu-list.js';
import { anyDialogOpen } from '../../store/open-dialogs.js';
import { useRunCommand } from './use-run-command.js';
import './menu.css';

/** The element that had the focus before the menu bar took it, to give it back on Escape or after a command. */
let focusBeforeMenu: HTMLElement | null = null;

function restoreFocus(): void {
  const target = focusBeforeMenu;
  focusBeforeMenu = null;
  if (target?.isConnected) target.focus();
  else (document.activeElement as HTMLElement | null)?.blur();
}

/** A menu title with its access key underlined (the first occurrence of the letter), read as the plain title. */
function AccessKeyLabel({ label, accessKey }: { label: string; accessKey: string }) {
  const at = label.toLowerCase().indexOf(accessKey.toLowerCase());
  if (at < 0) return <>{label}</>;
  return (
    <>
      {label.slice(0, at)}
      <span className="access-key">{label.charAt(at)}</span>
      {label.slice(at + 1)}
    </>
  );
}

/**
 * XenCenter's menu bar in the page (serve mode; Electron shows the same model as its native menu). Alt or F10
 * moves into it; arrows move between and within menus; Enter runs; Escape goes back to where the focus was.
 */
export function MenuBar() {
  const selection = useCommandSelection();
  const run = useRunCommand();
  const [open, setOpen] = useState<number | null>(null);
  const [focusEnd, setFocusEnd] = useState<'first' | 'last'>('first');
  const [tabStop, setTabStop] = useState(0);
  const bar = useRef<HTMLDivElement>(null);

  const topItems = () => [...(bar.current?.querySelectorAll<HTMLElement>('.menu-bar-item') ?? [])];
  const wrap = (index: number) => (index + mainMenus.length) % mainMenus.length;
  const focusTop = (index: number) => {
    setTabStop(index);
    topItems()[index]?.focus();
  };
  const enterBar = () => {
    if (!bar.current?.contains(document.activeElement)) focusBeforeMenu = document.activeElement as HTMLElement | null;
  };
  const openMenu = (index: number, end: 'first' | 'last' = 'first') => {
    enterBar();
    setTabStop(index);
    setFocusEnd(end);
    setOpen(index);
  };

  // Alt pressed and released alone, or F10, moves into the menu bar (and Alt again leaves it).
  useEffect(() => {
    let altAlone = false;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      altAlone = event.key === 'Alt' && !event.ctrlKey && !event.shiftKey && !event.metaKey;
      // Alt+letter opens the menu with that access key (Alt+F: File), as in XenCenter; not under a dialog.
      if (event.altKey && !event.ctrlKey && !event.metaKey && !event.shiftKey && event.key.length === 1 && !anyDialogOpen()) {
        const index = mainMenus.findIndex((menu) => menu.accessKey.toLowerCase() === event.key.toLowerCase());
        if (index >= 0) {
          event.preventDefault();
          openMenu(index);
          return;
        }
      }
      if (event.key === 'F10' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
        event.preventDefault();
        enterBar();
        focusTop(0);
      }
    };
    const onKeyUp = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Alt' || !altAlone) return;
      altAlone = false;
      event.preventDefault();
      if (bar.current?.contains(document.activeElement)) {
        setOpen(null);
        restoreFocus();
      } else {
        enterBar();
        focusTop(0);
      }
    };
    window.addEventListener('keydown', onKeyDown, true);
    window.addEventListener('keyup', onKeyUp, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      window.removeEventListener('keyup', onKeyUp, true);
    };
  });

  // A click anywhere else closes the open menu.
  useEffect(() => {
    if (open === null) return;
    const onPointerDown = (event: PointerEvent) => {
      if (!bar.current?.contains(event.target as Node)) setOpen(null);
    };
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  const onTopKeyDown = (event: KeyboardEvent<HTMLButtonElement>, index: number) => {
    switch (event.key) {
      case 'ArrowRight':
      case 'ArrowLeft': {
        const next = wrap(index + (event.key === 'ArrowRight' ? 1 : -1));
        focusTop(next);
        break;
      }
      case 'Home':
        focusTop(0);
        break;
      case 'End':
        focusTop(mainMenus.length - 1);
        break;
      case 'ArrowDown':
      case 'Enter':
      case ' ':
        openMenu(index, 'first');
        break;
      case 'ArrowUp':
        openMenu(index, 'last');
        break;
      case 'Escape':
        restoreFocus();
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  return (
    <div ref={bar} role="menubar" aria-label="Main menu" className="menu-bar">
      {mainMenus.map((menu, index) => (
        <div key={menu.label} role="none" className="menu-bar-slot">
          <button
            type="button"
            role="menuitem"
            className={open === index ? 'menu-bar-item open' : 'menu-bar-item'}
            aria-haspopup="menu"
            aria-expanded={open === index}
            tabIndex={index === tabStop ? 0 : -1}
            onClick={() => (open === index ? setOpen(null) : openMenu(index))}
            onMouseEnter={() => {
              if (open !== null && open !== index) openMenu(index);
            }}
            onKeyDown={(event) => onTopKeyDown(event, index)}
            aria-keyshortcuts={`Alt+${menu.accessKey}`}
          >
            <AccessKeyLabel label={menu.label} accessKey={menu.accessKey} />
          </button>
          {open === index && (
            <MenuList
              label={menu.label}
              className="menu-drop-down"
              rows={menuRows(menu.entries, selection, false)}
              initialFocus={focusEnd}
              onRun={run}
              onSideways={(direction) => openMenu(wrap(index + direction))}
              onClose={(reason) => {
                setOpen(null);
                if (reason === 'escape') focusTop(index);
                else restoreFocus();
              }}
            />
          )}
        </div>
      ))}
    </div>
  );
}
