import { describe, expect, it } from 'vitest';
import { TextTerminal } from './text-terminal.js';

describe('TextTerminal', () => {
  it('draws a snapshot: clear, home, lines, cursor position', () => {
    const terminal = new TextTerminal(5, 20);
    terminal.write('junk\x1b[2J\x1b[HXCP-ng 8.3\r\n\r\nhost login: \x1b[3;13H');
    expect(terminal.lines()).toEqual(['XCP-ng 8.3', '', 'host login:', '', '']);
    expect(terminal.cursor).toEqual({ row: 2, col: 12 });
  });

  it('echoes typing, backspace over a character, and scrolls at the bottom', () => {
    const terminal = new TextTerminal(2, 10);
    terminal.write('ab\b \bc\r\nline2\r\nline3');
    expect(terminal.lines()).toEqual(['line2', 'line3']);
    const fresh = new TextTerminal(2, 10);
    fresh.write('ab\b \bc');
    expect(fresh.lines()[0]).toBe('ac');
  });

  it('keeps an escape sequence split across chunks and skips colours', () => {
    const terminal = new TextTerminal(2, 10);
    terminal.write('\x1b[1;3');
    terminal.write('1mok\x1b[0m');
    expect(terminal.lines()[0]).toBe('ok');
  });
});
