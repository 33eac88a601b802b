import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TruncatedError } from './byte-reader.js';
import { decompressed, sniffCompression, type Compression } from './compression.js';
import { verifyXva, XvaIntegrityError } from './xva-verifier.js';

const MiB = 1024 * 1024;

/**
 * Packs an XVA as XAPI lays it out — ova.xml, then `Ref:N/%08d` chunks each followed by its `.xxhash` — with GNU
 * tar, the checksums computed by xxhsum (not by the code under test).
 */
async function packXva(dir: string, chunks: Buffer[]): Promise<string> {
  const root = join(dir, 'xva');
  await mkdir(join(root, 'Ref:3'), { recursive: true });
  await writeFile(join(root, 'ova.xml'), '<value><struct></struct></value>');
  const names = ['ova.xml'];
  for (const [index, data] of chunks.entries()) {
    const name = `Ref:3/${String(index).padStart(8, '0')}`;
    await writeFile(join(root, name), data);
    const digest = execFileSync('xxhsum', ['-H64', join(root, name)], { encoding: 'utf8' }).split(/\s/)[0]!.toUpperCase();
    await writeFile(join(root, `${name}.xxhash`), digest);
    names.push(name, `${name}.xxhash`);
  }
  const archive = join(dir, 'vm.xva');
  execFileSync('tar', ['-cf', archive, '-C', root, ...names]);
  return archive;
}

function fileStream(path: string): AsyncIterable<Buffer> {
  return createReadStream(path, { highWaterMark: 64 * 1024 });
}

describe('verifyXva', () => {
  let dir: string;
  let archive: string;
  const chunks = [Buffer.alloc(MiB, 1), Buffer.from(Array.from({ length: MiB }, (_, index) => index % 256)), Buffer.alloc(1000, 7)];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'xenith-xva-'));
    archive = await packXva(dir, chunks);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('accepts an XVA whose every chunk matches its xxhash, and counts them', async () => {
    const summary = await verifyXva(fileStream(archive));
    expect(summary.chunks).toBe(3);
    expect(summary.chunkBytes).toBe(2 * MiB + 1000);
    expect(summary.ovaXml).toContain('<struct>');
  });

  for (const [compression, tool] of [['gzip', 'gzip'], ['zstd', 'zstd']] as const) {
    it(`reads it ${compression}-compressed (by the ${tool} command), sniffed from its first bytes`, async () => {
      const packed = `${archive}.${compression}`;
      execFileSync('sh', ['-c', `${tool} -c '${archive}' > '${packed}'`]);
      const head = (await readFile(packed)).subarray(0, 4);
      const kind: Compression = sniffCompression(head);
      expect(kind).toBe(compression);
      expect((await verifyXva(decompressed(fileStream(packed), kind))).chunks).toBe(3);
    });
  }

  it('names the chunk whose data was altered', async () => {
    const bytes = await readFile(archive);
    // The second chunk's data: after ova.xml (header + 1 block), chunk 0 and its checksum, and chunk 1's header.
    const secondChunkData = 512 * 2 + (512 + MiB) + 512 * 2 + 512;
    bytes[secondChunkData + 1234] = bytes[secondChunkData + 1234]! ^ 0x55;
    const damaged = join(dir, 'damaged.xva');
    await writeFile(damaged, bytes);
    const failure = await verifyXva(fileStream(damaged)).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(XvaIntegrityError);
    expect((failure as XvaIntegrityError).chunk).toBe('Ref:3/00000001');
    expect((failure as Error).message).toContain('Ref:3/00000001');
  });

  it('refuses a truncated XVA and one that does not start with ova.xml', async () => {
    const bytes = await readFile(archive);
    // Cut inside the last chunk's data (GNU tar pads its archives with zeros well past the end marker).
    await writeFile(join(dir, 'cut.xva'), bytes.subarray(0, 1024 + 2 * (512 + MiB + 1024) + 512 + 500));
    await expect(verifyXva(fileStream(join(dir, 'cut.xva')))).rejects.toBeInstanceOf(TruncatedError);
    await writeFile(join(dir, 'other.txt'), 'x');
    execFileSync('tar', ['-cf', join(dir, 'other.tar'), '-C', dir, 'other.txt']);
    await expect(verifyXva(fileStream(join(dir, 'other.tar')))).rejects.toThrow(/ova\.xml/);
  });

  it('refuses a damaged gzip stream as damaged, not as a bad XVA', async () => {
    const packed = join(dir, 'vm.xva.gz');
    execFileSync('sh', ['-c', `gzip -c '${archive}' > '${packed}'`]);
    const bytes = await readFile(packed);
    bytes[2000] = bytes[2000]! ^ 0xff;
    await writeFile(packed, bytes);
    await expect(verifyXva(decompressed(fileStream(packed), 'gzip'))).rejects.toThrow(/gzip data is damaged|does not match/);
  });
});
