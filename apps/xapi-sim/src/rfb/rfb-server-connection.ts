/**
 * The server side of one RFB connection (RFC 6143): version handshake (3.3 as xapi's qemu/vncterm speak it,
 * with security None; 3.7/3.8 clients are accepted too), ServerInit, SetPixelFormat (true colour at 8/16/32 bpp,
 * colour-map mode with a 3-3-2 palette), SetEncodings (Raw, CopyRect, DesktopSize), incremental updates of the
 * damaged regions only, key events handed to the screen, pointer and cut-text messages consumed.
 */
import type { Duplex } from 'node:stream';
import { clip, type Framebuffer, type Rect } from './framebuffer.js';
import { decodePixelFormat, encodePixelFormat, encodePixels, NATIVE_FORMAT, rgb332Palette, type PixelFormat } from './pixel-format.js';
import { ViewerDamage } from './viewer-damage.js';

export const ENCODING_RAW = 0;
export const ENCODING_COPYRECT = 1;
export const ENCODING_DESKTOP_SIZE = -223;

/** The console a connection shows and types into. */
export interface RfbScreen {
  readonly fb: Framebuffer;
  /** Desktop name sent in ServerInit. */
  readonly name: string;
  /** A key went down or up; `pressed` holds the keysyms this viewer holds down (after the change). */
  key(keysym: number, down: boolean, pressed: ReadonlySet<number>): void;
}

type Phase = 'version' | 'security' | 'init' | 'normal' | 'closed';

export class RfbServerConnection {
  private buf: Buffer = Buffer.alloc(0);
  private phase: Phase = 'version';
  private minor = 3;
  private format: PixelFormat = NATIVE_FORMAT;
  private encodings = new Set<number>([ENCODING_RAW]);
  private readonly damage: ViewerDamage;
  private updateRequested = false;
  private flushQueued = false;
  private clientWidth: number;
  private clientHeight: number;
  private readonly pressed = new Set<number>();
  private readonly closeListeners = new Set<() => void>();

  constructor(private readonly socket: Duplex, private readonly screen: RfbScreen) {
    this.damage = new ViewerDamage(screen.fb, () => this.notify());
    this.clientWidth = screen.fb.width;
    this.clientHeight = screen.fb.height;
    socket.on('data', (d: Buffer) => this.receive(d));
    socket.on('close', () => this.close());
    socket.on('error', () => this.close());
    socket.write('RFB 003.003\n');
  }

  onClose(listener: () => void): void {
    this.closeListeners.add(listener);
  }

  get closed(): boolean {
    return this.phase === 'closed';
  }

  /** Ends the connection (the VM stopped, moved, or the viewer misbehaved). */
  close(): void {
    if (this.phase === 'closed') return;
    this.phase = 'closed';
    this.screen.fb.detach(this.damage);
    this.socket.destroy();
    for (const l of this.closeListeners) l();
  }

  private receive(data: Buffer): void {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : data;
    try {
      while (this.phase !== 'closed' && this.step());
    } catch {
      this.close();
    }
  }

  /** Consumes one protocol unit from the buffer; false when more bytes are needed. */
  private step(): boolean {
    const b = this.buf;
    switch (this.phase) {
      case 'version': {
        if (b.length < 12) return false;
        const m = /^RFB 003\.(\d{3})\n$/.exec(b.toString('latin1', 0, 12));
        if (!m) throw new Error('bad protocol version');
        this.minor = Number(m[1]);
        this.consume(12);
        if (this.minor >= 7) {
          this.socket.write(Buffer.from([1, 1])); // one security type: None
          this.phase = 'security';
        } else {
          this.socket.write(u32(1)); // 3.3: the server decides, None
          this.phase = 'init';
        }
        return true;
      }
      case 'security':
        if (b.length < 1) return false;
        if (b[0] !== 1) throw new Error('unsupported security type');
        this.consume(1);
        if (this.minor >= 8) this.socket.write(u32(0));
        this.phase = 'init';
        return true;
      case 'init': {
        if (b.length < 1) return false;
        this.consume(1); // shared flag: every viewer shares the console anyway
        const fb = this.screen.fb;
        const name = Buffer.from(this.screen.name, 'utf8');
        const head = Buffer.alloc(4);
        head.writeUInt16BE(fb.width, 0);
        head.writeUInt16BE(fb.height, 2);
        this.clientWidth = fb.width;
        this.clientHeight = fb.height;
        this.socket.write(Buffer.concat([head, encodePixelFormat(NATIVE_FORMAT), u32(name.length), name]));
        fb.attach(this.damage);
        this.phase = 'normal';
        return true;
      }
      case 'normal':
        return this.message();
      default:
        return false;
    }
  }

