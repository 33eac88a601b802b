/** A stretch of a virtual disk that holds data: where it starts, and its bytes. */
export interface DiskExtent {
  /** Byte offset in the virtual disk. */
  offset: number;
  data: Buffer;
}

/** The disk image formats Xenith reads. */
export type DiskImageFormat = 'vhd' | 'vmdk' | 'raw';

/**
 * A disk image being read as it streams: its format and virtual size (known from its first bytes, before any
 * data), then the stretches that hold data. What no extent covers reads as zeros.
 */
export interface DiskImage {
  readonly format: DiskImageFormat;
  /** What the image is: "streamOptimized VMDK", "dynamic VHD"… (for the job's log and errors). */
  readonly variant: string;
  readonly virtualSize: number;
  /** The extents, each read as it arrives; an image that turns out damaged fails here. */
  extents(): AsyncGenerator<DiskExtent>;
}

/** An image Xenith cannot read: a bad signature or checksum, an unsupported variant, a table out of range. */
export class DiskImageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DiskImageError';
  }
}

/** Whether a buffer holds only zeros (such stretches are left out: the new disk reads zeros there already). */
export function isAllZero(data: Uint8Array): boolean {
  // Compare 4 bytes at a time where the buffer is aligned; the tail byte by byte.
  const words = data.byteOffset % 4 === 0 ? data.length >>> 2 : 0;
  if (words > 0) {
    const view = new Uint32Array(data.buffer, data.byteOffset, words);
    for (let index = 0; index < view.length; index++) if (view[index] !== 0) return false;
  }
  for (let index = words * 4; index < data.length; index++) if (data[index] !== 0) return false;
  return true;
}
