import { inflateSync } from 'node:zlib';
import { TruncatedError, type ByteReader } from './byte-reader.js';
import { DiskImageError, isAllZero, type DiskExtent, type DiskImage } from './disk-image.js';

const sector = 512;
const magic = 0x564d444b; // "KDMV" read little-endian
const gdAtEnd = 0xffffffffffffffffn;
const flagCompressed = 1 << 16;
const flagMarkers = 1 << 17;
const markerEndOfStream = 0;

/** Largest grain table set held (a fully allocated 2 TiB disk of 64 KiB grains needs 128 MiB). */
const maxGrains = 64 * 1024 * 1024;
/** Largest descriptor read. */
const maxDescriptorBytes = 1024 * 1024;

/** The fields of a sparse extent header Xenith uses (all sizes in sectors). */
interface SparseHeader {
  flags: number;
  capacity: number;
  grainSize: number;
  descriptorOffset: number;
  descriptorSize: number;
  entriesPerTable: number;
  gdOffset: bigint;
  overHead: number;
  compression: number;
}

/** Whether the first bytes are a VMDK sparse extent ("KDMV"). */
export function isVmdk(head: Uint8Array): boolean {
  return head.length >= 4 && Buffer.from(head.buffer, head.byteOffset, 4).readUInt32LE(0) === magic;
}

function safe(value: bigint, what: string): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new DiskImageError(`The VMDK's ${what} is out of range.`);
  return Number(value);
}

function parseHeader(block: Buffer): SparseHeader {
  if (block.readUInt32LE(0) !== magic) throw new DiskImageError('This is not a sparse VMDK (no "KDMV" signature).');
  const version = block.readUInt32LE(4);
  if (version < 1 || version > 3) throw new DiskImageError(`VMDK version ${version} is not one Xenith reads.`);
  const header: SparseHeader = {
    flags: block.readUInt32LE(8),
    capacity: safe(block.readBigUInt64LE(12), 'capacity'),
    grainSize: safe(block.readBigUInt64LE(20), 'grain size'),
    descriptorOffset: safe(block.readBigUInt64LE(28), 'descriptor offset'),
    descriptorSize: safe(block.readBigUInt64LE(36), 'descriptor size'),
    entriesPerTable: block.readUInt32LE(44),
    gdOffset: block.readBigUInt64LE(56),
    overHead: safe(block.readBigUInt64LE(64), 'overhead'),
    compression: block.readUInt16LE(77),
  };
  if (header.grainSize === 0 || header.grainSize > 2048 || (header.grainSize & (header.grainSize - 1)) !== 0) throw new DiskImageError(`The VMDK grain size of ${header.grainSize} sectors is not valid.`);
  if (header.entriesPerTable === 0 || header.entriesPerTable > 65536) throw new DiskImageError(`The VMDK grain tables of ${header.entriesPerTable} entries are not valid.`);
  return header;
}

/** The createType its embedded descriptor names ("monolithicSparse", "streamOptimized"…), or null without one. */
async function readDescriptor(reader: ByteReader, header: SparseHeader): Promise<string | null> {
  if (header.descriptorOffset === 0 || header.descriptorSize === 0) return null;
  const at = header.descriptorOffset * sector;
  const bytes = header.descriptorSize * sector;
  if (at < reader.position || bytes > maxDescriptorBytes) throw new DiskImageError('The VMDK descriptor is out of place.');
  await reader.skip(at - reader.position, 'the VMDK descriptor');
  const text = (await reader.readExact(bytes, 'the VMDK descriptor')).toString('latin1').replace(/\0.*$/s, '');
  return /^\s*createType\s*=\s*"?([A-Za-z]+)"?/m.exec(text)?.[1] ?? null;
}

/**
 * monolithicSparse: the grain directory and its grain tables come first (within the header's overhead), then the
 * grains, uncompressed. The tables say where each grain lives in the file; grains are read in file order. The
 * tables are read here, with the data, so opening the image needs only its header.
 */
/**
 * Reads the grain directory and its grain tables (a monolithicSparse VMDK's, or a streamOptimized one's when the
 * tool put them first, as qemu-img does): where each grain lives in the file, in sectors (0 unallocated, 1 a grain
 * known to be zeros).
 */
async function readGrainTables(reader: ByteReader, header: SparseHeader): Promise<Uint32Array> {
  const grainCount = Math.ceil(header.capacity / header.grainSize);
  if (grainCount > maxGrains) throw new DiskImageError(`The VMDK has ${grainCount} grains, more than Xenith reads.`);
  const tableCount = Math.ceil(grainCount / header.entriesPerTable);
  const gdAt = safe(header.gdOffset, 'grain directory offset') * sector;
  if (gdAt < reader.position) throw new DiskImageError('The VMDK grain directory comes before the header ends.');
  await reader.skip(gdAt - reader.position, 'the VMDK grain directory');
  const directory = await reader.readExact(tableCount * 4, 'the VMDK grain directory');
  const tables = Array.from({ length: tableCount }, (_, index) => ({ index, at: directory.readUInt32LE(index * 4) * sector })).filter((table) => table.at > 0);
  tables.sort((a, b) => a.at - b.at);
  const grainAt = new Uint32Array(grainCount);
  for (const table of tables) {
    if (table.at < reader.position) throw new DiskImageError(`VMDK grain table ${table.index} overlaps the directory or another table.`);
    await reader.skip(table.at - reader.position, `VMDK grain table ${table.index}`);
    const entries = await reader.readExact(header.entriesPerTable * 4, `VMDK grain table ${table.index}`);
    const first = table.index * header.entriesPerTable;
    for (let entry = 0; entry < header.entriesPerTable && first + entry < grainCount; entry++) grainAt[first + entry] = entries.readUInt32LE(entry * 4);
  }
  return grainAt;
}

