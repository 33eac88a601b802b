#!/usr/bin/env node
/**
 * Renders build/icon.png (1024×1024) from the same shapes as build/icon.svg, with no image library:
 * signed distances per pixel, 4×4 supersampling, and a minimal PNG encoder. Run: node build/make-icon.mjs
 * electron-builder derives the macOS .icns and Windows .ico from this PNG.
 */
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const size = 1024;
const background = [0x1f, 0x4e, 0x8c];
const strokeA = [0xff, 0xff, 0xff];
const strokeB = [0x7c, 0xc4, 0xff];

/** Distance from (x, y) to the outside of a rounded rectangle (negative inside). */
function roundedRect(x, y, left, top, side, radius) {
  const cx = left + side / 2;
  const cy = top + side / 2;
  const qx = Math.abs(x - cx) - (side / 2 - radius);
  const qy = Math.abs(y - cy) - (side / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/** Distance from (x, y) to a round-capped line of the given width (negative inside). */
function capsule(x, y, x1, y1, x2, y2, width) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const t = Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy)) - width / 2;
}

/** The colour and coverage at one sample point, painted in SVG order. */
function sample(x, y) {
  let rgba = [0, 0, 0, 0];
  if (roundedRect(x, y, 64, 64, 896, 200) <= 0) rgba = [...background, 255];
  if (capsule(x, y, 300, 300, 724, 724, 120) <= 0) rgba = [...strokeA, 255];
  if (capsule(x, y, 724, 300, 300, 724, 120) <= 0) rgba = [...strokeB, 255];
  return rgba;
}

const raw = Buffer.alloc(size * (size * 4 + 1));
const grid = 4;
for (let y = 0; y < size; y++) {
  const row = y * (size * 4 + 1);
  raw[row] = 0; // PNG filter: none
  for (let x = 0; x < size; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < grid; sy++) {
      for (let sx = 0; sx < grid; sx++) {
        const [r, g, b, a] = sample(x + (sx + 0.5) / grid, y + (sy + 0.5) / grid);
        sum[0] += r * a;
        sum[1] += g * a;
        sum[2] += b * a;
        sum[3] += a;
      }
    }
    const offset = row + 1 + x * 4;
    const alpha = sum[3] / (grid * grid);
    raw[offset] = sum[3] ? Math.round(sum[0] / sum[3]) : 0;
    raw[offset + 1] = sum[3] ? Math.round(sum[1] / sum[3]) : 0;
    raw[offset + 2] = sum[3] ? Math.round(sum[2] / sum[3]) : 0;
    raw[offset + 3] = Math.round(alpha);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`wrote build/icon.png (${size}×${size}, ${png.length} bytes)`);
