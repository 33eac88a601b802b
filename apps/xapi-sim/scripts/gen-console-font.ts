/**
 * Generates src/rfb/console-font.gen.ts: an 8x16 bitmap font (Latin-1, 256 glyphs × 16 row bytes, MSB = leftmost
 * pixel) taken from the X11 misc "8x16" PCF font (xfonts-base, permissive licence). Run:
 * `npx tsx apps/xapi-sim/scripts/gen-console-font.ts [/usr/share/fonts/X11/misc/8x16.pcf.gz]`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const PCF_ACCELERATORS = 1 << 1;
const PCF_METRICS = 1 << 2;
const PCF_BITMAPS = 1 << 3;
const PCF_BDF_ENCODINGS = 1 << 5;
const PCF_BDF_ACCELERATORS = 1 << 8;

interface Table { type: number; format: number; size: number; offset: number }
interface Metric { left: number; right: number; width: number; ascent: number; descent: number }

/** A reader honouring the per-table byte order of PCF (format bit 2 = big endian). */
class TableReader {
  pos: number;
  readonly big: boolean;
  readonly format: number;
  constructor(private readonly buf: Buffer, t: Table) {
    this.format = buf.readUInt32LE(t.offset);
    this.big = (this.format & 4) !== 0;
    this.pos = t.offset + 4;
  }
  u8(): number { return this.buf.readUInt8(this.pos++); }
  u16(): number { const v = this.big ? this.buf.readUInt16BE(this.pos) : this.buf.readUInt16LE(this.pos); this.pos += 2; return v; }
  i16(): number { const v = this.big ? this.buf.readInt16BE(this.pos) : this.buf.readInt16LE(this.pos); this.pos += 2; return v; }
  u32(): number { const v = this.big ? this.buf.readUInt32BE(this.pos) : this.buf.readUInt32LE(this.pos); this.pos += 4; return v; }
  i32(): number { const v = this.big ? this.buf.readInt32BE(this.pos) : this.buf.readInt32LE(this.pos); this.pos += 4; return v; }
}

export function parsePcf(buf: Buffer): Uint8Array {
  if (buf.toString('latin1', 0, 4) !== '\x01fcp') throw new Error('not a PCF font');
  const count = buf.readUInt32LE(4);
  const tables: Table[] = [];
  for (let i = 0; i < count; i++) {
    const o = 8 + i * 16;
    tables.push({ type: buf.readUInt32LE(o), format: buf.readUInt32LE(o + 4), size: buf.readUInt32LE(o + 8), offset: buf.readUInt32LE(o + 12) });
  }
  const table = (type: number): Table | undefined => tables.find((t) => t.type === type);

  const accelT = table(PCF_BDF_ACCELERATORS) ?? table(PCF_ACCELERATORS);
  if (!accelT) throw new Error('no accelerators');
  const acc = new TableReader(buf, accelT);
  acc.pos += 8;
  const fontAscent = acc.i32();

  const metT = table(PCF_METRICS)!;
  const mr = new TableReader(buf, metT);
  const metrics: Metric[] = [];
  if (mr.format & 0x100) {
    const n = mr.u16();
    for (let i = 0; i < n; i++) {
      const [left, right, width, ascent, descent] = [mr.u8(), mr.u8(), mr.u8(), mr.u8(), mr.u8()].map((v) => v - 0x80) as [number, number, number, number, number];
      metrics.push({ left, right, width, ascent, descent });
    }
  } else {
    const n = mr.u32();
    for (let i = 0; i < n; i++) {
      const m = { left: mr.i16(), right: mr.i16(), width: mr.i16(), ascent: mr.i16(), descent: mr.i16() };
      mr.u16();
      metrics.push(m);
    }
  }

  const bmT = table(PCF_BITMAPS)!;
  const br = new TableReader(buf, bmT);
  const glyphCount = br.u32();
  const offsets: number[] = [];
  for (let i = 0; i < glyphCount; i++) offsets.push(br.u32());
  br.pos += 16;
  const dataStart = br.pos;
  const rowPad = 1 << (br.format & 3);
  const msbFirst = (br.format & 8) !== 0;

  const encT = table(PCF_BDF_ENCODINGS)!;
  const er = new TableReader(buf, encT);
  const [min2, max2, min1, max1, defaultChar] = [er.u16(), er.u16(), er.u16(), er.u16(), er.u16()];
  const indices: number[] = [];
  for (let i = 0; i < (max2 - min2 + 1) * (max1 - min1 + 1); i++) indices.push(er.u16());
  const glyphOf = (code: number): number => {
    const idx = min1 === 0 && max1 === 0 && code >= min2 && code <= max2 ? indices[code - min2]! : 0xffff;
    return idx !== 0xffff ? idx : defaultChar >= min2 && defaultChar <= max2 ? indices[defaultChar - min2] ?? 0xffff : 0xffff;
  };

  const out = new Uint8Array(256 * 16);
  for (let code = 0; code < 256; code++) {
    const g = glyphOf(code);
    if (g === 0xffff || g >= glyphCount) continue;
    const m = metrics[g]!;
    const rowBytes = Math.ceil(Math.ceil((m.right - m.left) / 8) / rowPad) * rowPad || rowPad;
    const top = fontAscent - m.ascent;
    for (let y = 0; y < m.ascent + m.descent; y++) {
      const cellY = top + y;
      if (cellY < 0 || cellY >= 16) continue;
      let bits = 0;
      for (let x = 0; x < m.right - m.left; x++) {
        const byte = buf[dataStart + offsets[g]! + y * rowBytes + (x >> 3)]!;
        const on = msbFirst ? (byte >> (7 - (x & 7))) & 1 : (byte >> (x & 7)) & 1;
        const cellX = m.left + x;
        if (on && cellX >= 0 && cellX < 8) bits |= 0x80 >> cellX;
      }
      out[code * 16 + cellY] = bits;
    }
  }
  return out;
}

const source = process.argv[2] ?? '/usr/share/fonts/X11/misc/8x16.pcf.gz';
const raw = readFileSync(source);
const font = parsePcf(raw[0] === 0x1f ? gunzipSync(raw) : raw);
const target = fileURLToPath(new URL('../src/rfb/console-font.gen.ts', import.meta.url));
writeFileSync(target, `/** Generated by scripts/gen-console-font.ts from X11 misc 8x16: 256 glyphs × 16 rows, MSB leftmost. */\nexport const CONSOLE_FONT_8X16 = Buffer.from(\n  '${Buffer.from(font).toString('base64')}',\n  'base64',\n);\n`);
console.log(`wrote ${target}`);