async function* sparseExtents(reader: ByteReader, header: SparseHeader, size: number): AsyncGenerator<DiskExtent> {
  const grainBytes = header.grainSize * sector;
  const grainAt = await readGrainTables(reader, header);
  const grainCount = grainAt.length;
  let allocated = 0;
  for (let grain = 0; grain < grainCount; grain++) if (grainAt[grain]! > 1) allocated++;
  const order = new Uint32Array(allocated);
  let inFileOrder = true;
  for (let grain = 0, next = 0; grain < grainCount; grain++) {
    if (grainAt[grain]! <= 1) continue;
    if (next > 0 && grainAt[order[next - 1]!]! > grainAt[grain]!) inFileOrder = false;
    order[next++] = grain;
  }
  // Tools write grains in disk order, so this is rarely needed.
  if (!inFileOrder) order.sort((a, b) => grainAt[a]! - grainAt[b]!);
  for (const grain of order) {
    const at = grainAt[grain]! * sector;
    if (at < reader.position) throw new DiskImageError(`VMDK grain ${grain} overlaps another grain or a table.`);
    await reader.skip(at - reader.position, `VMDK grain ${grain}`);
    const offset = grain * grainBytes;
    const data = await reader.readExact(Math.min(grainBytes, size - offset), `VMDK grain ${grain}`);
    if (!isAllZero(data)) yield { offset, data };
  }
}

/**
 * streamOptimized: after the header, a run of markers, each at a sector boundary. A grain marker (LBA, compressed
 * size, then the deflated grain) carries its own place on the disk, so grains are inflated and passed on as they
 * come; metadata markers (grain tables, directory, footer) are skipped, and end-of-stream ends it.
 */
function streamExtents(reader: ByteReader, header: SparseHeader, size: number): () => AsyncGenerator<DiskExtent> {
  const grainBytes = header.grainSize * sector;
  return async function* () {
    // qemu-img writes the tables first and no end-of-stream marker: the tables then say how many grains come.
    let listed: number | null = null;
    if (header.gdOffset !== gdAtEnd) {
      const grainAt = await readGrainTables(reader, header);
      listed = 0;
      for (const at of grainAt) if (at > 1) listed++;
    }
    let seen = 0;
    const first = header.overHead * sector;
    if (first < reader.position) throw new DiskImageError('The VMDK data starts before its header ends.');
    await reader.skip(first - reader.position, 'the VMDK data');
    for (;;) {
      if (listed !== null && (await reader.atEnd())) {
        if (seen < listed) throw new TruncatedError(`the VMDK holds ${seen} of the ${listed} grains its tables list`);
        return;
      }
      const marker = await reader.readExact(12, 'a VMDK marker (the stream has no end-of-stream marker)');
      const value = marker.readBigUInt64LE(0);
      const compressed = marker.readUInt32LE(8);
      if (compressed === 0) {
        const rest = await reader.readExact(sector - 12, 'a VMDK marker');
        const type = rest.readUInt32LE(0);
        if (type === markerEndOfStream) return;
        // A grain table, the directory or the footer: its sectors follow the marker.
        await reader.skip(safe(value, 'metadata size') * sector, 'VMDK metadata');
        continue;
      }
      const offset = safe(value, 'grain address') * sector;
      if (offset >= size || offset % grainBytes !== 0) throw new DiskImageError(`A VMDK grain at sector ${value} lies outside the disk or off a grain boundary.`);
      if (compressed > grainBytes + grainBytes / 8 + 1024) throw new DiskImageError(`The VMDK grain at sector ${value} claims ${compressed} compressed bytes, more than a grain can take.`);
      const deflated = await reader.readExact(compressed, `the VMDK grain at sector ${value}`);
      seen++;
      const padding = (sector - ((12 + compressed) % sector)) % sector;
      await reader.skip(padding, `the VMDK grain at sector ${value}`);
      let data: Buffer;
      try {
        data = inflateSync(deflated, { maxOutputLength: grainBytes });
      } catch (error) {
        throw new DiskImageError(`The VMDK grain at sector ${value} does not inflate: ${(error as Error).message}.`);
      }
      const expected = Math.min(grainBytes, size - offset);
      if (data.length > expected) data = data.subarray(0, expected);
      if (!isAllZero(data)) yield { offset, data };
    }
  };
}

/**
 * Opens a VMDK sparse extent read from its first byte: monolithicSparse (tables first, grains uncompressed) or
 * streamOptimized (deflated grains behind markers, as OVAs carry them). Disks of any size: no 2 TiB cap.
 */
export async function openVmdk(reader: ByteReader): Promise<DiskImage> {
  const header = parseHeader(await reader.readExact(sector, 'the VMDK header'));
  const size = header.capacity * sector;
  const createType = await readDescriptor(reader, header);
  const streamed = (header.flags & flagCompressed) !== 0 && (header.flags & flagMarkers) !== 0;
  if (streamed || header.gdOffset === gdAtEnd) {
    if (!streamed || header.compression !== 1) throw new DiskImageError('This VMDK keeps its tables at its end, or compresses its grains, but is not a deflate-compressed streamOptimized VMDK.');
    return { format: 'vmdk', variant: 'streamOptimized VMDK', virtualSize: size, extents: streamExtents(reader, header, size) };
  }
  if ((header.flags & flagCompressed) !== 0) throw new DiskImageError('Compressed VMDKs without markers are not read; convert it to streamOptimized or monolithicSparse.');
  // The tables are read with the data: opening reads only the header (its size is known from there).
  return { format: 'vmdk', variant: `${createType ?? 'monolithicSparse'} VMDK`, virtualSize: size, extents: () => sparseExtents(reader, header, size) };
}
