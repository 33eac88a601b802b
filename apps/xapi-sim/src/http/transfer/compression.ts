/**
 * Stream compression for transfers, all from Node's own zlib: gzip, and zstd (in zlib since Node 22.15; the
 * simulator runs on Node ≥ 22.19, like Xenith).
 */
import * as zlib from 'node:zlib';
import type { Transform } from 'node:stream';

export type Compression = 'none' | 'gzip' | 'zstd';

/** The `zstd` command's default level, which xapi's export uses. */
const ZSTD_LEVEL = 3;

/** `use_compression=true|gzip|zstd|false` (anything else means none, as xapi reads it). */
export function compressionOf(value: string | null): Compression {
  if (value === 'true' || value === 'gzip') return 'gzip';
  if (value === 'zstd') return 'zstd';
  return 'none';
}

/** A compressing transform, or undefined for none. */
export function compressor(c: Compression): Transform | undefined {
  if (c === 'gzip') return zlib.createGzip({ level: zlib.constants.Z_BEST_SPEED });
  if (c === 'zstd') return zlib.createZstdCompress({ params: { [zlib.constants.ZSTD_c_compressionLevel]: ZSTD_LEVEL } });
  return undefined;
}

/** Whether data starts with the zstd frame magic (28 B5 2F FD). */
function isZstd(head: Uint8Array): boolean {
  return head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd;
}

/** Detects gzip / zstd from the first bytes of an upload; returns a decompressor or undefined for plain data. */
export function decompressorFor(head: Buffer): Transform | undefined {
  if (head[0] === 0x1f && head[1] === 0x8b) return zlib.createGunzip();
  if (isZstd(head)) return zlib.createZstdDecompress();
  return undefined;
}
