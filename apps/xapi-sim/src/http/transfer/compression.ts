/**
 * Stream compression for transfers: gzip from zlib, zstd from zstd-streams.ts (native zlib where Node has it,
 * WebAssembly + pure JS otherwise), so every Node the project supports answers `use_compression=zstd`.
 */
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { createZstdCompress, createZstdDecompress, isZstd, zstdReady } from './zstd-streams.js';

export type Compression = 'none' | 'gzip' | 'zstd';

/** `use_compression=true|gzip|zstd|false` (anything else means none, as xapi reads it). */
export function compressionOf(value: string | null): Compression {
  if (value === 'true' || value === 'gzip') return 'gzip';
  if (value === 'zstd') return 'zstd';
  return 'none';
}

/** Resolves when `compressor(c)` can be called (zstd may load a WebAssembly module the first time). */
export function compressionReady(c: Compression): Promise<void> {
  return c === 'zstd' ? zstdReady() : Promise.resolve();
}

/** A compressing transform, or undefined for none; `await compressionReady(c)` first. */
export function compressor(c: Compression): Transform | undefined {
  if (c === 'gzip') return zlib.createGzip({ level: zlib.constants.Z_BEST_SPEED });
  if (c === 'zstd') return createZstdCompress();
  return undefined;
}

/** Detects gzip / zstd from the first bytes of an upload; returns a decompressor or undefined for plain data. */
export function decompressorFor(head: Buffer): Transform | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return zlib.createGunzip();
  if (isZstd(head)) return createZstdDecompress();
  return undefined;
}
