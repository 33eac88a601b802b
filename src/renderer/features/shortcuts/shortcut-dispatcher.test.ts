import { describe, expect, it } from 'vitest';
import { commands } from '../../commands/registry.js';
import { commandForKey, decideShortcut, matchesAccelerator, parseAccelerator, type KeyPress } from './shortcut-dispatcher.js';

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...modifiers });

/** Just enough of a DOM element for keysBelongToTarget. */
function fakeElement(tagName: string, extra: { type?: string; inside?: string; isContentEditable?: boolean } = {}): EventTarget {
  return {
    tagName,
    type: extra.type ?? '',
    isContentEditable: extra.isContentEditable ?? false,
    closest: (selector: string) => (extra.inside && selector.includes(extra.inside) ? {} : null),
  } as unknown as EventTarget;
}

const decide = (key: string, modifiers: Partial<KeyPress> = {}, target: EventTarget | null = fakeElement('DIV'), options = { mac: false, dialogOpen: false }) =>
  decideShortcut({ ...press(key, modifiers), target, defaultPrevented: false }, commands.values(), options)?.command.id ?? null;

describe('shortcut dispatcher', () => {
  it('parses Electron accelerators into KeyboardEvent terms', () => {
    expect(parseAccelerator('CmdOrCtrl+B')).toEqual({ key: 'b', primary: true, alt: false, shift: false });
    expect(parseAccelerator('Alt+Left')).toEqual({ key: 'ArrowLeft', primary: false, alt: true, shift: false });
    expect(parseAccelerator('F5')).toEqual({ key: 'F5', primary: false, alt: false, shift: false });
  });

  it('matches Ctrl on Linux and Windows, Cmd on a Mac, and nothing with extra modifiers', () => {
    expect(matchesAccelerator(press('b', { ctrlKey: true }), 'CmdOrCtrl+B', false)).toBe(true);
    expect(matchesAccelerator(press('B', { ctrlKey: true }), 'CmdOrCtrl+B', false)).toBe(true);
    expect(matchesAccelerator(press('b', { metaKey: true }), 'CmdOrCtrl+B', true)).toBe(true);
    expect(matchesAccelerator(press('b', { ctrlKey: true }), 'CmdOrCtrl+B', true)).toBe(false);
    expect(matchesAccelerator(press('b', { ctrlKey: true, shiftKey: true }), 'CmdOrCtrl+B', false)).toBe(false);
    expect(matchesAccelerator(press('b'), 'CmdOrCtrl+B', false)).toBe(false);
  });

  it("maps XenCenter's keys to their commands", () => {
    const expected: [KeyPress, string][] = [
      [press('n', { ctrlKey: true }), 'vm.new'],
      [press('b', { ctrlKey: true }), 'vm.start'],
      [press('e', { ctrlKey: true }), 'vm.shutdown'],
      [press('r', { ctrlKey: true }), 'vm.reboot'],
      [press('y', { ctrlKey: true }), 'vm.suspendResume'],
      [press('F2'), 'object.rename'],
      [press('F5'), 'view.refresh'],
      [press('Delete'), 'vm.delete'],
      [press('ArrowLeft', { altKey: true }), 'nav.back'],
      [press('ArrowRight', { altKey: true }), 'nav.forward'],
    ];
    for (const [key, id] of expected) expect(commandForKey(key, commands.values(), false)?.id).toBe(id);
    expect(commandForKey(press('x', { ctrlKey: true }), commands.values(), false)).toBeUndefined();
  });

  it('leaves keys to text fields and consoles, except F5', () => {
    expect(decide('b', { ctrlKey: true }, fakeElement('INPUT', { type: 'search' }))).toBeNull();
    expect(decide('Delete', {}, fakeElement('INPUT', { type: 'text' }))).toBeNull();
    expect(decide('F2', {}, fakeElement('TEXTAREA'))).toBeNull();
    expect(decide('r', { ctrlKey: true }, fakeElement('CANVAS', { inside: '.console-screen' }))).toBeNull();
    expect(decide('r', { ctrlKey: true }, fakeElement('DIV', { isContentEditable: true }))).toBeNull();
    expect(decide('F5', {}, fakeElement('INPUT', { type: 'search' }))).toBe('view.refresh');
    expect(decide('b', { ctrlKey: true }, fakeElement('INPUT', { type: 'checkbox' }))).toBe('vm.start');
    expect(decide('b', { ctrlKey: true }, fakeElement('LI'))).toBe('vm.start');
  });

  it('does nothing while a dialog is open or when the key was already handled', () => {
    expect(decide('b', { ctrlKey: true }, fakeElement('LI'), { mac: false, dialogOpen: true })).toBeNull();
    expect(decideShortcut({ ...press('b', { ctrlKey: true }), target: null, defaultPrevented: true }, commands.values(), { mac: false, dialogOpen: false })).toBeNull();
  });
});
