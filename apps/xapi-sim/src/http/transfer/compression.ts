/**
 * Stream compression for transfers. gzip comes from zlib; zstd only where Node's zlib has it (22.15+/23.8+):
 * on older Node a zstd request is refused with INVALID_VALUE ["use_compression", "zstd"].
 */
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';
import { XapiError } from '../../model/xapi-error.js';

type ZstdZlib = { createZstdCompress?: () => Transform; createZstdDecompress?: () => Transform };
const zstd = zlib as unknown as ZstdZlib;

export const ZSTD_AVAILABLE = typeof zstd.createZstdCompress === 'function';
export type Compression = 'none' | 'gzip' | 'zstd';

/** `use_compression=true|gzip|zstd|false` (anything else means none, as xapi reads it). */
export function compressionOf(value: string | null): Compression {
  if (value === 'true' || value === 'gzip') return 'gzip';
  if (value === 'zstd') return 'zstd';
  return 'none';
}

/** A compressing transform, or undefined for none; throws INVALID_VALUE for zstd where unavailable. */
export function compressor(c: Compression): Transform | undefined {
  if (c === 'gzip') return zlib.createGzip({ level: zlib.constants.Z_BEST_SPEED });
  if (c === 'zstd') {
    if (!zstd.createZstdCompress) throw new XapiError('INVALID_VALUE', ['use_compression', 'zstd']);
    return zstd.createZstdCompress();
  }
  return undefined;
}

/** Detects gzip / zstd from the first bytes of an upload; returns a decompressor or undefined for plain data. */
export function decompressorFor(head: Buffer): Transform | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return zlib.createGunzip();
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) {
    if (!zstd.createZstdDecompress) throw new XapiError('IMPORT_ERROR', [`zstd-compressed upload, but this simulator's Node ${process.version} has no zstd`]);
    return zstd.createZstdDecompress();
  }
  return undefined;
}
