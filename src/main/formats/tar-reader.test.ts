import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ByteReader, TruncatedError } from './byte-reader.js';
import { TarFormatError } from './tar-header.js';
import { readTar } from './tar-reader.js';
import { writeTar } from './tar-writer.js';

/** Every piece a stream yields. */
async function collect<T>(source: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of source) out.push(item);
  return out;
}

/** Reads every file member of an archive: name → bytes. */
async function readAll(source: AsyncIterable<Uint8Array>): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for await (const entry of readTar(new ByteReader(source))) {
    if (entry.kind !== 'file') continue;
    const pieces: Buffer[] = [];
    for await (const piece of entry.pieces()) pieces.push(piece);
    files.set(entry.name, Buffer.concat(pieces));
  }
  return files;
}

/** Small pieces, to cross every header and padding boundary. */
async function* inPieces(data: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let offset = 0; offset < data.length; offset += size) yield data.subarray(offset, offset + size);
}

describe('the tar reader and writer, judged by GNU tar', () => {
  let dir: string;
  const longName = `${'a-rather-long-directory-name-'.repeat(4)}/${'and-a-long-file-name-'.repeat(4)}.vmdk`;
  const contents = new Map<string, Buffer>([
    ['descriptor.ovf', Buffer.from('<Envelope/>\n')],
    ['empty', Buffer.alloc(0)],
    ['odd', Buffer.from('x'.repeat(513))],
    [longName, Buffer.from(Array.from({ length: 70_000 }, (_, index) => index % 251))],
  ]);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xenith-tar-'));
    await mkdir(join(dir, 'src', longName.split('/')[0]!), { recursive: true });
    for (const [name, data] of contents) await writeFile(join(dir, 'src', name), data);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  for (const format of ['gnu', 'pax', 'ustar'] as const) {
    it(`reads what GNU tar writes in ${format} format, long names included`, async () => {
      const archive = join(dir, `${format}.tar`);
      const names = [...contents.keys()].filter((name) => format !== 'ustar' || Buffer.byteLength(name) <= 255);
      execFileSync('tar', [`--format=${format}`, '-cf', archive, '-C', join(dir, 'src'), ...names]);
      const files = await readAll(createReadStream(archive, { highWaterMark: 1000 }));
      expect([...files.keys()].sort()).toEqual(names.sort());
      for (const name of names) expect(files.get(name)!.equals(contents.get(name)!)).toBe(true);
    });
  }

  it('writes archives GNU tar lists and extracts byte for byte', async () => {
    const members = [...contents].map(([name, data]) => ({ name, size: data.length, data: inPieces(data, 777) }));
    const archive = Buffer.concat(await collect(writeTar(members)));
    const path = join(dir, 'written.tar');
    await writeFile(path, archive);
    const listed = execFileSync('tar', ['-tf', path], { encoding: 'utf8' }).trim().split('\n');
    expect(listed.sort()).toEqual([...contents.keys()].sort());
    const out = join(dir, 'out');
    await mkdir(out);
    execFileSync('tar', ['-xf', path, '-C', out]);
    for (const [name, data] of contents) expect((await readFile(join(out, name))).equals(data)).toBe(true);
    // And it reads back, whatever the pieces the stream arrives in.
    const files = await readAll(inPieces(archive, 100));
    expect(files.get(longName)!.equals(contents.get(longName)!)).toBe(true);
  });

  it('skips what a consumer leaves unread and keeps going', async () => {
    const archive = Buffer.concat(await collect(writeTar([...contents].map(([name, data]) => ({ name, size: data.length, data: [data] })))));
    const names: string[] = [];
    for await (const entry of readTar(new ByteReader(Readable.from([archive])))) names.push(entry.name);
    expect(names).toEqual([...contents.keys()]);
  });

  it('refuses a truncated archive and a damaged header', async () => {
    const archive = Buffer.concat(await collect(writeTar([{ name: 'a', size: 1000, data: [Buffer.alloc(1000, 1)] }])));
    await expect(readAll(Readable.from([archive.subarray(0, 900)]))).rejects.toBeInstanceOf(TruncatedError);
    const damaged = Buffer.from(archive);
    damaged[10] = 0x41;
    await expect(readAll(Readable.from([damaged]))).rejects.toBeInstanceOf(TarFormatError);
  });

  it('refuses a member whose data is not its announced size', async () => {
    await expect(collect(writeTar([{ name: 'a', size: 10, data: [Buffer.alloc(9)] }]))).rejects.toBeInstanceOf(TarFormatError);
  });
});
