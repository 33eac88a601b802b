/**
 * Streams an XVA (xapi stream_vdi.ml): `ova.xml`, then for each disk in order its 1 MiB chunks `Ref:N/%08d`, each
 * followed by `Ref:N/%08d.xxhash` (XXH64, 16 uppercase hex digits). All-zero chunks are skipped except the first and
 * the last. A pull-driven Readable: chunks are generated only when the consumer asks, so memory stays flat.
 */
import type { Readable } from 'node:stream';
import { readableFromPieces } from '../disk/pieces-stream.js';
import type { DiskStore } from '../disk/disk-store.js';
import { BLOCK_SIZE } from '../disk/synthetic-content.js';
import { xxh64Hex } from '../disk/xxhash64.js';
import type { ExportedDisk } from './ova-export.js';
import { TAR_END, tarHeader, tarPadding } from './tar.js';

export interface XvaWriterOptions {
  ovaXml: string;
  disks: ExportedDisk[];
  store: DiskStore;
  /** Called with the fraction of disk bytes done, at most once per percent. */
  onProgress?: (fraction: number) => void;
  /** Checked between chunks; returning an error aborts the stream with it. */
  checkAbort?: () => Error | undefined;
}

/** Chunk file name: `Ref:N/00000042`. */
export const chunkName = (prefix: string, index: number): string => `${prefix}/${String(index).padStart(8, '0')}`;

function* member(name: string, data: Buffer, mtime: number): Generator<Buffer> {
  yield tarHeader(name, data.length, mtime);
  if (data.length > 0) yield data;
  const pad = tarPadding(data.length);
  if (pad.length > 0) yield pad;
}

/** Indexes of the chunks to write for one disk: the non-zero ones, plus the first and the last. */
function* chunksOf(store: DiskStore, vdi: string): Generator<number> {
  const count = store.blockCount(vdi);
  if (count === 0) return;
  yield 0;
  for (const i of store.candidateBlocks(vdi)) if (i > 0 && i < count - 1 && !store.isZeroBlock(vdi, i)) yield i;
  if (count > 1) yield count - 1;
}

function* xvaPieces(o: XvaWriterOptions): Generator<Buffer> {
  const mtime = Math.floor(Date.now() / 1000);
  yield* member('ova.xml', Buffer.from(o.ovaXml, 'utf8'), mtime);
  const total = o.disks.reduce((n, d) => n + o.store.virtualSize(d.vdiRef), 0);
  let lastPercent = -1;
  for (const disk of o.disks) {
    const before = o.disks.slice(0, o.disks.indexOf(disk)).reduce((n, d) => n + o.store.virtualSize(d.vdiRef), 0);
    for (const index of chunksOf(o.store, disk.vdiRef)) {
      const aborted = o.checkAbort?.();
      if (aborted) throw aborted;
      const data = o.store.readBlock(disk.vdiRef, index) ?? Buffer.alloc(o.store.blockLength(disk.vdiRef, index));
      const name = chunkName(disk.prefix, index);
      yield* member(name, data, mtime);
      yield* member(`${name}.xxhash`, Buffer.from(xxh64Hex(data), 'latin1'), mtime);
      const percent = total > 0 ? Math.floor(((before + (index + 1) * BLOCK_SIZE) / total) * 100) : 100;
      if (percent > lastPercent) {
        lastPercent = percent;
        o.onProgress?.(Math.min(1, percent / 100));
      }
    }
  }
  yield TAR_END;
}

/** A Readable producing the XVA bytes; errors (VDI_IO_ERROR, cancellation) destroy the stream. */
export function createXvaStream(o: XvaWriterOptions): Readable {
  return readableFromPieces(xvaPieces(o));
}
