/**
 * One console's live state, shared by all its viewers: the framebuffer and text grid, the boot sequence (paced
 * by the pool's time scale), the line discipline behind the prompt (echo, Backspace, Enter, a login that always
 * fails), Ctrl+Alt+Del, and the attached RFB and text (vt100) viewers.
 */
import type { Duplex } from 'node:stream';
import type { ConsoleProfile } from './boot-script.js';
import { Framebuffer } from './framebuffer.js';
import { RfbServerConnection, type RfbScreen } from './rfb-server-connection.js';
import { TextConsole, type ScreenImage } from './text-console.js';

export const DEFAULT_CONSOLE_SIZE = { width: 720, height: 400 } as const;

export const KEYSYM = {
  BackSpace: 0xff08, Tab: 0xff09, Return: 0xff0d, KP_Enter: 0xff8d, Delete: 0xffff, KP_Delete: 0xff9f,
  Control_L: 0xffe3, Control_R: 0xffe4, Alt_L: 0xffe9, Alt_R: 0xffea,
} as const;

export interface ConsoleSessionHooks {
  /** Real milliseconds for a simulated duration. */
  scaled(ms: number): number;
  /** The guest asked to reboot (Ctrl+Alt+Del). */
  ctrlAltDel(): void;
}

type Mode = 'booting' | 'prompt' | 'password';

/** What a suspend image keeps of a console: the screen, where the guest was (booting, at a prompt) and what was typed. */
export interface ConsoleImage {
  readonly screen: ScreenImage;
  readonly mode: Mode;
  readonly line: string;
  /** Boot lines not yet printed (a guest suspended while it booted goes on booting after a resume). */
  readonly bootRemaining: number;
}

export class ConsoleSession implements RfbScreen {
  readonly fb = new Framebuffer(DEFAULT_CONSOLE_SIZE.width, DEFAULT_CONSOLE_SIZE.height);
  readonly text = new TextConsole(this.fb);
  private readonly rfbViewers = new Set<RfbServerConnection>();
  private readonly textViewers = new Set<Duplex>();
  private timer?: NodeJS.Timeout;
  private mode: Mode = 'booting';
  private line = '';
  private bootRemaining = 0;
  private closed = false;
  /** Increases at every (re)boot; tests and the control port read it. */
  boots = 0;

  /** A console that boots, or, given the image of a resumed guest, carries on from that screen. */
  constructor(readonly profile: ConsoleProfile, private readonly hooks: ConsoleSessionHooks, image?: ConsoleImage) {
    if (image) this.restore(image);
    else this.boot();
  }

  get name(): string {
    return this.profile.title;
  }

  get viewerCount(): number {
    return this.rfbViewers.size + this.textViewers.size;
  }

  /** Whether the boot text is complete and the prompt is showing. */
  get ready(): boolean {
    return this.mode !== 'booting';
  }

  /** Clears the screen and plays the boot sequence again. */
  boot(): void {
    clearTimeout(this.timer);
    this.boots++;
    this.mode = 'booting';
    this.line = '';
    this.text.clear();
    this.playBoot(this.profile.lines.length);
  }

  /** What a suspend keeps of this console. */
  saveImage(): ConsoleImage {
    return { screen: this.text.image(), mode: this.mode, line: this.line, bootRemaining: this.mode === 'booting' ? this.bootRemaining : 0 };
  }

  /** The screen of a resumed guest, exactly as it was suspended (no boot). */
  private restore(image: ConsoleImage): void {
    this.mode = image.mode;
    this.line = image.line;
    this.text.restore(image.screen);
    if (image.mode === 'booting') this.playBoot(image.bootRemaining);
  }

