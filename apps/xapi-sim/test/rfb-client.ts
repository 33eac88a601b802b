/**
 * A small RFB viewer for tests: speaks 3.3 or 3.8 over any duplex (CONNECT socket or WebSocket stream), keeps its
 * own framebuffer from Raw / CopyRect / DesktopSize rectangles, sends keys, and reads the screen back as text by
 * matching 9×16 cells against the console font (exact for lossless encodings).
 */
import { connect, type Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { CONSOLE_FONT_8X16 } from '#sim/rfb/console-font.gen.js';

export interface ClientPixelFormat { bpp: 16 | 32; redMax: number; greenMax: number; blueMax: number; redShift: number; greenShift: number; blueShift: number; bigEndian: boolean }

export const RGB565: ClientPixelFormat = { bpp: 16, redMax: 31, greenMax: 63, blueMax: 31, redShift: 11, greenShift: 5, blueShift: 0, bigEndian: false };
export const BGR32_BE: ClientPixelFormat = { bpp: 32, redMax: 255, greenMax: 255, blueMax: 255, redShift: 0, greenShift: 8, blueShift: 16, bigEndian: true };

/** Opens `CONNECT <path>` to host:port and resolves with the socket positioned after the HTTP answer. */
export function connectConsole(host: string, port: number, path: string, cookie?: string): Promise<{ status: number; socket: Socket; head: string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => {
      socket.write(`CONNECT ${path} HTTP/1.0\r\nHost: ${host}\r\n${cookie ? `Cookie: ${cookie}\r\n` : ''}\r\n`);
    });
    let buf = Buffer.alloc(0);
    const onData = (d: Buffer): void => {
      buf = Buffer.concat([buf, d]);
      const end = buf.indexOf('\r\n\r\n');
      if (end < 0) return;
      socket.off('data', onData);
      socket.pause(); // keep what follows until the RFB client listens
      const head = buf.subarray(0, end).toString('latin1');
      const rest = buf.subarray(end + 4);
      if (rest.length) socket.unshift(rest);
      resolve({ status: Number(/^HTTP\/1\.\d (\d{3})/.exec(head)?.[1] ?? 0), socket, head });
    };
    socket.on('data', onData);
    socket.once('error', reject);
  });
}

export class RfbTestClient {
  width = 0;
  height = 0;
  name = '';
  pixels = new Uint32Array(0);
  rectsByEncoding = new Map<number, number>();
  updates = 0;
  closed = false;
  private buf = Buffer.alloc(0);
  private waiters: Array<() => void> = [];
  private format: ClientPixelFormat = { bpp: 32, redMax: 255, greenMax: 255, blueMax: 255, redShift: 16, greenShift: 8, blueShift: 0, bigEndian: false };

