import { createHash } from 'node:crypto';
import type { XXHashAPI } from 'xxhash-wasm';
import { TruncatedError } from './byte-reader.js';
import { isZeroBlock, parseTarHeader, tarBlock, TarFormatError, tarPadding } from './tar-header.js';
import { startXxh64, type ChunkHasher } from './xxhash64.js';

/** The largest ova.xml read (a VM with many snapshots and devices stays far below). */
export const maxOvaXmlBytes = 64 * 1024 * 1024;

/** XAPI writes disk data in chunks of 1 MiB; a bigger member is not a chunk of an XVA. */
const maxChunkBytes = 16 * 1024 * 1024;

/** Largest checksum or tar metadata member read. */
const maxSmallMember = 1024 * 1024;

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

/** The member being read: what to do with its bytes. */
type Member =
  | { kind: 'small'; name: string; type: string; size: number; pieces: Buffer[] }
  | { kind: 'chunk'; name: string; size: number; hasher: ChunkHasher; pieces: Buffer[] }
  | { kind: 'skip'; name: string; size: number };

/**
 * Checks an XVA as its bytes are pushed, synchronously (no stream of its own, so it costs only the hashing): ova.xml
 * first, then every disk chunk followed by its checksum (`.xxhash`, XXH64 as XAPI writes it now, or a legacy
 * `.checksum` SHA-1), each recomputed and compared, and the archive's end marker. Anything else — a chunk without its
 * checksum, a checksum that differs, a stray member, an end that never comes — fails with the chunk's name. It
 * holds only the chunk in hand.
 */
export class XvaChecker {
  readonly #api: XXHashAPI;
  /** Bytes of a header block being gathered. */
  #header: Buffer[] = [];
  #headerBytes = 0;
  #member: Member | null = null;
  /** Data bytes left in the current member, then its padding. */
  #left = 0;
  #padding = 0;
  #ended = false;
  #longName: string | null = null;
  #paxPath: string | null = null;
  #ovaXml: string | null = null;
  #pending: { name: string; pieces: Buffer[]; xxh: string } | null = null;
  #chunks = 0;
  #chunkBytes = 0;

  constructor(api: XXHashAPI) {
    this.#api = api;
  }

  /** Takes the next bytes of the XVA; throws as soon as something is wrong. */
  push(piece: Buffer): void {
    let offset = 0;
    while (offset < piece.length && !this.#ended) {
      if (this.#member) {
        const take = Math.min(this.#left, piece.length - offset);
        if (take > 0) this.#data(piece.subarray(offset, offset + take));
        offset += take;
        this.#left -= take;
        if (this.#left === 0) {
          const skip = Math.min(this.#padding, piece.length - offset);
          offset += skip;
          this.#padding -= skip;
          if (this.#padding === 0) this.#endMember();
        }
        continue;
      }
      const take = Math.min(tarBlock - this.#headerBytes, piece.length - offset);
      this.#header.push(piece.subarray(offset, offset + take));
      this.#headerBytes += take;
      offset += take;
      if (this.#headerBytes === tarBlock) {
        const block = this.#header.length === 1 ? this.#header[0]! : Buffer.concat(this.#header, tarBlock);
        this.#header = [];
        this.#headerBytes = 0;
        this.#startMember(block);
      }
    }
  }

  /** The stream ended: the verdict. */
  end(): XvaSummary {
    if (!this.#ended) throw new TruncatedError('the XVA stops before its end marker');
    if (this.#pending) throw new XvaIntegrityError(this.#pending.name, `chunk ${this.#pending.name} is the last member and has no checksum`);
    if (this.#ovaXml === null) throw new XvaIntegrityError('', 'it holds no ova.xml');
    return { ovaXml: this.#ovaXml, chunks: this.#chunks, chunkBytes: this.#chunkBytes };
  }

  #startMember(block: Buffer): void {
    if (isZeroBlock(block)) {
      this.#ended = true;
      return;
    }
    const header = parseTarHeader(block);
    const name = this.#paxPath ?? this.#longName ?? header.name;
    const size = header.size;
    if (header.type === 'L' || header.type === 'x' || header.type === 'g') {
      if (size > maxSmallMember) throw new TarFormatError(`a ${header.type} header of ${size} bytes is too large`);
      this.#open({ kind: 'small', name, type: header.type, size, pieces: [] });
      return;
    }
    this.#longName = null;
    this.#paxPath = null;
    if (this.#ovaXml === null) {
      if (name !== 'ova.xml') throw new XvaIntegrityError(name, `it does not start with ova.xml (it starts with ${name})`);
      if (size > maxOvaXmlBytes) throw new XvaIntegrityError(name, `its ova.xml is ${size} bytes, more than Xenith reads`);
      this.#open({ kind: 'small', name, type: 'ova', size, pieces: [] });
      return;
    }
    if (this.#pending) {
      if (name !== `${this.#pending.name}.xxhash` && name !== `${this.#pending.name}.checksum`) {
        throw new XvaIntegrityError(this.#pending.name, `chunk ${this.#pending.name} is not followed by its checksum (${name} comes next)`);
      }
      if (size > maxSmallMember) throw new XvaIntegrityError(this.#pending.name, `the checksum of ${this.#pending.name} is ${size} bytes`);
      this.#open({ kind: 'small', name, type: 'checksum', size, pieces: [] });
      return;
    }
    if (header.type === '5') {
      this.#open({ kind: 'skip', name, size });
      return;
    }
    if (!chunkName.test(name)) throw new XvaIntegrityError(name, `it holds ${name}, which is neither a disk chunk nor a checksum of one`);
    if (size > maxChunkBytes) throw new XvaIntegrityError(name, `${name} is ${size} bytes, not a chunk of at most 1 MiB`);
    this.#open({ kind: 'chunk', name, size, hasher: startXxh64(this.#api), pieces: [] });
  }

  #open(member: Member): void {
    this.#member = member;
    this.#left = member.size;
    this.#padding = tarPadding(member.size);
    if (this.#left === 0 && this.#padding === 0) this.#endMember();
  }

  #data(piece: Buffer): void {
    const member = this.#member!;
    if (member.kind === 'skip') return;
    if (member.kind === 'chunk') member.hasher.update(piece);
    member.pieces.push(piece);
  }

  #endMember(): void {
    const member = this.#member!;
    this.#member = null;
    if (member.kind === 'skip') return;
    if (member.kind === 'chunk') {
      this.#chunkBytes += member.size;
      this.#pending = { name: member.name, pieces: member.pieces, xxh: member.hasher.hex() };
      return;
    }
    const text = Buffer.concat(member.pieces, member.size);
    if (member.type === 'L') this.#longName = text.toString('utf8').replace(/\0.*$/s, '');
    else if (member.type === 'x') this.#paxPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(text.toString('utf8'))?.[1] ?? null;
    else if (member.type === 'ova') this.#ovaXml = text.toString('utf8');
    else if (member.type === 'checksum') this.#checkPending(member.name, text.toString('latin1').trim());
  }

  #checkPending(checksumName: string, expected: string): void {
    const { name, pieces, xxh } = this.#pending!;
    this.#pending = null;
    let actual = xxh;
    if (checksumName.endsWith('.checksum')) {
      const sha1 = createHash('sha1');
      for (const piece of pieces) sha1.update(piece);
      actual = sha1.digest('hex');
    }
    if (expected.toLowerCase() !== actual.toLowerCase()) throw new XvaIntegrityError(name, `chunk ${name} does not match its checksum (the file says ${expected}, its data gives ${actual})`);
    this.#chunks++;
  }
}
