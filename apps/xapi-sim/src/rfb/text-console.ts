/**
 * A text-mode console (VGA-like 9×16 cells, 16 colours) drawn into a Framebuffer: writes with \r \n \b and a
 * small ANSI subset (SGR colours, ED/EL, cursor home), scrolling through Framebuffer.scrollUp (CopyRect for
 * viewers), an underline cursor, and the raw output forwarded to text (vt100) viewers.
 */
import { CONSOLE_FONT_8X16 } from './console-font.gen.js';
import type { Framebuffer } from './framebuffer.js';

export const CELL_W = 9;
export const CELL_H = 16;

/** The 16 VGA text colours in ANSI order (black, red, green, brown, blue, magenta, cyan, grey, then bright). */
export const VGA_COLOURS = [
  0x000000, 0xaa0000, 0x00aa00, 0xaa5500, 0x0000aa, 0xaa00aa, 0x00aaaa, 0xaaaaaa,
  0x555555, 0xff5555, 0x55ff55, 0xffff55, 0x5555ff, 0xff55ff, 0x55ffff, 0xffffff,
];
const DEFAULT_FG = 7;
const BG = VGA_COLOURS[0]!;

/** The text grid and cursor, as a suspend image keeps them. */
export interface ScreenImage {
  readonly cols: number;
  readonly rows: number;
  readonly chars: Uint8Array;
  readonly attrs: Uint8Array;
  readonly cx: number;
  readonly cy: number;
}

export class TextConsole {
  cols = 0;
  rows = 0;
  cx = 0;
  cy = 0;
  private chars = new Uint8Array(0);
  private attrs = new Uint8Array(0);
  private fg = DEFAULT_FG;
  private bold = false;
  private esc: string | undefined;
  private cursorHidden = false;
  private readonly dirtyMin: number[] = [];
  private readonly dirtyMax: number[] = [];
  private readonly outputListeners = new Set<(text: string) => void>();

  constructor(private readonly fb: Framebuffer) {
    this.layout();
  }

  /** Text viewers (vt100) receive every write as it happens. */
  onOutput(listener: (text: string) => void): () => void {
    this.outputListeners.add(listener);
    return () => this.outputListeners.delete(listener);
  }

  /** The screen as lines of text (trailing spaces trimmed). */
  lines(): string[] {
    const out: string[] = [];
    for (let r = 0; r < this.rows; r++) {
      out.push(String.fromCharCode(...this.chars.subarray(r * this.cols, (r + 1) * this.cols)).replace(/\s+$/, ''));
    }
    return out;
  }

  /** Text for a viewer that just attached: clear, then every non-empty line, cursor where it is. */
  snapshotAnsi(): string {
    const lines = this.lines();
    while (lines.length > 0 && lines[lines.length - 1] === '' && lines.length > this.cy + 1) lines.pop();
    return `\x1b[2J\x1b[H${lines.join('\r\n')}\x1b[${this.cy + 1};${this.cx + 1}H`;
  }

  write(text: string): void {
    this.moveCursor(() => {
      for (const ch of text) this.put(ch);
    });
    this.flush();
    for (const l of this.outputListeners) l(text);
  }

  clear(): void {
    this.chars.fill(32);
    this.attrs.fill(DEFAULT_FG);
    this.cx = 0;
    this.cy = 0;
    this.fb.fill({ x: 0, y: 0, w: this.fb.width, h: this.fb.height }, BG);
    this.drawCell(0, 0);
    this.fb.damage({ x: 0, y: 0, w: this.fb.width, h: this.fb.height });
    for (const l of this.outputListeners) l('\x1b[2J\x1b[H');
  }

  /** A copy of the grid and cursor (what a suspend or a checkpoint keeps of the screen). */
  image(): ScreenImage {
    return { cols: this.cols, rows: this.rows, chars: this.chars.slice(), attrs: this.attrs.slice(), cx: this.cx, cy: this.cy };
  }

  /** Puts a saved grid back (a resume): the cells that fit, the cursor, a full redraw; text viewers get the screen. */
  restore(image: ScreenImage): void {
    this.chars.fill(32);
    this.attrs.fill(DEFAULT_FG);
    for (let r = 0; r < Math.min(this.rows, image.rows); r++) {
      for (let c = 0; c < Math.min(this.cols, image.cols); c++) {
        this.chars[r * this.cols + c] = image.chars[r * image.cols + c] ?? 32;
        this.attrs[r * this.cols + c] = image.attrs[r * image.cols + c] ?? DEFAULT_FG;
      }
    }
    this.cx = Math.min(image.cx, this.cols - 1);
    this.cy = Math.min(image.cy, this.rows - 1);
    this.redrawAll();
    const screen = this.snapshotAnsi();
    for (const l of this.outputListeners) l(screen);
  }

  /** New framebuffer size: the grid follows, the last lines of text are kept. */
  resize(width: number, height: number): void {
    const old = this.lines();
    const oldCy = this.cy;
    this.fb.resize(width, height, BG);
    this.layout();
    const keep = old.slice(Math.max(0, oldCy + 1 - this.rows), oldCy + 1);
    keep.forEach((line, r) => {
      for (let c = 0; c < Math.min(line.length, this.cols); c++) this.chars[r * this.cols + c] = line.charCodeAt(c);
    });
    this.cy = Math.min(keep.length - 1, this.rows - 1);
    this.cx = Math.min(this.cx, this.cols - 1);
    this.redrawAll();
  }

