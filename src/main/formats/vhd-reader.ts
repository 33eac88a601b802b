import type { ByteReader } from './byte-reader.js';
import { DiskImageError, isAllZero, type DiskExtent, type DiskImage } from './disk-image.js';

const sector = 512;
const unallocated = 0xffffffff;

/** Largest block allocation table read (a 2 TiB disk of 2 MiB blocks has 1 Mi entries: 4 MiB). */
const maxBatEntries = 64 * 1024 * 1024;

/** The fields of a VHD footer Xenith uses. */
interface VhdFooter {
  /** 2 fixed, 3 dynamic, 4 differencing. */
  diskType: number;
  currentSize: number;
  dataOffset: number;
}

function checksumOk(block: Buffer, at: number): boolean {
  let sum = 0;
  for (let index = 0; index < block.length; index++) if (index < at || index >= at + 4) sum += block[index]!;
  return (~sum >>> 0) === block.readUInt32BE(at);
}

/** Whether 512 bytes are a VHD footer (its cookie). */
export function isVhdFooter(block: Uint8Array): boolean {
  return block.length >= 8 && Buffer.from(block.buffer, block.byteOffset, 8).toString('latin1') === 'conectix';
}

function parseFooter(block: Buffer, where: string): VhdFooter {
  if (!isVhdFooter(block)) throw new DiskImageError(`The VHD has no footer at its ${where} (no "conectix" cookie).`);
  if (!checksumOk(block, 64)) throw new DiskImageError(`The VHD footer at its ${where} fails its checksum.`);
  const dataOffset = block.readBigUInt64BE(16);
  return { diskType: block.readUInt32BE(60), currentSize: Number(block.readBigUInt64BE(48)), dataOffset: dataOffset === 0xffffffffffffffffn ? -1 : Number(dataOffset) };
}

/** A dynamic VHD: footer copy, header, block allocation table, then the blocks, each a sector bitmap and its data. */
async function openDynamic(reader: ByteReader, footer: VhdFooter): Promise<DiskImage> {
  if (footer.dataOffset < reader.position) throw new DiskImageError('The VHD header offset points back into the footer.');
  await reader.skip(footer.dataOffset - reader.position, 'the VHD header');
  const header = await reader.readExact(1024, 'the VHD header');
  if (header.toString('latin1', 0, 8) !== 'cxsparse') throw new DiskImageError('The VHD header has no "cxsparse" cookie.');
  if (!checksumOk(header, 36)) throw new DiskImageError('The VHD header fails its checksum.');
  const tableOffset = Number(header.readBigUInt64BE(16));
  const entries = header.readUInt32BE(28);
  const blockSize = header.readUInt32BE(32);
  if (blockSize === 0 || blockSize % sector !== 0) throw new DiskImageError(`The VHD block size ${blockSize} is not a whole number of sectors.`);
  if (entries > maxBatEntries || entries * blockSize < footer.currentSize) throw new DiskImageError(`The VHD's ${entries} blocks of ${blockSize} bytes do not cover its ${footer.currentSize} bytes.`);
  const bitmapBytes = Math.ceil(blockSize / sector / 8 / sector) * sector;
  const size = footer.currentSize;
  return {
    format: 'vhd',
    variant: 'dynamic VHD',
    virtualSize: size,
    // The block table is read with the data: opening needs only the footer and header (a 2 TiB disk's table is 4 MiB).
    async *extents(): AsyncGenerator<DiskExtent> {
      if (tableOffset < reader.position) throw new DiskImageError('The VHD block table comes before its header ends.');
      await reader.skip(tableOffset - reader.position, 'the VHD block table');
      const table = await reader.readExact(entries * 4, 'the VHD block table');
      const blocks: { index: number; at: number }[] = [];
      for (let index = 0; index < entries; index++) {
        const at = table.readUInt32BE(index * 4);
        if (at !== unallocated) blocks.push({ index, at: at * sector });
      }
      // Blocks are read in file order (a stream cannot go back); they may be written in any order of the disk.
      blocks.sort((a, b) => a.at - b.at);
      for (const block of blocks) {
        if (block.at < reader.position) throw new DiskImageError(`VHD block ${block.index} overlaps another block or the table.`);
        await reader.skip(block.at - reader.position, `VHD block ${block.index}`);
        const bitmap = await reader.readExact(bitmapBytes, `the bitmap of VHD block ${block.index}`);
        const start = block.index * blockSize;
        const data = await reader.readExact(blockSize, `VHD block ${block.index}`);
        yield* presentRuns(bitmap, data, start, size);
      }
    },
  };
}

/** The runs of sectors a block's bitmap marks present, cut at the disk's end; all-zero runs left out. */
function* presentRuns(bitmap: Buffer, data: Buffer, start: number, size: number): Generator<DiskExtent> {
  const sectors = data.length / sector;
  let run = -1;
  for (let index = 0; index <= sectors; index++) {
    const present = index < sectors && (bitmap[index >> 3]! & (0x80 >> (index & 7))) !== 0;
    if (present && run < 0) run = index;
    if (!present && run >= 0) {
      const offset = start + run * sector;
      const end = Math.min(start + index * sector, size);
      if (end > offset) {
        const piece = data.subarray(run * sector, run * sector + (end - offset));
        if (!isAllZero(piece)) yield { offset, data: piece };
      }
      run = -1;
    }
  }
}

/** A fixed VHD: the disk's bytes, then the footer; its size comes from the length, checked against the footer at the end. */
function openFixed(reader: ByteReader, length: number, rawExtents: (reader: ByteReader, size: number) => AsyncGenerator<DiskExtent>): DiskImage {
  const size = length - sector;
  return {
    format: 'vhd',
    variant: 'fixed VHD',
    virtualSize: size,
    async *extents() {
      yield* rawExtents(reader, size);
      const footer = parseFooter(await reader.readExact(sector, 'the VHD footer'), 'end');
      if (footer.diskType !== 2) throw new DiskImageError(`The VHD footer at its end says disk type ${footer.diskType}, not fixed.`);
      if (footer.currentSize !== size) throw new DiskImageError(`The fixed VHD holds ${size} bytes but its footer says ${footer.currentSize}.`);
    },
  };
}

/**
 * Opens a VHD read from its first byte: dynamic (a footer copy first) or fixed (the data first, the footer last,
 * so its length must be known). Differencing VHDs need their parent and are refused.
 */
export async function openVhd(reader: ByteReader, length: number | null, rawExtents: (reader: ByteReader, size: number) => AsyncGenerator<DiskExtent>): Promise<DiskImage> {
  const head = await reader.peek(sector);
  if (!isVhdFooter(head)) {
    if (length === null) throw new DiskImageError('A fixed VHD can only be read when its length is known.');
    if (length < sector || length % sector !== 0) throw new DiskImageError(`A fixed VHD is a whole number of sectors; this one is ${length} bytes.`);
    return openFixed(reader, length, rawExtents);
  }
  const footer = parseFooter(await reader.readExact(sector, 'the VHD footer'), 'start');
  if (footer.diskType === 4) throw new DiskImageError('This is a differencing VHD: it holds only changes to a parent disk. Import the parent, or a merged copy.');
  if (footer.diskType !== 3) throw new DiskImageError(`VHD disk type ${footer.diskType} is not one Xenith reads (fixed or dynamic).`);
  return openDynamic(reader, footer);
}
