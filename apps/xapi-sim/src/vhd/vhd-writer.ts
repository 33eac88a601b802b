/**
 * Streams a VDI as a dynamic VHD (footer copy, dynamic header, BAT, allocated 2 MiB blocks each with a full sector
 * bitmap, footer), or as a differencing VHD against a base VDI: only the blocks whose content differs from the base
 * are allocated, and the header names the parent. Allocation is decided from block digests, so nothing is
 * generated twice and empty regions cost nothing.
 */
import type { Readable } from 'node:stream';
import { readableFromPieces } from '../disk/pieces-stream.js';
import type { DiskStore } from '../disk/disk-store.js';
import { BLOCK_SIZE } from '../disk/synthetic-content.js';
import { BAT_UNUSED, bitmapBytes, DISK_TYPE, SECTOR, VHD_BLOCK_SIZE, writeDynamicHeader, writeFooter } from './vhd-format.js';

const PER_VHD_BLOCK = VHD_BLOCK_SIZE / BLOCK_SIZE;

export interface VhdWriterOptions {
  store: DiskStore;
  vdi: string;
  /** The VDI's uuid: its bytes are the VHD's unique id, so a later differencing VHD can name it as parent. */
  uuid: string;
  /** Differencing against this VDI (its uuid names the parent). */
  base?: { vdi: string; uuid: string };
  checkAbort?: () => Error | undefined;
}

interface VhdLayout { size: number; entries: number; allocated: number[]; batBytes: number; tableOffset: number; bitmap: number }

/** Which 2 MiB blocks the VHD allocates (those holding data, or differing from the base), and the table sizes. */
function vhdLayout(o: VhdWriterOptions): VhdLayout {
  const { store, vdi, base } = o;
  const size = store.virtualSize(vdi);
  const entries = Math.ceil(size / VHD_BLOCK_SIZE);
  const allocated: number[] = [];
  const differs = (i: number): boolean => {
    if (i >= store.blockCount(vdi)) return false;
    if (!base) return !store.isZeroBlock(vdi, i);
    return store.blockDigest(vdi, i) !== (i < store.blockCount(base.vdi) ? store.blockDigest(base.vdi, i) : 0n);
  };
  const candidates = new Set<number>();
  for (const i of store.candidateBlocks(vdi)) candidates.add(Math.floor(i / PER_VHD_BLOCK));
  if (base) for (const i of store.candidateBlocks(base.vdi)) candidates.add(Math.floor(i / PER_VHD_BLOCK));
  for (const b of [...candidates].sort((x, y) => x - y)) {
    if (b >= entries) continue;
    if (Array.from({ length: PER_VHD_BLOCK }, (_, k) => b * PER_VHD_BLOCK + k).some(differs)) allocated.push(b);
  }
  return { size, entries, allocated, batBytes: Math.ceil((entries * 4) / SECTOR) * SECTOR, tableOffset: SECTOR + 1024, bitmap: bitmapBytes(VHD_BLOCK_SIZE) };
}

/** The byte length of the VHD `createVhdStream` makes of the VDI as it is now (uploads need it up front). */
export function vhdStreamLength(o: VhdWriterOptions): number {
  const l = vhdLayout(o);
  return l.tableOffset + l.batBytes + l.allocated.length * (l.bitmap + VHD_BLOCK_SIZE) + SECTOR;
}

function* vhdPieces(o: VhdWriterOptions): Generator<Buffer> {
  const { store, vdi, base } = o;
  const { size, entries, allocated, batBytes, tableOffset, bitmap } = vhdLayout(o);
  const bat = Buffer.alloc(batBytes, 0xff);
  let next = tableOffset + batBytes;
  for (const b of allocated) {
    bat.writeUInt32BE(next / SECTOR, b * 4);
    next += bitmap + VHD_BLOCK_SIZE;
  }
  for (let e = 0; e < entries; e++) if (bat.readUInt32BE(e * 4) === BAT_UNUSED) bat.writeUInt32BE(BAT_UNUSED, e * 4);
  const footer = writeFooter({ size, diskType: base ? DISK_TYPE.differencing : DISK_TYPE.dynamic, dataOffset: SECTOR, uniqueId: Buffer.from(o.uuid.replace(/-/g, ''), 'hex') });
  yield footer;
  yield writeDynamicHeader({ tableOffset, entries, ...(base ? { parent: { uniqueId: Buffer.from(base.uuid.replace(/-/g, ''), 'hex'), timestamp: 0, name: `${base.uuid}.vhd` } } : {}) });
  yield bat;
  const fullBitmap = Buffer.alloc(bitmap);
  fullBitmap.fill(0xff, 0, VHD_BLOCK_SIZE / SECTOR / 8);
  for (const b of allocated) {
    const aborted = o.checkAbort?.();
    if (aborted) throw aborted;
    yield fullBitmap;
    for (let k = 0; k < PER_VHD_BLOCK; k++) {
      const i = b * PER_VHD_BLOCK + k;
      const data = i < store.blockCount(vdi) ? store.readBlock(vdi, i) : undefined;
      if (data && data.length === BLOCK_SIZE) yield data;
      else {
        const padded = Buffer.alloc(BLOCK_SIZE);
        data?.copy(padded);
        yield padded;
      }
    }
  }
  yield footer;
}

/** A Readable producing the VHD bytes. */
export function createVhdStream(o: VhdWriterOptions): Readable {
  return readableFromPieces(vhdPieces(o));
}