  private layout(): void {
    this.cols = Math.max(1, Math.floor(this.fb.width / CELL_W));
    this.rows = Math.max(1, Math.floor(this.fb.height / CELL_H));
    this.chars = new Uint8Array(this.cols * this.rows).fill(32);
    this.attrs = new Uint8Array(this.cols * this.rows).fill(DEFAULT_FG);
    this.cx = 0;
    this.cy = 0;
  }

  private redrawAll(): void {
    this.fb.fill({ x: 0, y: 0, w: this.fb.width, h: this.fb.height }, BG);
    for (let r = 0; r < this.rows; r++) for (let c = 0; c < this.cols; c++) this.drawCell(c, r);
    this.fb.damage({ x: 0, y: 0, w: this.fb.width, h: this.fb.height });
  }

  /** Runs `body` with the cursor hidden (so scrolls never move a stale cursor), then draws it where it ends. */
  private moveCursor(body: () => void): void {
    this.cursorHidden = true;
    this.touch(this.cx, this.cy);
    body();
    this.cursorHidden = false;
    this.touch(Math.min(this.cx, this.cols - 1), this.cy);
  }

  private put(ch: string): void {
    if (this.esc !== undefined) return this.escape(ch);
    const code = ch.charCodeAt(0);
    if (ch === '\x1b') this.esc = '';
    else if (ch === '\n') this.newline();
    else if (ch === '\r') this.cx = 0;
    else if (ch === '\b') this.cx = Math.max(0, this.cx - 1);
    else if (ch === '\t') this.cx = Math.min(this.cols - 1, (Math.floor(this.cx / 8) + 1) * 8);
    else if (code >= 32) {
      if (this.cx >= this.cols) {
        this.newline();
        this.cx = 0;
      }
      const i = this.cy * this.cols + this.cx;
      this.chars[i] = code < 256 ? code : 63;
      this.attrs[i] = this.fg + (this.bold && this.fg < 8 ? 8 : 0);
      this.touch(this.cx, this.cy);
      this.cx++;
    }
  }

  private escape(ch: string): void {
    const seq = (this.esc ?? '') + ch;
    if (seq === '[' || /^\[[0-9;]*$/.test(seq)) {
      this.esc = seq;
      return;
    }
    this.esc = undefined;
    const m = /^\[([0-9;]*)([A-Za-z])$/.exec(seq);
    if (!m) return;
    const args = m[1]!.split(';').filter((a) => a !== '').map(Number);
    switch (m[2]) {
      case 'm':
        for (const a of args.length ? args : [0]) {
          if (a === 0) [this.fg, this.bold] = [DEFAULT_FG, false];
          else if (a === 1) this.bold = true;
          else if (a >= 30 && a <= 37) this.fg = a - 30;
          else if (a >= 90 && a <= 97) this.fg = a - 90 + 8;
        }
        break;
      case 'H':
        this.cy = Math.min(this.rows - 1, Math.max(0, (args[0] ?? 1) - 1));
        this.cx = Math.min(this.cols - 1, Math.max(0, (args[1] ?? 1) - 1));
        break;
      case 'J':
        if ((args[0] ?? 0) === 2) this.clearCells(0, this.cols * this.rows);
        break;
      case 'K':
        this.clearCells(this.cy * this.cols + this.cx, (this.cy + 1) * this.cols);
        break;
    }
  }

  private clearCells(from: number, to: number): void {
    for (let i = from; i < to; i++) {
      if (this.chars[i] === 32) continue;
      this.chars[i] = 32;
      this.touch(i % this.cols, Math.floor(i / this.cols));
    }
  }

  private newline(): void {
    if (this.cy + 1 < this.rows) {
      this.cy++;
      return;
    }
    // Damage notified so far refers to pre-scroll positions: send it before the scroll moves pixels.
    this.flush();
    this.chars.copyWithin(0, this.cols);
    this.attrs.copyWithin(0, this.cols);
    this.chars.fill(32, (this.rows - 1) * this.cols);
    this.attrs.fill(DEFAULT_FG, (this.rows - 1) * this.cols);
    this.fb.scrollUp(CELL_H, this.rows * CELL_H, BG);
  }

  /** Redraws a cell now and remembers it for the next damage notification. */
  private touch(c: number, r: number): void {
    if (c < 0 || r < 0 || r >= this.rows || c >= this.cols) return;
    this.drawCell(c, r);
    this.dirtyMin[r] = Math.min(this.dirtyMin[r] ?? c, c);
    this.dirtyMax[r] = Math.max(this.dirtyMax[r] ?? c, c);
  }

  private drawCell(c: number, r: number): void {
    const i = r * this.cols + c;
    const glyph = CONSOLE_FONT_8X16.subarray(this.chars[i]! * CELL_H, this.chars[i]! * CELL_H + CELL_H);
    const fg = VGA_COLOURS[this.attrs[i]!] ?? VGA_COLOURS[DEFAULT_FG]!;
    this.fb.glyph(c * CELL_W, r * CELL_H, glyph, CELL_W, fg, BG);
    if (!this.cursorHidden && c === Math.min(this.cx, this.cols - 1) && r === this.cy) this.fb.fill({ x: c * CELL_W, y: r * CELL_H + 14, w: 8, h: 2 }, VGA_COLOURS[DEFAULT_FG]!);
  }

  private flush(): void {
    for (let r = 0; r < this.rows; r++) {
      const min = this.dirtyMin[r];
      if (min === undefined) continue;
      const max = this.dirtyMax[r]!;
      this.fb.damage({ x: min * CELL_W, y: r * CELL_H, w: (max - min + 1) * CELL_W, h: CELL_H });
    }
    this.dirtyMin.length = 0;
    this.dirtyMax.length = 0;
  }
}
