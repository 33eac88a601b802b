/**
 * Deterministic synthetic disk content. A disk is identified by a 16-byte content id (derived from a seed and the
 * VDI's identity). Its layout is a sequence of 16 MiB regions, each either empty or "dense" with a probability
 * (the density); dense regions hold mostly non-zero 1 MiB blocks. A dense block's bytes depend only on the content
 * id and the block index, and every such block starts with a header naming both, so a receiver can recognise
 * simulator-made blocks and keep a reference instead of the bytes.
 */
import { createHash } from 'node:crypto';

export const BLOCK_SIZE = 1 << 20;
/** Blocks per layout region (16 MiB). */
export const REGION_BLOCKS = 16;

const MAGIC = Buffer.from('XSIMBLK1', 'latin1');
const HEADER_BYTES = 32;
/** Every 64 KiB inside a block carries a stamp so blocks differ throughout, not only in their first bytes. */
const STAMP_STRIDE = 65_536;
const PATTERN_COUNT = 8;

/** 32-bit FNV-1a style mix of a content id and two integers, for layout and pattern choices. */
function mix(id: Buffer, a: number, b: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id[i]!, 0x01000193);
  h = Math.imul(h ^ (a & 0xffffffff), 0x01000193);
  h = Math.imul(h ^ Math.floor(a / 2 ** 32), 0x01000193);
  h = Math.imul(h ^ b, 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/** A content id: the first 16 bytes of SHA-256(seed:key). */
export function contentId(seed: number, key: string): Buffer {
  return createHash('sha256').update(`${seed}:${key}`).digest().subarray(0, 16);
}

let patterns: Buffer[] | undefined;

/** Eight 1 MiB filler patterns shared by every disk: half pseudo-random, half log-like text (compressible). */
function fillPatterns(): Buffer[] {
  if (patterns) return patterns;
  const out: Buffer[] = [];
  let x = 0x9e3779b9;
  for (let p = 0; p < PATTERN_COUNT; p++) {
    const buf = Buffer.allocUnsafe(BLOCK_SIZE);
    if (p % 2 === 0) {
      const words = new Uint32Array(buf.buffer, buf.byteOffset, BLOCK_SIZE / 4);
      for (let i = 0; i < words.length; i++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        words[i] = x >>> 0;
      }
    } else {
      let off = 0;
      let line = 0;
      while (off < BLOCK_SIZE) {
        const text = `Jun  2 09:${String(line % 60).padStart(2, '0')}:${String((line * 7) % 60).padStart(2, '0')} vm kernel: [${(line * 0.0137).toFixed(6)}] block ${p} line ${line} ok\n`;
        off += buf.write(text, off, 'latin1');
        line++;
      }
    }
    out.push(buf);
  }
  patterns = out;
  return out;
}

/** Whether any block of 16 MiB region `region` of a disk holds data. */
export function isDenseRegion(id: Buffer, density: number, region: number): boolean {
  return region === 0 || mix(id, region, 0x5eed) / 2 ** 32 < density;
}

/** Whether block `index` of a disk with content id `id` and `density` holds data (false: all zero). */
export function isDenseBlock(id: Buffer, density: number, index: number): boolean {
  if (index === 0) return true; // the boot sector is never empty
  if (!isDenseRegion(id, density, Math.floor(index / REGION_BLOCKS))) return false;
  return (mix(id, index, 0xb10c) & 7) !== 0;
}

/** Writes the bytes of dense block `index` into `out` (length ≤ BLOCK_SIZE; the last block may be short). */
export function fillDenseBlock(id: Buffer, index: number, out: Buffer): void {
  const pattern = fillPatterns()[mix(id, index, 0xfa7) % PATTERN_COUNT]!;
  pattern.copy(out, 0, 0, out.length);
  if (out.length >= HEADER_BYTES) {
    MAGIC.copy(out, 0);
    id.copy(out, 8);
    out.writeDoubleBE(index, 24);
  }
  for (let off = STAMP_STRIDE; off + 8 <= out.length; off += STAMP_STRIDE) {
    out.writeUInt32BE(mix(id, index, off), off);
    out.writeUInt32BE(index >>> 0, off + 4);
  }
}

/** Bytes a block needs to carry the recognisable header. */
export const SYNTHETIC_HEADER_BYTES = HEADER_BYTES;

/** If `block` looks like a synthetic block, its claimed content id and index (to be verified by regenerating). */
export function claimedSyntheticBlock(block: Buffer): { id: Buffer; index: number } | undefined {
  if (block.length < HEADER_BYTES || !block.subarray(0, 8).equals(MAGIC)) return undefined;
  const index = block.readDoubleBE(24);
  if (!Number.isSafeInteger(index) || index < 0) return undefined;
  return { id: Buffer.from(block.subarray(8, 24)), index };
}

const ZERO_BLOCK = Buffer.alloc(BLOCK_SIZE);

/** True when every byte of `buf` is zero (native compare against a zero block). */
export function isAllZero(buf: Uint8Array): boolean {
  for (let off = 0; off < buf.length; off += BLOCK_SIZE) {
    const part = buf.subarray(off, Math.min(buf.length, off + BLOCK_SIZE));
    if (Buffer.compare(part, ZERO_BLOCK.subarray(0, part.length)) !== 0) return false;
  }
  return true;
}
