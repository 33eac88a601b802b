import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodePng } from './png-encode.js';
import { shrinkFrame } from './rfb-frame.js';

/** Undoes the Sub filter of each row (the only filter encodePng writes). */
function decodeRgb(png: Buffer): { width: number; height: number; rgb: Uint8Array } {
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  const idatLength = png.readUInt32BE(33);
  expect(png.toString('latin1', 37, 41)).toBe('IDAT');
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 3 + 1)]).toBe(1);
    for (let x = 0; x < width * 3; x++) rgb[y * width * 3 + x] = (raw[y * (width * 3 + 1) + 1 + x]! + (x >= 3 ? rgb[y * width * 3 + x - 3]! : 0)) & 0xff;
  }
  return { width, height, rgb };
}

describe('encodePng', () => {
  it('writes a PNG whose IHDR, pixels and CRCs read back', () => {
    const rgb = Uint8Array.from({ length: 5 * 3 * 3 }, (_, i) => (i * 37) & 0xff);
    const png = encodePng(5, 3, rgb);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect([png.toString('latin1', 12, 16), png[24], png[25]]).toEqual(['IHDR', 8, 2]);
    expect(decodeRgb(png)).toEqual({ width: 5, height: 3, rgb });
    expect(png.subarray(-8, -4).toString('latin1')).toBe('IEND');
    expect(png.readUInt32BE(png.length - 4)).toBe(0xae426082); // the CRC of an empty IEND, as every PNG has
  });

  it('refuses pixels that do not fill the size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(11))).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
  });
});

describe('shrinkFrame', () => {
  it('averages whole blocks down to the width asked for, and leaves small frames alone', () => {
    const rgb = new Uint8Array(4 * 2 * 3);
    rgb.fill(200, 0, 6); // the two left pixels of the top row
    const shrunk = shrinkFrame({ width: 4, height: 2, rgb }, 2);
    expect([shrunk.width, shrunk.height]).toEqual([2, 1]);
    expect([...shrunk.rgb]).toEqual([100, 100, 100, 0, 0, 0]);
    const small = { width: 2, height: 1, rgb: new Uint8Array(6) };
    expect(shrinkFrame(small, 2)).toBe(small);
  });
});
