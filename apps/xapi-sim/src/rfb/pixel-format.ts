/** RFB pixel formats (RFC 6143 §7.4): the server's native 32bpp format, parsing SetPixelFormat, and pixel encoding. */

export interface PixelFormat {
  bitsPerPixel: 8 | 16 | 32;
  depth: number;
  bigEndian: boolean;
  trueColour: boolean;
  redMax: number;
  greenMax: number;
  blueMax: number;
  redShift: number;
  greenShift: number;
  blueShift: number;
}

/** What ServerInit announces: 32bpp, depth 24, little endian, 0x00RRGGBB. */
export const NATIVE_FORMAT: PixelFormat = {
  bitsPerPixel: 32, depth: 24, bigEndian: false, trueColour: true,
  redMax: 255, greenMax: 255, blueMax: 255, redShift: 16, greenShift: 8, blueShift: 0,
};

export function encodePixelFormat(f: PixelFormat): Buffer {
  const b = Buffer.alloc(16);
  b.writeUInt8(f.bitsPerPixel, 0);
  b.writeUInt8(f.depth, 1);
  b.writeUInt8(f.bigEndian ? 1 : 0, 2);
  b.writeUInt8(f.trueColour ? 1 : 0, 3);
  b.writeUInt16BE(f.redMax, 4);
  b.writeUInt16BE(f.greenMax, 6);
  b.writeUInt16BE(f.blueMax, 8);
  b.writeUInt8(f.redShift, 10);
  b.writeUInt8(f.greenShift, 11);
  b.writeUInt8(f.blueShift, 12);
  return b;
}

/** Parses the 16-byte format of SetPixelFormat; throws on bit depths RFB does not allow. */
export function decodePixelFormat(b: Buffer): PixelFormat {
  const bpp = b.readUInt8(0);
  if (bpp !== 8 && bpp !== 16 && bpp !== 32) throw new Error(`unsupported bits-per-pixel ${bpp}`);
  return {
    bitsPerPixel: bpp, depth: b.readUInt8(1), bigEndian: b.readUInt8(2) !== 0, trueColour: b.readUInt8(3) !== 0,
    redMax: b.readUInt16BE(4), greenMax: b.readUInt16BE(6), blueMax: b.readUInt16BE(8),
    redShift: b.readUInt8(10), greenShift: b.readUInt8(11), blueShift: b.readUInt8(12),
  };
}

/**
 * The 256-entry palette used when a client asks for colour-map mode (8bpp, not true colour): 3-3-2 RGB,
 * sent once with SetColourMapEntries.
 */
export function rgb332Palette(): Array<[number, number, number]> {
  const out: Array<[number, number, number]> = [];
  for (let i = 0; i < 256; i++) {
    const r = (i >> 5) & 7;
    const g = (i >> 2) & 7;
    const bl = i & 3;
    out.push([Math.round((r * 65535) / 7), Math.round((g * 65535) / 7), Math.round((bl * 65535) / 3)]);
  }
  return out;
}

/** Converts `count` native pixels (0xRRGGBB) read by `pixelAt(i)` into the client's format. */
export function encodePixels(f: PixelFormat, count: number, pixelAt: (i: number) => number): Buffer {
  const bytes = f.bitsPerPixel / 8;
  const out = Buffer.allocUnsafe(count * bytes);
  const value = pixelValue(f);
  for (let i = 0; i < count; i++) {
    const v = value(pixelAt(i));
    const o = i * bytes;
    if (bytes === 4) {
      if (f.bigEndian) out.writeUInt32BE(v >>> 0, o);
      else out.writeUInt32LE(v >>> 0, o);
    } else if (bytes === 2) {
      if (f.bigEndian) out.writeUInt16BE(v & 0xffff, o);
      else out.writeUInt16LE(v & 0xffff, o);
    } else out[o] = v & 0xff;
  }
  return out;
}

/** Native RGB → pixel value in format `f` (palette index for colour-map mode). */
function pixelValue(f: PixelFormat): (rgb: number) => number {
  if (!f.trueColour) return (rgb) => (((rgb >> 21) & 7) << 5) | (((rgb >> 13) & 7) << 2) | ((rgb >> 6) & 3);
  const scale = (c: number, max: number): number => Math.round((c * max) / 255);
  if (f.redMax === 255 && f.greenMax === 255 && f.blueMax === 255) {
    return (rgb) => ((((rgb >> 16) & 255) << f.redShift) | (((rgb >> 8) & 255) << f.greenShift) | ((rgb & 255) << f.blueShift)) >>> 0;
  }
  return (rgb) =>
    ((scale((rgb >> 16) & 255, f.redMax) << f.redShift) | (scale((rgb >> 8) & 255, f.greenMax) << f.greenShift) | (scale(rgb & 255, f.blueMax) << f.blueShift)) >>> 0;
}
