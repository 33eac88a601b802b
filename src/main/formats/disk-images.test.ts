import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteReader } from './byte-reader.js';
import { DiskImageError, type DiskImageFormat } from './disk-image.js';
import { chunkHeaderBytes, frameChunks } from './chunked-raw.js';
import { openDiskImage } from './open-disk-image.js';

/** Every piece a stream yields. */
async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

const MiB = 1024 * 1024;

/** A disk of `size` bytes with data in a few places and holes elsewhere (as a real disk has). */
function sampleDisk(size: number): Buffer {
  const disk = Buffer.alloc(size);
  const fill = (at: number, length: number, seed: number) => {
    for (let index = 0; index < length && at + index < size; index++) disk[at + index] = (index * 31 + seed) % 253 || 1;
  };
  fill(0, 4096, 1);
  fill(MiB + 512, 70_000, 2);
  fill(3 * MiB - 100, 300, 3);
  fill(size - 1000, 1000, 4);
  return disk;
}

/** Reads an image file with Xenith's readers and writes out every extent onto zeros: the disk as Xenith sees it. */
async function readImage(path: string, hint: DiskImageFormat | null, pieceSize = 4096): Promise<{ disk: Buffer; variant: string }> {
  const length = (await stat(path)).size;
  const image = await openDiskImage(new ByteReader(createReadStream(path, { highWaterMark: pieceSize })), length, hint);
  const disk = Buffer.alloc(image.virtualSize);
  for await (const extent of image.extents()) extent.data.copy(disk, extent.offset);
  return { disk, variant: image.variant };
}