  /** Prints the last `remaining` boot lines, paced by their delays, then the prompt. */
  private playBoot(remaining: number): void {
    const lines = this.profile.lines.slice(this.profile.lines.length - remaining);
    this.bootRemaining = lines.length;
    const next = (): void => {
      if (this.closed) return;
      const l = lines.shift();
      this.bootRemaining = lines.length;
      if (!l) {
        this.mode = 'prompt';
        this.text.write(this.profile.prompt);
        return;
      }
      this.text.write(`${l.text}\r\n`);
      this.schedule(lines[0]?.delayMs ?? 100, next);
    };
    this.schedule(lines[0]?.delayMs ?? 0, next);
  }

  private schedule(simMs: number, fn: () => void): void {
    this.timer = setTimeout(fn, this.hooks.scaled(simMs));
    this.timer.unref();
  }

  /** Attaches an RFB viewer on `socket` (already past any HTTP handshake). */
  attachRfb(socket: Duplex): RfbServerConnection {
    const conn = new RfbServerConnection(socket, this);
    this.rfbViewers.add(conn);
    conn.onClose(() => this.rfbViewers.delete(conn));
    return conn;
  }

  /** Attaches a text (vt100) viewer: it gets the screen so far, then every output; its bytes are typed. */
  attachText(socket: Duplex): void {
    this.textViewers.add(socket);
    socket.write(this.text.snapshotAnsi());
    const off = this.text.onOutput((t) => socket.write(t.replace(/(?<!\r)\n/g, '\r\n')));
    socket.on('data', (d: Buffer) => {
      for (const byte of d) {
        if (byte === 13 || byte === 10) this.enter();
        else if (byte === 127 || byte === 8) this.backspace();
        else if (byte >= 32) this.typeChar(String.fromCharCode(byte));
      }
    });
    const done = (): void => {
      off();
      this.textViewers.delete(socket);
    };
    socket.on('close', done);
    socket.on('error', done);
  }

  key(keysym: number, down: boolean, pressed: ReadonlySet<number>): void {
    if (!down) return;
    const ctrl = pressed.has(KEYSYM.Control_L) || pressed.has(KEYSYM.Control_R);
    const alt = pressed.has(KEYSYM.Alt_L) || pressed.has(KEYSYM.Alt_R);
    if ((keysym === KEYSYM.Delete || keysym === KEYSYM.KP_Delete) && ctrl && alt) {
      if (this.profile.kind !== 'host') this.hooks.ctrlAltDel();
      return;
    }
    if (keysym === KEYSYM.Return || keysym === KEYSYM.KP_Enter) this.enter();
    else if (keysym === KEYSYM.BackSpace) this.backspace();
    else if (keysym === KEYSYM.Tab) this.typeChar(' ');
    else if (!ctrl && ((keysym >= 0x20 && keysym <= 0x7e) || (keysym >= 0xa0 && keysym <= 0xff))) this.typeChar(String.fromCharCode(keysym));
  }

  private typeChar(ch: string): void {
    if (this.text.cx >= this.text.cols - 1) return;
    this.line += ch;
    if (this.mode !== 'password') this.text.write(ch);
  }

  private backspace(): void {
    if (!this.line) return;
    this.line = this.line.slice(0, -1);
    if (this.mode !== 'password') this.text.write('\b \b');
  }

  private enter(): void {
    const typed = this.line;
    this.line = '';
    if (this.mode === 'booting') return this.text.write('\r\n');
    if (this.mode === 'password') {
      this.mode = 'prompt';
      return this.text.write(`\r\n\r\nLogin incorrect\r\n${this.profile.prompt}`);
    }
    if (this.profile.login && typed) {
      this.mode = 'password';
      return this.text.write('\r\nPassword: ');
    }
    this.text.write(`\r\n${this.profile.login ? '' : typed ? `'${typed.split(' ')[0]}' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n\r\n` : ''}${this.profile.prompt}`);
  }

  /** Server-side resize (video mode change): DesktopSize-capable viewers follow, others keep their size. */
  resize(width: number, height: number): void {
    this.text.resize(width, height);
  }

  /** Ends every viewer (VM halted or gone) and stops the boot sequence. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    for (const v of [...this.rfbViewers]) v.close();
    for (const s of [...this.textViewers]) s.destroy();
  }
}