  private message(): boolean {
    const b = this.buf;
    if (b.length < 1) return false;
    switch (b[0]) {
      case 0: {
        if (b.length < 20) return false;
        this.format = decodePixelFormat(b.subarray(4, 20));
        this.consume(20);
        if (!this.format.trueColour) this.sendColourMap();
        // Everything the viewer has is in the old format now.
        this.damage.damage({ x: 0, y: 0, w: this.screen.fb.width, h: this.screen.fb.height });
        return true;
      }
      case 2: {
        if (b.length < 4) return false;
        const n = b.readUInt16BE(2);
        if (b.length < 4 + 4 * n) return false;
        this.encodings = new Set([ENCODING_RAW]);
        for (let i = 0; i < n; i++) this.encodings.add(b.readInt32BE(4 + 4 * i));
        this.consume(4 + 4 * n);
        return true;
      }
      case 3: {
        if (b.length < 10) return false;
        const incremental = b[1] !== 0;
        const r = { x: b.readUInt16BE(2), y: b.readUInt16BE(4), w: b.readUInt16BE(6), h: b.readUInt16BE(8) };
        this.consume(10);
        if (!incremental) this.damage.damage(r);
        this.updateRequested = true;
        this.queueFlush();
        return true;
      }
      case 4: {
        if (b.length < 8) return false;
        const down = b[1] !== 0;
        const keysym = b.readUInt32BE(4);
        this.consume(8);
        if (down) this.pressed.add(keysym);
        else this.pressed.delete(keysym);
        this.screen.key(keysym, down, this.pressed);
        return true;
      }
      case 5:
        if (b.length < 6) return false;
        this.consume(6);
        return true;
      case 6: {
        if (b.length < 8) return false;
        const len = b.readUInt32BE(4);
        if (b.length < 8 + len) return false;
        this.consume(8 + len);
        return true;
      }
      default:
        throw new Error(`unknown client message ${b[0]}`);
    }
  }

  private consume(n: number): void {
    this.buf = this.buf.subarray(n);
  }

  /** Sends soon when the viewer is waiting for an update and something changed. */
  private notify(): void {
    if (this.updateRequested && this.damage.pending) this.queueFlush();
  }

  private queueFlush(): void {
    if (this.flushQueued) return;
    this.flushQueued = true;
    setImmediate(() => {
      this.flushQueued = false;
      if (this.phase === 'normal' && this.updateRequested && this.damage.pending) this.sendUpdate();
    });
  }

  private sendColourMap(): void {
    const palette = rgb332Palette();
    const out = Buffer.alloc(6 + palette.length * 6);
    out.writeUInt8(1, 0);
    out.writeUInt16BE(0, 2);
    out.writeUInt16BE(palette.length, 4);
    palette.forEach(([r, g, bl], i) => {
      out.writeUInt16BE(r, 6 + i * 6);
      out.writeUInt16BE(g, 8 + i * 6);
      out.writeUInt16BE(bl, 10 + i * 6);
    });
    this.socket.write(out);
  }

  private sendUpdate(): void {
    const fb = this.screen.fb;
    const todo = this.damage.take();
    const parts: Buffer[] = [];
    let count = 0;
    if (todo.resized && this.encodings.has(ENCODING_DESKTOP_SIZE)) {
      parts.push(rectHeader({ x: 0, y: 0, w: fb.width, h: fb.height }, ENCODING_DESKTOP_SIZE));
      count++;
      this.clientWidth = fb.width;
      this.clientHeight = fb.height;
    }
    const dirty = [...todo.dirty];
    if (todo.scrollDy > 0) {
      const dest = clip({ x: 0, y: 0, w: fb.width, h: todo.scrollArea - todo.scrollDy }, this.clientWidth, Math.min(this.clientHeight, todo.scrollArea - todo.scrollDy));
      if (this.encodings.has(ENCODING_COPYRECT) && dest) {
        const src = Buffer.alloc(4);
        src.writeUInt16BE(0, 0);
        src.writeUInt16BE(todo.scrollDy, 2);
        parts.push(rectHeader(dest, ENCODING_COPYRECT), src);
        count++;
      } else dirty.unshift({ x: 0, y: 0, w: fb.width, h: todo.scrollArea });
    }
    for (const d of dirty) {
      const r = clip(d, Math.min(this.clientWidth, fb.width), Math.min(this.clientHeight, fb.height));
      if (!r) continue;
      const px = fb.pixels;
      const width = fb.width;
      parts.push(rectHeader(r, ENCODING_RAW), encodePixels(this.format, r.w * r.h, (i) => px[(r.y + Math.floor(i / r.w)) * width + r.x + (i % r.w)]!));
      count++;
    }
    if (count === 0) return;
    const head = Buffer.alloc(4);
    head.writeUInt8(0, 0);
    head.writeUInt16BE(count, 2);
    this.updateRequested = false;
    this.socket.write(Buffer.concat([head, ...parts]));
  }
}

function u32(v: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v, 0);
  return b;
}

function rectHeader(r: Rect, encoding: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16BE(r.x, 0);
  b.writeUInt16BE(r.y, 2);
  b.writeUInt16BE(r.w, 4);
  b.writeUInt16BE(r.h, 6);
  b.writeInt32BE(encoding, 8);
  return b;
}
