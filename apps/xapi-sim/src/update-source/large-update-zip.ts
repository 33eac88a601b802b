/**
 * A XenServer update zip too big to keep in memory (a 1 GiB `.iso`, for benchmarks): the package's payload is one
 * simulator-made 1 MiB block repeated, aligned on the disk's blocks (the metadata's `payload_offset`), so the VDI it
 * is uploaded to keeps references instead of bytes and `pool_update.introduce` can still read it all back; the zip
 * is generated as it is sent. The entry is deflated piece by piece, each
 * piece ending with a full flush (byte-aligned, no back-references across pieces), so the compressed block is made
 * once and repeated — the concatenation is a valid deflate stream, as pigz's is. Sizes, CRC-32 and the package's
 * signature are computed once at publish time; the bytes are the same on every download.
 */
import { Readable } from 'node:stream';
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { BLOCK_SIZE, contentId, fillDenseBlock } from '../disk/synthetic-content.js';
import { createUpdateSigner, UPDATE_MAGIC, type UpdateMeta } from '../updates/update-package.js';
import { zipCentralHeader, zipEnd, zipLocalHeader, type ZipEntryInfo } from './zip.js';

/** Zip without zip64 records: sizes must fit 32 bits. */
export const MAX_LARGE_PAYLOAD = 3 * 1024 ** 3;

export interface LargeUpdateZip {
  /** Bytes of the whole zip. */
  size: number;
  /** Bytes of the package inside (the `.iso`). */
  packageSize: number;
  /** A new stream of the zip's bytes. */
  open(): Readable;
}

const fullFlush = (data: Buffer): Buffer => deflateRawSync(data, { level: 1, finishFlush: constants.Z_FULL_FLUSH });

/** Builds the streamed zip for `meta` with a payload of `payloadBytes` (rounded up to whole MiB). */
export function largeUpdateZip(meta: UpdateMeta, payloadBytes: number): LargeUpdateZip {
  const blocks = Math.max(1, Math.ceil(payloadBytes / BLOCK_SIZE));
  if (blocks * BLOCK_SIZE > MAX_LARGE_PAYLOAD) throw new Error(`payload larger than ${MAX_LARGE_PAYLOAD} bytes`);
  const block = Buffer.alloc(BLOCK_SIZE);
  // One fixed block for every large update: its pattern does not compress (as an ISO of packed RPMs barely does),
  // so the zip is as big as the package and the same size on every run.
  fillDenseBlock(contentId(0, 'update payload'), 0, block);
  const line = Buffer.from(`${UPDATE_MAGIC}\n${JSON.stringify({ ...meta, payload_size: blocks * BLOCK_SIZE, payload_offset: BLOCK_SIZE })}\n`);
  // The metadata padded to a whole block: the payload's blocks land on the VDI's.
  const head = Buffer.concat([line, Buffer.alloc(BLOCK_SIZE - line.length)]);
  const hmac = createUpdateSigner().update(head);
  let crc = crc32(head);
  for (let i = 0; i < blocks; i++) {
    hmac.update(block);
    crc = crc32(block, crc);
  }
  const tail = Buffer.from(`\nSIG ${hmac.digest('hex')}\n`);
  crc = crc32(tail, crc);
  const pieces = { head: fullFlush(head), block: fullFlush(block), tail: fullFlush(tail), end: deflateRawSync(Buffer.alloc(0)) };
  const packageSize = head.length + blocks * BLOCK_SIZE + tail.length;
  const info: ZipEntryInfo = {
    name: Buffer.from(`${meta.name_label}.iso`, 'utf8'), crc, method: 8, size: packageSize,
    compressedSize: pieces.head.length + blocks * pieces.block.length + pieces.tail.length + pieces.end.length,
  };
  const local = zipLocalHeader(info);
  const central = zipCentralHeader(info, 0);
  const end = zipEnd(1, central.length, local.length + info.compressedSize);
  return {
    size: local.length + info.compressedSize + central.length + end.length,
    packageSize,
    open: () => Readable.from((function* () {
      yield local;
      yield pieces.head;
      for (let i = 0; i < blocks; i++) yield pieces.block;
      yield pieces.tail;
      yield pieces.end;
      yield central;
      yield end;
    })(), { objectMode: false }),
  };
}