  private constructor(private readonly socket: Duplex) {
    socket.on('data', (d: Buffer) => {
      this.buf = Buffer.concat([this.buf, d]);
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.resume();
  }

  /** Performs the handshake (answering the server's version with `version`) and ServerInit. */
  static async open(socket: Duplex, version: '003.003' | '003.008' = '003.003'): Promise<RfbTestClient> {
    const c = new RfbTestClient(socket);
    const serverVersion = (await c.read(12)).toString('latin1');
    if (serverVersion !== 'RFB 003.003\n') throw new Error(`server version ${JSON.stringify(serverVersion)}`);
    socket.write(`RFB ${version}\n`);
    if (version === '003.008') {
      const n = (await c.read(1))[0]!;
      const types = [...(await c.read(n))];
      if (!types.includes(1)) throw new Error(`no None security: ${types}`);
      socket.write(Buffer.from([1]));
      if ((await c.read(4)).readUInt32BE(0) !== 0) throw new Error('security failed');
    } else if ((await c.read(4)).readUInt32BE(0) !== 1) throw new Error('expected security None');
    socket.write(Buffer.from([1]));
    const init = await c.read(24);
    c.width = init.readUInt16BE(0);
    c.height = init.readUInt16BE(2);
    c.name = (await c.read(init.readUInt32BE(20))).toString('utf8');
    c.pixels = new Uint32Array(c.width * c.height);
    const enc = [1, 0, -223];
    const m = Buffer.alloc(4 + 4 * enc.length);
    m.writeUInt8(2, 0);
    m.writeUInt16BE(enc.length, 2);
    enc.forEach((e, i) => m.writeInt32BE(e, 4 + 4 * i));
    socket.write(m);
    return c;
  }

  setPixelFormat(f: ClientPixelFormat): void {
    this.format = f;
    const m = Buffer.alloc(20);
    m.writeUInt8(0, 0);
    m.writeUInt8(f.bpp, 4);
    m.writeUInt8(f.bpp === 32 ? 24 : 16, 5);
    m.writeUInt8(f.bigEndian ? 1 : 0, 6);
    m.writeUInt8(1, 7);
    m.writeUInt16BE(f.redMax, 8);
    m.writeUInt16BE(f.greenMax, 10);
    m.writeUInt16BE(f.blueMax, 12);
    m.writeUInt8(f.redShift, 14);
    m.writeUInt8(f.greenShift, 15);
    m.writeUInt8(f.blueShift, 16);
    this.socket.write(m);
  }

  requestUpdate(incremental: boolean): void {
    const m = Buffer.alloc(10);
    m.writeUInt8(3, 0);
    m.writeUInt8(incremental ? 1 : 0, 1);
    m.writeUInt16BE(this.width, 6);
    m.writeUInt16BE(this.height, 8);
    this.socket.write(m);
  }

  key(keysym: number, down: boolean): void {
    const m = Buffer.alloc(8);
    m.writeUInt8(4, 0);
    m.writeUInt8(down ? 1 : 0, 1);
    m.writeUInt32BE(keysym, 4);
    this.socket.write(m);
  }

  /** Types printable text (press and release each character). */
  type(text: string): void {
    for (const ch of text) {
      this.key(ch.charCodeAt(0), true);
      this.key(ch.charCodeAt(0), false);
    }
  }

  /** Reads one FramebufferUpdate (skipping colour-map and bell messages) and applies it. */
  async readUpdate(): Promise<void> {
    for (;;) {
      const type = (await this.read(1))[0];
      if (type === 0) break;
      if (type === 2) continue;
      if (type === 1) {
        const h = await this.read(5);
        await this.read(h.readUInt16BE(3) * 6);
        continue;
      }
      throw new Error(`unexpected server message ${type}`);
    }
    const count = (await this.read(3)).readUInt16BE(1);
    for (let i = 0; i < count; i++) {
      const h = await this.read(12);
      const [x, y, w, hgt, enc] = [h.readUInt16BE(0), h.readUInt16BE(2), h.readUInt16BE(4), h.readUInt16BE(6), h.readInt32BE(8)];
      this.rectsByEncoding.set(enc, (this.rectsByEncoding.get(enc) ?? 0) + 1);
      if (enc === 0) {
        const bytes = this.format.bpp / 8;
        const data = await this.read(w * hgt * bytes);
        for (let j = 0; j < w * hgt; j++) this.pixels[(y + Math.floor(j / w)) * this.width + x + (j % w)] = this.toRgb(data, j * bytes);
      } else if (enc === 1) {
        const s = await this.read(4);
        const [sx, sy] = [s.readUInt16BE(0), s.readUInt16BE(2)];
        const copy = new Uint32Array(w * hgt);
        for (let r = 0; r < hgt; r++) copy.set(this.pixels.subarray((sy + r) * this.width + sx, (sy + r) * this.width + sx + w), r * w);
        for (let r = 0; r < hgt; r++) this.pixels.set(copy.subarray(r * w, (r + 1) * w), (y + r) * this.width + x);
      } else if (enc === -223) {
        this.width = w;
        this.height = hgt;
        this.pixels = new Uint32Array(w * hgt);
      } else throw new Error(`unexpected encoding ${enc}`);
    }
    this.updates++;
  }

  /** Requests incremental updates until `predicate` holds for the screen text (or the connection ends). */
  async waitForText(predicate: (text: string) => boolean, maxUpdates = 400): Promise<string> {
    for (let i = 0; i < maxUpdates; i++) {
      const text = this.text();
      if (predicate(text)) return text;
      this.requestUpdate(i > 0);
      await this.readUpdate();
    }
    throw new Error(`screen never matched; last screen:\n${this.text()}`);
  }

  /** The screen as text lines (trailing blanks trimmed), by exact glyph matching of 9×16 cells. */
  text(): string {
    return screenText(this.width, this.height, (x, y) => this.pixels[y * this.width + x]! !== 0);
  }

  close(): void {
    this.socket.destroy();
  }

  private toRgb(b: Buffer, o: number): number {
    const f = this.format;
    const v = f.bpp === 32 ? (f.bigEndian ? b.readUInt32BE(o) : b.readUInt32LE(o)) : f.bigEndian ? b.readUInt16BE(o) : b.readUInt16LE(o);
    const c = (shift: number, max: number): number => Math.round((((v >>> shift) & max) * 255) / max);
    return (c(f.redShift, f.redMax) << 16) | (c(f.greenShift, f.greenMax) << 8) | c(f.blueShift, f.blueMax);
  }

  private wake(): void {
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  private async read(n: number): Promise<Buffer> {
    while (this.buf.length < n) {
      if (this.closed) throw new Error('connection closed');
      await new Promise<void>((r) => this.waiters.push(r));
    }
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }
}

const glyphIndex = (rows: number): Map<string, number> => {
  const m = new Map<string, number>();
  for (let c = 126; c >= 32; c--) m.set(CONSOLE_FONT_8X16.subarray(c * 16, c * 16 + rows).toString('hex'), c);
  return m;
};
const FULL = glyphIndex(16);
/** Rows 14–15 hold the cursor underline: the cursor's cell is matched on rows 0–13. */
const UPPER = glyphIndex(14);

/**
 * Reads text from any image where `lit(x, y)` says whether a pixel is foreground; cells whose bitmap is not an
 * exact glyph are matched to the nearest glyph when `tolerance` (differing pixels) allows, else shown as '?'.
 */
export function screenText(width: number, height: number, lit: (x: number, y: number) => boolean, tolerance = 0): string {
  const lines: string[] = [];
  for (let r = 0; r < Math.floor(height / 16); r++) {
    let line = '';
    for (let c = 0; c < Math.floor(width / 9); c++) {
      const rows = Buffer.alloc(16);
      for (let y = 0; y < 16; y++) {
        let bits = 0;
        for (let x = 0; x < 8; x++) if (lit(c * 9 + x, r * 16 + y)) bits |= 0x80 >> x;
        rows[y] = bits;
      }
      line += cellChar(rows, tolerance);
    }
    lines.push(line.replace(/\s+$/, ''));
  }
  return lines.join('\n');
}

function cellChar(rows: Buffer, tolerance: number): string {
  const exact = FULL.get(rows.toString('hex')) ?? UPPER.get(rows.subarray(0, 14).toString('hex'));
  if (exact !== undefined) return String.fromCharCode(exact);
  if (tolerance === 0) return '?';
  let best = '?';
  let bestD = tolerance + 1;
  for (let c = 32; c <= 126; c++) {
    let d = 0;
    for (let y = 0; y < 14; y++) d += popcount(rows[y]! ^ CONSOLE_FONT_8X16[c * 16 + y]!);
    if (d < bestD) [best, bestD] = [String.fromCharCode(c), d];
  }
  return best;
}

function popcount(v: number): number {
  let n = 0;
  for (; v; v &= v - 1) n++;
  return n;
}
