import { access, open } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import * as zlib from 'node:zlib';
import type { ImportDescription, FileSource } from '../../shared/api/methods/files.js';
import { ApiFailure } from '../api/failure.js';
import { ByteReader } from '../formats/byte-reader.js';
import type { Compression } from '../formats/compression.js';
import { detectImport } from '../formats/detect-import.js';
import { formatFromName, openDiskImage } from '../formats/open-disk-image.js';
import { parseOvf, type OvfVm } from '../formats/ovf-descriptor.js';
import { readTar } from '../formats/tar-reader.js';
import { isVhdFooter } from '../formats/vhd-reader.js';
import { isVmdk } from '../formats/vmdk-reader.js';
import { describeXva, type XvaDescription } from '../formats/xva-description.js';
import { diskNameOf } from '../actions/disk-import-file.js';
import type { FileServices } from './file-services.js';

/** How much of a local file is read to describe it (ova.xml and OVF descriptors sit at the start, and are small). */
const headBytes = 4 * 1024 * 1024;

/** The first bytes of a local file, and its size. */
async function readHead(path: string): Promise<{ head: Buffer; size: number }> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (error) {
    throw new ApiFailure('FILE_READ_FAILED', `Xenith cannot read ${basename(path)}: ${(error as Error).message}.`, { params: [basename(path)] });
  }
  try {
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(size, headBytes));
    await handle.read(head, 0, head.length, 0);
    return { head, size };
  } finally {
    await handle.close();
  }
}

/** Decompresses what it can of the first bytes of a compressed file (the rest is cut off: that is expected). */
function decompressHead(head: Buffer, compression: Exclude<Compression, 'none'>): Promise<Buffer> {
  return new Promise((resolve) => {
    const stream = compression === 'gzip' ? zlib.createGunzip() : zlib.createZstdDecompress();
    const out: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(out));
    stream.on('data', (piece: Buffer) => {
      out.push(piece);
      size += piece.length;
      if (size > 2 * headBytes) {
        stream.destroy();
        done();
      }
    });
    stream.on('end', done);
    stream.on('error', done);
    stream.end(head);
  });
}

/** The first tar member's bytes when the head holds all of it, else null. */
async function firstMember(head: Buffer): Promise<{ name: string; data: Buffer } | null> {
  try {
    const first = await readTar(new ByteReader((async function* () { yield head; })())).next();
    if (first.done) return null;
    return { name: first.value.name, data: await first.value.readAll(headBytes) };
  } catch {
    return null;
  }
}

function fromXva(xva: XvaDescription, compression: Compression): ImportDescription {
  return {
    format: 'xva', compression, name: xva.name, description: xva.description,
    vm: { vcpus: xva.vcpus, memoryBytes: xva.memoryBytes, firmware: xva.firmware },
    disks: xva.disks.map((disk) => ({ id: disk.userdevice, label: disk.name || `Disk ${disk.userdevice}`, capacityBytes: disk.virtualSize, format: 'xva' })),
    nics: xva.nics.map((nic) => ({ id: nic.device, networkName: nic.networkName, mac: nic.mac })),
    missingFiles: [],
  };
}

function fromOvf(ovf: OvfVm, format: 'ova' | 'ovf', missingFiles: string[]): ImportDescription {
  return {
    format, compression: 'none', name: ovf.name, description: ovf.description,
    vm: { vcpus: ovf.vcpus, memoryBytes: ovf.memoryBytes, firmware: ovf.firmware },
    disks: ovf.disks.map((disk) => ({ id: disk.diskId, label: disk.label, capacityBytes: disk.capacityBytes, format: disk.format ?? 'unknown' })),
    nics: ovf.nics.map((nic, index) => ({ id: String(index), networkName: nic.network, mac: nic.mac ?? '' })),
    missingFiles,
  };
}

/** What the file holds when its description did not fit in what was read: its name and format only. */
function unread(name: string, format: ImportDescription['format'], compression: Compression): ImportDescription {
  return { format, compression, name: name.replace(/\.(xva(\.gz|\.zst)?|ova|ovf)$/i, ''), description: '', vm: null, disks: [], nics: [], missingFiles: [] };
}

async function describeDisk(name: string, head: Buffer, size: number | null): Promise<ImportDescription> {
  const image = await openDiskImage(new ByteReader((async function* () { yield head; })()), size, formatFromName(name));
  return {
    format: 'disk', compression: 'none', name: diskNameOf(name), description: image.variant, vm: null,
    disks: [{ id: '0', label: diskNameOf(name), capacityBytes: image.virtualSize, format: image.format }], nics: [], missingFiles: [],
  };
}

/**
 * file.inspect: what a file to import holds, from its first bytes — an XVA's ova.xml (decompressed as far as the
 * bytes go), an OVA's descriptor, an OVF (and which of its disk files are missing beside it), or a disk image's
 * header — so the Import wizard can offer the right steps before anything is sent to a pool. A local file is read
 * through its Open handle (not used up); a browser sends its file's first bytes.
 */
export async function inspectImportFile(files: FileServices, source: FileSource, headBase64: string | undefined): Promise<ImportDescription> {
  let name: string;
  let head: Buffer;
  let size: number | null;
  let folder: string | null = null;
  if (source.kind === 'handle') {
    const chosen = files.handles.peek(source.handle, 'open');
    name = chosen.name;
    ({ head, size } = await readHead(chosen.path));
    folder = dirname(chosen.path);
  } else {
    name = source.name;
    size = source.size;
    head = Buffer.from(headBase64 ?? '', 'base64');
  }
  const sniff = head.subarray(0, 512);
  if (isVmdk(sniff) || isVhdFooter(sniff) || /\.(vhd|vmdk|img|raw)$/i.test(name)) return describeDisk(name, head, size);
  const detected = detectImport(head, name);
  if (detected.format === 'ovf') {
    const ovf = parseOvf(head.toString('utf8'));
    const missing: string[] = [];
    for (const disk of ovf.disks) {
      if (!disk.href) continue;
      if (!folder) missing.push(disk.href);
      else await access(join(folder, disk.href)).catch(() => missing.push(disk.href!));
    }
    return fromOvf(ovf, 'ovf', missing);
  }
  const tarHead = detected.compression === 'none' ? head : await decompressHead(head, detected.compression);
  const first = await firstMember(tarHead);
  if (!first) return unread(name, detected.format, detected.compression);
  if (detected.format === 'xva') return fromXva(describeXva(first.data.toString('utf8')), detected.compression);
  return fromOvf(parseOvf(first.data.toString('utf8')), 'ova', []);
}