describe('disk image readers, judged by qemu-img', () => {
  let dir: string;
  let source: string;
  const size = 6 * MiB;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xenith-images-'));
    source = join(dir, 'source.raw');
    await writeFile(source, sampleDisk(size));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const cases: { name: string; args: string[]; ext: string; hint: DiskImageFormat; variant: string }[] = [
    { name: 'streamOptimized VMDK', args: ['-O', 'vmdk', '-o', 'subformat=streamOptimized'], ext: 'vmdk', hint: 'vmdk', variant: 'streamOptimized VMDK' },
    { name: 'monolithicSparse VMDK', args: ['-O', 'vmdk', '-o', 'subformat=monolithicSparse'], ext: 'vmdk', hint: 'vmdk', variant: 'monolithicSparse VMDK' },
    { name: 'dynamic VHD', args: ['-O', 'vpc', '-o', 'subformat=dynamic,force_size=on'], ext: 'vhd', hint: 'vhd', variant: 'dynamic VHD' },
    { name: 'fixed VHD', args: ['-O', 'vpc', '-o', 'subformat=fixed,force_size=on'], ext: 'vhd', hint: 'vhd', variant: 'fixed VHD' },
  ];

  for (const each of cases) {
    it(`reads a ${each.name} to the bytes qemu-img converts it to`, async () => {
      const image = join(dir, `disk-${each.ext}-${each.variant.replace(/\s/g, '-')}.${each.ext}`);
      execFileSync('qemu-img', ['convert', '-f', 'raw', ...each.args, source, image]);
      const expected = join(`${image}.raw`);
      // qemu-img would probe a fixed VHD (data first) as raw: name the format.
      execFileSync('qemu-img', ['convert', '-f', each.args[1]!, '-O', 'raw', image, expected]);
      const { disk, variant } = await readImage(image, each.hint);
      expect(variant).toBe(each.variant);
      const reference = await readFile(expected);
      expect(disk.length).toBe(reference.length);
      expect(disk.equals(reference)).toBe(true);
      // Pieces of every size cross every marker, table and block boundary the same way.
      expect((await readImage(image, each.hint, 777)).disk.equals(reference)).toBe(true);
    });
  }

  it('reads a raw image as its non-zero stretches', async () => {
    const { disk } = await readImage(source, 'raw');
    expect(disk.equals(await readFile(source))).toBe(true);
  });

  it('refuses a VMDK whose grain does not inflate', async () => {
    const image = join(dir, 'damaged.vmdk');
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized', source, image]);
    const bytes = await readFile(image);
    // The first grain's deflated data starts 12 bytes into the first sector after the overhead.
    const overhead = Number(bytes.readBigUInt64LE(64)) * 512;
    bytes.fill(0xff, overhead + 12, overhead + 40);
    await writeFile(image, bytes);
    await expect(readImage(image, 'vmdk')).rejects.toBeInstanceOf(DiskImageError);
  });

  it('refuses a streamOptimized VMDK cut at a grain boundary (qemu-img writes no end marker: its tables count the grains)', async () => {
    const image = join(dir, 'cut.vmdk');
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vmdk', '-o', 'subformat=streamOptimized', source, image]);
    const bytes = await readFile(image);
    const overhead = Number(bytes.readBigUInt64LE(64)) * 512;
    const firstGrain = Math.ceil((12 + bytes.readUInt32LE(overhead + 8)) / 512) * 512;
    await writeFile(image, bytes.subarray(0, overhead + firstGrain));
    await expect(readImage(image, 'vmdk')).rejects.toThrow(/grains its tables list/);
  });

  it('refuses a differencing VHD, and a dynamic VHD whose footer checksum is wrong', async () => {
    const base = join(dir, 'base.vhd');
    execFileSync('qemu-img', ['convert', '-f', 'raw', '-O', 'vpc', source, base]);
    const damaged = await readFile(base);
    damaged[50] = damaged[50]! ^ 0xff;
    await writeFile(join(dir, 'damaged.vhd'), damaged);
    await expect(readImage(join(dir, 'damaged.vhd'), 'vhd')).rejects.toThrow(/checksum/);
    // qemu-img makes no differencing VHDs: mark one as such (type 4) with a footer checksum that holds.
    const child = await readFile(base);
    child.writeUInt32BE(4, 60);
    child.writeUInt32BE(0, 64);
    let sum = 0;
    for (let index = 0; index < 512; index++) sum += child[index]!;
    child.writeUInt32BE(~sum >>> 0, 64);
    await writeFile(join(dir, 'child.vhd'), child);
    await expect(readImage(join(dir, 'child.vhd'), 'vhd')).rejects.toThrow(/differencing/);
  });

  it('joins extents that follow one another into frames of up to 1 MiB that never cross a 1 MiB boundary', async () => {
    const extents = (async function* () {
      for (let grain = 0; grain < 20; grain++) yield { offset: MiB - 4 * 65_536 + grain * 65_536, data: Buffer.alloc(65_536, grain + 1) };
      yield { offset: 5 * MiB, data: Buffer.alloc(10, 9) };
    })();
    const frames = Buffer.concat(await collect(frameChunks(extents)));
    const seen: { offset: number; length: number; first: number }[] = [];
    for (let at = 0; ; ) {
      const length = frames.readUInt32LE(at + 8);
      if (length === 0) break;
      seen.push({ offset: Number(frames.readBigUInt64LE(at)), length, first: frames[at + 12]! });
      at += chunkHeaderBytes + length;
    }
    expect(seen).toEqual([
      { offset: MiB - 4 * 65_536, length: 4 * 65_536, first: 1 },
      { offset: MiB, length: MiB, first: 5 },
      { offset: 5 * MiB, length: 10, first: 9 },
    ]);
  });

  it('frames extents as XAPI chunked raw: header, data, and a zero frame last', async () => {
    const extents = (async function* () {
      yield { offset: 5 * MiB, data: Buffer.from('abc') };
    })();
    const frames = Buffer.concat(await collect(frameChunks(extents)));
    expect(frames.length).toBe(chunkHeaderBytes * 2 + 3);
    expect(frames.readBigUInt64LE(0)).toBe(BigInt(5 * MiB));
    expect(frames.readUInt32LE(8)).toBe(3);
    expect(frames.subarray(12, 15).toString()).toBe('abc');
    expect(frames.subarray(15).equals(Buffer.alloc(12))).toBe(true);
  });
});
