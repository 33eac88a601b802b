/**
 * VHD structures per Microsoft's public "Virtual Hard Disk Image Format Specification": the 512-byte footer, the
 * 1024-byte dynamic disk header, the block allocation table (BAT) and per-block sector bitmaps. Big-endian.
 */
import { randomBytes } from 'node:crypto';

export const SECTOR = 512;
export const VHD_BLOCK_SIZE = 2 * 1024 * 1024;
export const BAT_UNUSED = 0xffffffff;
export const DISK_TYPE = { fixed: 2, dynamic: 3, differencing: 4 } as const;
/** Seconds between the Unix epoch and the VHD epoch (2000-01-01T00:00:00Z). */
const VHD_EPOCH = 946_684_800;

export class VhdFormatError extends Error {}

/** One's complement of the byte sum, skipping the 4-byte checksum field at `skip`. */
export function vhdChecksum(buf: Buffer, skip: number): number {
  let sum = 0;
  for (let i = 0; i < buf.length; i++) if (i < skip || i >= skip + 4) sum += buf[i]!;
  return ~sum >>> 0;
}

/** CHS geometry from the spec's appendix algorithm. */
export function chsGeometry(size: number): { cylinders: number; heads: number; sectors: number } {
  let total = Math.floor(size / SECTOR);
  if (total > 65535 * 16 * 255) total = 65535 * 16 * 255;
  let spt: number;
  let heads: number;
  let cth: number;
  if (total >= 65535 * 16 * 63) {
    spt = 255;
    heads = 16;
    cth = Math.floor(total / spt);
  } else {
    spt = 17;
    cth = Math.floor(total / spt);
    heads = Math.max(4, Math.floor((cth + 1023) / 1024));
    if (cth >= heads * 1024 || heads > 16) {
      spt = 31;
      heads = 16;
      cth = Math.floor(total / spt);
    }
    if (cth >= heads * 1024) {
      spt = 63;
      heads = 16;
      cth = Math.floor(total / spt);
    }
  }
  return { cylinders: Math.floor(cth / heads), heads, sectors: spt };
}

export interface Footer { dataOffset: number; currentSize: number; diskType: number; uniqueId: Buffer; timestamp: number }

export function writeFooter(o: { size: number; diskType: number; dataOffset: number; uniqueId?: Buffer; timestamp?: number }): Buffer {
  const f = Buffer.alloc(SECTOR);
  f.write('conectix', 0, 'latin1');
  f.writeUInt32BE(2, 8);
  f.writeUInt32BE(0x00010000, 12);
  f.writeBigUInt64BE(BigInt(o.dataOffset === -1 ? '0xffffffffffffffff' : o.dataOffset), 16);
  f.writeUInt32BE(o.timestamp ?? Math.max(0, Math.floor(Date.now() / 1000) - VHD_EPOCH), 24);
  f.write('tap\0', 28, 'latin1'); // XenServer's blktap: readers use current_size, not CHS (qemu's vpc.c table)
  f.writeUInt32BE(0x00010003, 32);
  f.write('Wi2k', 36, 'latin1');
  f.writeBigUInt64BE(BigInt(o.size), 40);
  f.writeBigUInt64BE(BigInt(o.size), 48);
  const g = chsGeometry(o.size);
  f.writeUInt16BE(g.cylinders, 56);
  f.writeUInt8(g.heads, 58);
  f.writeUInt8(g.sectors, 59);
  f.writeUInt32BE(o.diskType, 60);
  (o.uniqueId ?? randomBytes(16)).copy(f, 68);
  f.writeUInt32BE(vhdChecksum(f, 64), 64);
  return f;
}

export function readFooter(f: Buffer): Footer {
  if (f.length < SECTOR || f.toString('latin1', 0, 8) !== 'conectix') throw new VhdFormatError('not a VHD footer (no "conectix" cookie)');
  if (f.readUInt32BE(64) !== vhdChecksum(f.subarray(0, SECTOR), 64)) throw new VhdFormatError('VHD footer checksum mismatch');
  const dataOffset = f.readBigUInt64BE(16);
  return {
    dataOffset: dataOffset === 0xffffffffffffffffn ? -1 : Number(dataOffset),
    currentSize: Number(f.readBigUInt64BE(48)),
    diskType: f.readUInt32BE(60),
    uniqueId: Buffer.from(f.subarray(68, 84)),
    timestamp: f.readUInt32BE(24),
  };
}

export interface DynamicHeader { tableOffset: number; maxTableEntries: number; blockSize: number; parentUniqueId: Buffer }

export function writeDynamicHeader(o: { tableOffset: number; entries: number; parent?: { uniqueId: Buffer; timestamp: number; name: string } }): Buffer {
  const h = Buffer.alloc(1024);
  h.write('cxsparse', 0, 'latin1');
  h.writeBigUInt64BE(0xffffffffffffffffn, 8);
  h.writeBigUInt64BE(BigInt(o.tableOffset), 16);
  h.writeUInt32BE(0x00010000, 24);
  h.writeUInt32BE(o.entries, 28);
  h.writeUInt32BE(VHD_BLOCK_SIZE, 32);
  if (o.parent) {
    o.parent.uniqueId.copy(h, 40);
    h.writeUInt32BE(o.parent.timestamp, 56);
    const name = Buffer.from(o.parent.name, 'utf16le').swap16();
    name.copy(h, 64, 0, Math.min(512, name.length));
  }
  h.writeUInt32BE(vhdChecksum(h, 36), 36);
  return h;
}

export function readDynamicHeader(h: Buffer): DynamicHeader {
  if (h.toString('latin1', 0, 8) !== 'cxsparse') throw new VhdFormatError('not a VHD dynamic header (no "cxsparse" cookie)');
  if (h.readUInt32BE(36) !== vhdChecksum(h.subarray(0, 1024), 36)) throw new VhdFormatError('VHD dynamic header checksum mismatch');
  const blockSize = h.readUInt32BE(32);
  if (blockSize === 0 || blockSize % SECTOR !== 0) throw new VhdFormatError(`bad VHD block size ${blockSize}`);
  return { tableOffset: Number(h.readBigUInt64BE(16)), maxTableEntries: h.readUInt32BE(28), blockSize, parentUniqueId: Buffer.from(h.subarray(40, 56)) };
}

/** Bytes of a block's sector bitmap, padded to whole sectors. */
export const bitmapBytes = (blockSize: number): number => Math.ceil(blockSize / SECTOR / 8 / SECTOR) * SECTOR;
