import type { DiskExtent } from './disk-image.js';

/** Bytes of a frame header: the offset on the disk (uint64) and the length of the data (uint32), little-endian. */
export const chunkHeaderBytes = 12;

/** One frame header of XAPI's sparse raw upload. */
export function chunkHeader(offset: number, length: number): Buffer {
  const header = Buffer.alloc(chunkHeaderBytes);
  header.writeBigUInt64LE(BigInt(offset), 0);
  header.writeUInt32LE(length, 8);
  return header;
}

/** The frame that ends the upload: offset 0, length 0. */
export const lastChunk = chunkHeader(0, 0);

/**
 * Frames disk extents as XAPI's `chunked` raw upload (`PUT /import_raw_vdi?format=raw&chunked=true`, vhd-tool's
 * Chunked: `{uint64 offset; uint32 len}` little-endian, then the data; a zero frame last). Only what holds data
 * travels, at any offset, in any order, so a sparse disk of any size goes in one pass with no 2 TiB cap (VHD's).
 */
export async function* frameChunks(extents: AsyncIterable<DiskExtent>): AsyncGenerator<Buffer> {
  for await (const extent of extents) {
    if (extent.data.length === 0) continue;
    yield chunkHeader(extent.offset, extent.data.length);
    yield extent.data;
  }
  yield lastChunk;
}
