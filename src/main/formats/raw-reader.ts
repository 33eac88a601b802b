import type { ByteReader } from './byte-reader.js';
import { DiskImageError, isAllZero, type DiskExtent, type DiskImage } from './disk-image.js';

/** Raw data goes in stretches of this size; all-zero ones are left out, so a sparse disk sends little. */
const stretchBytes = 1024 * 1024;

/**
 * The data stretches of `size` raw bytes read from `reader`: each 1 MiB that is not all zeros. A stream that ends
 * early is truncated.
 */
export async function* rawExtents(reader: ByteReader, size: number): AsyncGenerator<DiskExtent> {
  for (let offset = 0; offset < size; offset += stretchBytes) {
    const data = await reader.readExact(Math.min(stretchBytes, size - offset), `the disk data at ${offset}`);
    if (!isAllZero(data)) yield { offset, data };
  }
}

/** A raw disk image: its bytes, as long as its file. */
export function openRaw(reader: ByteReader, length: number | null): DiskImage {
  if (length === null) throw new DiskImageError('A raw disk image can only be read when its length is known.');
  return { format: 'raw', variant: 'raw image', virtualSize: length, extents: () => rawExtents(reader, length) };
}
