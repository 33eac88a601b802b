import { PassThrough, Readable, type Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as zlib from 'node:zlib';

/** How an XVA is compressed: XAPI's `use_compression` values, detected on import from the first bytes. */
export type Compression = 'none' | 'gzip' | 'zstd';

/** What the first bytes of a file say about its compression (gzip 1F 8B, zstd 28 B5 2F FD). */
export function sniffCompression(head: Uint8Array): Compression {
  if (head[0] === 0x1f && head[1] === 0x8b) return 'gzip';
  if (head[0] === 0x28 && head[1] === 0xb5 && head[2] === 0x2f && head[3] === 0xfd) return 'zstd';
  return 'none';
}

/** A decompressing transform for `compression` (from Node's own zlib: gzip, and zstd since Node 22.15). */
export function decompressor(compression: Exclude<Compression, 'none'>): Transform {
  return compression === 'gzip' ? zlib.createGunzip() : zlib.createZstdDecompress();
}

/** A decompression failure: the file is damaged (or not what its first bytes claim). */
export class DecompressionError extends Error {
  constructor(compression: Compression, cause: unknown) {
    super(`The ${compression} data is damaged: ${(cause as Error).message ?? String(cause)}`);
    this.name = 'DecompressionError';
  }
}

/**
 * The decompressed bytes of `source` as they come, with backpressure end to end (the source is read only as
 * fast as the decompressed side is). Plain data goes through untouched. Damaged compressed data fails with a
 * DecompressionError; a failure of the source itself comes through as it is.
 */
export function decompressed(source: AsyncIterable<Uint8Array>, compression: Compression): AsyncIterable<Buffer> {
  if (compression === 'none') return source as AsyncIterable<Buffer>;
  const transform = decompressor(compression);
  let damage: unknown = null;
  transform.once('error', (error) => (damage = error));
  // A small buffer on the way out: memory stays flat whatever the ratio of the compression.
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  const flowing = pipeline(Readable.from(source, { objectMode: false }), transform, out);
  flowing.catch(() => {});
  return (async function* () {
    try {
      for await (const piece of out) yield piece as Buffer;
      await flowing;
    } catch (error) {
      throw damage ? new DecompressionError(compression, damage) : error;
    } finally {
      out.destroy();
    }
  })();
}

/** Whether an error is zlib's about the data it was given (damaged or not what its first bytes claim). */
export function isDecompressionFailure(error: unknown): boolean {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  return error instanceof DecompressionError || code.startsWith('Z_') || code.startsWith('ZSTD_') || code === 'ERR_ZLIB_INITIALIZATION_FAILED';
}

/**
 * Where a compressed stream's bytes go to be read decompressed by `sink`: a decompressor piped into it (or the sink
 * itself for plain data), with backpressure. Its failure reaches both ends.
 */
export function decompressingInto(sink: Writable, compression: Compression): Writable {
  if (compression === 'none') return sink;
  const transform = decompressor(compression);
  transform.pipe(sink);
  transform.once('error', (error) => sink.destroy(error));
  sink.once('error', (error) => transform.destroy(error));
  return transform;
}
