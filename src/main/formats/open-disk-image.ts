import type { ByteReader } from './byte-reader.js';
import type { DiskImage, DiskImageFormat } from './disk-image.js';
import { openRaw, rawExtents } from './raw-reader.js';
import { isVhdFooter, openVhd } from './vhd-reader.js';
import { isVmdk, openVmdk } from './vmdk-reader.js';

/**
 * Opens a disk image from its first bytes: a VMDK by its signature, a dynamic VHD by its footer copy; otherwise
 * what the name or the OVF says (`hint`): a fixed VHD (its footer is at the end), else raw. `length` is the image's
 * size in bytes when known (a file, a tar member, an upload that announced it).
 */
export async function openDiskImage(reader: ByteReader, length: number | null, hint: DiskImageFormat | null): Promise<DiskImage> {
  const head = await reader.peek(512);
  if (isVmdk(head)) return openVmdk(reader);
  if (isVhdFooter(head) || hint === 'vhd') return openVhd(reader, length, rawExtents);
  return openRaw(reader, length);
}

/** The format a file name suggests (`disk.vmdk`, `disk.vhd`, anything else raw). */
export function formatFromName(name: string): DiskImageFormat {
  const lower = name.toLowerCase();
  if (lower.endsWith('.vmdk')) return 'vmdk';
  if (lower.endsWith('.vhd')) return 'vhd';
  return 'raw';
}
