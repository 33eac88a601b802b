import type { Command } from '../../commands/command.js';

/** The parts of a keydown event the dispatcher reads (a DOM KeyboardEvent has them all). */
export interface KeyPress {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly shiftKey: boolean;
}

interface ParsedAccelerator {
  readonly key: string;
  readonly primary: boolean;
  readonly alt: boolean;
  readonly shift: boolean;
}

/** Electron accelerator key names that differ from KeyboardEvent.key. */
const keyNames: Record<string, string> = { Left: 'ArrowLeft', Right: 'ArrowRight', Up: 'ArrowUp', Down: 'ArrowDown', Delete: 'Delete' };

/** `CmdOrCtrl+B` → {key: 'b', primary: true}; `Alt+Left` → {key: 'ArrowLeft', alt: true}; `F5` → {key: 'F5'}. */
export function parseAccelerator(accelerator: string): ParsedAccelerator {
  const parts = accelerator.split('+');
  const last = parts.at(-1)!;
  const key = keyNames[last] ?? (last.length === 1 ? last.toLowerCase() : last);
  const modifiers = new Set(parts.slice(0, -1));
  return { key, primary: modifiers.has('CmdOrCtrl'), alt: modifiers.has('Alt'), shift: modifiers.has('Shift') };
}

/** Whether a key press is this accelerator: CmdOrCtrl is Cmd on a Mac and Ctrl elsewhere, nothing extra held. */
export function matchesAccelerator(press: KeyPress, accelerator: string, mac: boolean): boolean {
  const wanted = parseAccelerator(accelerator);
  const key = press.key.length === 1 ? press.key.toLowerCase() : press.key;
  const primary = mac ? press.metaKey : press.ctrlKey;
  const other = mac ? press.ctrlKey : press.metaKey;
  return key === wanted.key && primary === wanted.primary && press.altKey === wanted.alt && press.shiftKey === wanted.shift && !other;
}

/** The command whose shortcut this key press is, if any. */
export function commandForKey(press: KeyPress, commands: Iterable<Command>, mac: boolean): Command | undefined {
  for (const command of commands) {
    if (command.shortcut && matchesAccelerator(press, command.shortcut, mac)) return command;
  }
  return undefined;
}

/** Where keys belong to what has the focus: text fields, and VM consoles (Ctrl+R there reboots nothing of ours). */
export function keysBelongToTarget(target: EventTarget | null): boolean {
  const element = target as (Element & { isContentEditable?: boolean }) | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.isContentEditable) return true;
  if (element.closest('.console-screen, .console-text, [role="dialog"], dialog')) return true;
  const tag = element.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['button', 'checkbox', 'radio', 'submit', 'reset', 'range', 'color', 'file', 'image'].includes(type);
}

/** Shortcuts that make sense even from a text field: F5 (the browser would reload the page instead). */
const fromAnywhere = new Set(['F5']);

export type ShortcutDecision = { readonly command: Command; readonly preventDefault: true } | null;

/**
 * Decides what a keydown does: the command whose shortcut it is, unless the keys belong to the focused field or
 * console, or a modal dialog is open. The browser's own action (new window, reload, bookmark…) is suppressed for
 * every shortcut that matched, enabled or not, so Ctrl+R on a halted VM does not reload the app.
 */
export function decideShortcut(
  press: KeyPress & { readonly target: EventTarget | null; readonly defaultPrevented: boolean },
  commands: Iterable<Command>,
  options: { readonly mac: boolean; readonly dialogOpen: boolean },
): ShortcutDecision {
  if (press.defaultPrevented || options.dialogOpen) return null;
  const command = commandForKey(press, commands, options.mac);
  if (!command) return null;
  if (keysBelongToTarget(press.target) && !fromAnywhere.has(press.key)) return null;
  return { command, preventDefault: true };
}
