import { createHash } from 'node:crypto';
import { ByteReader } from './byte-reader.js';
import { readTar, type TarEntry } from './tar-reader.js';
import { startXxh64, xxhash64 } from './xxhash64.js';

/** The largest ova.xml read (a VM with many snapshots and devices stays far below). */
export const maxOvaXmlBytes = 64 * 1024 * 1024;

/** XAPI writes disk data in chunks of 1 MiB; a bigger member is not a chunk of an XVA. */
const maxChunkBytes = 16 * 1024 * 1024;

/** An XVA that is not whole: the chunk that failed and why, so the person knows the file is damaged and where. */
export class XvaIntegrityError extends Error {
  constructor(
    readonly chunk: string,
    reason: string,
  ) {
    super(`The XVA is damaged: ${reason}.`);
    this.name = 'XvaIntegrityError';
  }
}

/** What a verified XVA held. */
export interface XvaSummary {
  ovaXml: string;
  /** Chunks verified, over all disks. */
  chunks: number;
  /** Disk bytes in those chunks (zero chunks XAPI left out are not counted). */
  chunkBytes: number;
}

const chunkName = /^(Ref:\d+)\/(\d{8,})$/;

/** Reads a chunk member, keeping its pieces (≤ 16 MiB) so a legacy SHA-1 can be computed if that is what follows. */
async function readChunk(entry: TarEntry, hasher: ReturnType<typeof startXxh64>): Promise<Buffer[]> {
  if (entry.size > maxChunkBytes) throw new XvaIntegrityError(entry.name, `${entry.name} is ${entry.size} bytes, not a chunk of at most 1 MiB`);
  const pieces: Buffer[] = [];
  for await (const piece of entry.pieces()) {
    hasher.update(piece);
    pieces.push(piece);
  }
  return pieces;
}

/**
 * Verifies an XVA as it streams by (decompressed): ova.xml first, then every disk chunk followed by its checksum
 * (`.xxhash`, XXH64 as XAPI writes it now, or a legacy `.checksum` SHA-1), each recomputed and compared, and the
 * archive's end marker. Anything else — a chunk without its checksum, a checksum that differs, a stray member, a
 * stream that stops early — fails with the chunk's name. Nothing is kept but the one chunk in hand.
 */
export async function verifyXva(source: AsyncIterable<Uint8Array>, onChunk?: (name: string, bytes: number) => void): Promise<XvaSummary> {
  const api = await xxhash64();
  const entries = readTar(new ByteReader(source));
  const first = await entries.next();
  if (first.done || first.value.name !== 'ova.xml') throw new XvaIntegrityError(first.done ? '' : first.value.name, `it does not start with ova.xml${first.done ? '' : ` (it starts with ${first.value.name})`}`);
  const ovaXml = (await first.value.readAll(maxOvaXmlBytes)).toString('utf8');
  let chunks = 0;
  let chunkBytes = 0;
  let pending: { name: string; pieces: Buffer[]; xxh: string } | null = null;
  for await (const entry of entries) {
    if (pending) {
      const { name, pieces, xxh } = pending;
      pending = null;
      let expected: string;
      let actual: string;
      if (entry.name === `${name}.xxhash`) {
        expected = (await entry.readAll(64)).toString('latin1').trim();
        actual = xxh;
      } else if (entry.name === `${name}.checksum`) {
        expected = (await entry.readAll(128)).toString('latin1').trim();
        const sha1 = createHash('sha1');
        for (const piece of pieces) sha1.update(piece);
        actual = sha1.digest('hex');
      } else {
        throw new XvaIntegrityError(name, `chunk ${name} is not followed by its checksum (${entry.name} comes next)`);
      }
      if (expected.toLowerCase() !== actual.toLowerCase()) throw new XvaIntegrityError(name, `chunk ${name} does not match its checksum (the file says ${expected}, its data gives ${actual})`);
      chunks++;
      onChunk?.(name, pieces.reduce((sum, piece) => sum + piece.length, 0));
      continue;
    }
    if (entry.kind === 'directory') continue;
    if (!chunkName.test(entry.name)) throw new XvaIntegrityError(entry.name, `it holds ${entry.name}, which is neither a disk chunk nor a checksum of one`);
    const hasher = startXxh64(api);
    const pieces = await readChunk(entry, hasher);
    chunkBytes += entry.size;
    pending = { name: entry.name, pieces, xxh: hasher.hex() };
  }
  if (pending) throw new XvaIntegrityError(pending.name, `chunk ${pending.name} is the last member and has no checksum`);
  return { ovaXml, chunks, chunkBytes };
}
