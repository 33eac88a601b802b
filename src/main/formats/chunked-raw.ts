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

/** Adjacent extents are sent together up to this size (and never across such a boundary): few, aligned writes. */
export const frameTargetBytes = 1024 * 1024;

/**
 * Joins extents that follow one another (a VMDK's 64 KiB grains, a VHD's sector runs) into stretches of up to
 * 1 MiB that do not cross a 1 MiB boundary, so the pool writes whole blocks rather than many small pieces of them.
 */
async function* coalesced(extents: AsyncIterable<DiskExtent>): AsyncGenerator<DiskExtent> {
  let start = 0;
  let pieces: Buffer[] = [];
  let length = 0;
  const flush = (): DiskExtent | null => {
    if (length === 0) return null;
    const extent = { offset: start, data: pieces.length === 1 ? pieces[0]! : Buffer.concat(pieces, length) };
    pieces = [];
    length = 0;
    return extent;
  };
  for await (const extent of extents) {
    let { offset, data } = extent;
    while (data.length > 0) {
      if (length > 0 && offset !== start + length) {
        const out = flush();
        if (out) yield out;
      }
      if (length === 0) start = offset;
      const room = frameTargetBytes - ((start + length) % frameTargetBytes);
      const take = data.subarray(0, room);
      pieces.push(take);
      length += take.length;
      offset += take.length;
      data = data.subarray(take.length);
      if ((start + length) % frameTargetBytes === 0) {
        const out = flush();
        if (out) yield out;
      }
    }
  }
  const out = flush();
  if (out) yield out;
}

/**
 * Frames disk extents as XAPI's `chunked` raw upload (`PUT /import_raw_vdi?format=raw&chunked=true`, vhd-tool's
 * Chunked: `{uint64 offset; uint32 len}` little-endian, then the data; a zero frame last). Only what holds data
 * travels, at any offset, in any order, so a sparse disk of any size goes in one pass with no 2 TiB cap (VHD's).
 */
export async function* frameChunks(extents: AsyncIterable<DiskExtent>): AsyncGenerator<Buffer> {
  for await (const extent of coalesced(extents)) {
    yield chunkHeader(extent.offset, extent.data.length);
    yield extent.data;
  }
  yield lastChunk;
}
