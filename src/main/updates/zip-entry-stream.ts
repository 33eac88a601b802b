import { pipeline, Readable, Transform, type TransformCallback } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';

/** A zip the streaming reader cannot read (damaged, encrypted, or written without sizes up front). */
export class ZipFormatError extends Error {
  readonly code = 'UPDATE_ZIP_INVALID';
  readonly params: string[];
  constructor(message: string) {
    super(message);
    this.name = 'ZipFormatError';
    this.params = [message];
  }
}

/** One file of the archive as it streams past. */
export interface ZipStreamEntry {
  name: string;
  /** Uncompressed bytes (from the local header). */
  size: number;
  compressedSize: number;
  /** The file's bytes, decompressed and checked against the CRC-32 and size the header announced (an error if not). Read it to the end, or destroy it, before asking for the next entry. */
  body: Readable;
}

const localHeaderSignature = 0x04034b50;
const centralHeaderSignature = 0x02014b50;
const endSignature = 0x06054b50;
const descriptorSignature = 0x08074b50;

/** Pulls exact byte counts out of a stream of chunks, keeping what was read ahead for the next pull. */
class ByteSource {
  readonly #chunks: AsyncIterator<Buffer>;
  #buffered: Buffer = Buffer.alloc(0);
  #ended = false;

  constructor(source: AsyncIterable<Buffer | Uint8Array>) {
    this.#chunks = (async function* () {
      for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    })();
  }

  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    const next = await this.#chunks.next();
    if (next.done) {
      this.#ended = true;
      return false;
    }
    this.#buffered = this.#buffered.length === 0 ? next.value : Buffer.concat([this.#buffered, next.value]);
    return true;
  }

  /** Exactly `length` bytes, or null when the stream ends first. */
  async exactly(length: number): Promise<Buffer | null> {
    while (this.#buffered.length < length) if (!(await this.#fill())) return null;
    const out = this.#buffered.subarray(0, length);
    this.#buffered = this.#buffered.subarray(length);
    return out;
  }

  /** Between 1 and `max` bytes (whatever is at hand, without copying), or null at the end of the stream. */
  async some(max: number): Promise<Buffer | null> {
    if (this.#buffered.length === 0 && !(await this.#fill())) return null;
    const out = this.#buffered.subarray(0, Math.min(max, this.#buffered.length));
    this.#buffered = this.#buffered.subarray(out.length);
    return out;
  }

  /** Stops reading the source (its stream is destroyed by the iterator's return). */
  async close(): Promise<void> {
    await this.#chunks.return?.();
  }
}

/** Checks what passes against the size and CRC-32 the header announced. */
class CrcCheck extends Transform {
  #crc = 0;
  #bytes = 0;
  constructor(readonly name: string, readonly expectedCrc: number, readonly expectedSize: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#crc = crc32(chunk, this.#crc);
    this.#bytes += chunk.length;
    callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    if (this.#bytes !== this.expectedSize) callback(new ZipFormatError(`${this.name} is ${this.#bytes} bytes, its header says ${this.expectedSize}: the download is damaged`));
    else if (this.#crc >>> 0 !== this.expectedCrc >>> 0) callback(new ZipFormatError(`${this.name} fails its CRC-32 check: the download is damaged`));
    else callback();
  }
}

/** Zip64 sizes from the local header's extra field (when the 32-bit fields are 0xFFFFFFFF). */
function zip64Sizes(extra: Buffer, size: number, compressedSize: number): { size: number; compressedSize: number } {
  for (let offset = 0; offset + 4 <= extra.length; ) {
    const id = extra.readUInt16LE(offset);
    const length = extra.readUInt16LE(offset + 2);
    if (id === 0x0001) {
      let at = offset + 4;
      const read = (): number => {
        const value = Number(extra.readBigUInt64LE(at));
        at += 8;
        return value;
      };
      return { size: size === 0xffffffff ? read() : size, compressedSize: compressedSize === 0xffffffff ? read() : compressedSize };
    }
    offset += 4 + length;
  }
  throw new ZipFormatError('a zip64 entry has no zip64 sizes');
}

/**
 * Reads a zip archive as it arrives — a download, say — and yields its files one after the other, each as a
 * stream of its decompressed bytes: nothing is written to disk and only what the reader asks for is pulled from
 * the source (backpressure all the way). It reads the local headers, so an archive must carry its sizes there
 * (what PKZIP, Info-ZIP and the vendors' update zips do); an entry whose sizes only follow its data (a zip written
 * to a pipe) is refused rather than guessed. Stored and deflated entries; no encryption. Leaving a `for await` loop
 * early closes the archive and its source: to read an entry after choosing it, take entries with `next()`.
 */
export async function* readZipStream(source: AsyncIterable<Buffer | Uint8Array>): AsyncGenerator<ZipStreamEntry, void, undefined> {
  const bytes = new ByteSource(source);
  try {
    for (;;) {
      const signature = await bytes.exactly(4);
      if (!signature) throw new ZipFormatError('the archive ends before its central directory');
      const kind = signature.readUInt32LE(0);
      if (kind === centralHeaderSignature || kind === endSignature) return;
      if (kind !== localHeaderSignature) throw new ZipFormatError('not a zip archive (no local file header where one should be)');
      const header = await bytes.exactly(26);
      if (!header) throw new ZipFormatError('the archive ends inside a file header');
      const flags = header.readUInt16LE(2);
      const method = header.readUInt16LE(4);
      const crc = header.readUInt32LE(10);
      let compressedSize = header.readUInt32LE(14);
      let size = header.readUInt32LE(18);
      const nameAndExtra = await bytes.exactly(header.readUInt16LE(22) + header.readUInt16LE(24));
      if (!nameAndExtra) throw new ZipFormatError('the archive ends inside a file header');
      const name = nameAndExtra.toString(flags & 0x0800 ? 'utf8' : 'latin1', 0, header.readUInt16LE(22));
      if (compressedSize === 0xffffffff || size === 0xffffffff) ({ size, compressedSize } = zip64Sizes(nameAndExtra.subarray(header.readUInt16LE(22)), size, compressedSize));
      if (flags & 0x0001) throw new ZipFormatError(`${name} is encrypted`);
      if (flags & 0x0008 && compressedSize === 0) throw new ZipFormatError(`${name} was written without its sizes up front (a streamed zip), which cannot be read as it downloads`);
      if (method !== 0 && method !== 8) throw new ZipFormatError(`${name} uses compression method ${method} (only stored and deflated are read)`);

      let remaining = compressedSize;
      const raw = Readable.from(
        (async function* () {
          while (remaining > 0) {
            const chunk = await bytes.some(Math.min(remaining, 1024 * 1024));
            if (!chunk) throw new ZipFormatError(`the archive ends inside ${name}`);
            remaining -= chunk.length;
            yield chunk;
          }
        })(),
        { objectMode: false },
      );
      const check = new CrcCheck(name, crc, size);
      // Large output chunks: fewer hops through the CRC check and whatever reads the entry (a TLS upload, say).
      const body: Readable = method === 8 ? pipeline(raw, createInflateRaw({ chunkSize: 256 * 1024 }), check, () => {}) : pipeline(raw, check, () => {});
      yield { name, size, compressedSize, body };

      // The caller is done with this entry: skip what it did not read, then the data descriptor if there is one.
      if (!body.destroyed && !body.readableEnded) body.destroy();
      // One reader of the source at a time: a read the entry started settles before the skipping starts.
      if (!raw.closed) await new Promise((resolve) => raw.once('close', resolve));
      while (remaining > 0) {
        const chunk = await bytes.some(Math.min(remaining, 1024 * 1024));
        if (!chunk) throw new ZipFormatError(`the archive ends inside ${name}`);
        remaining -= chunk.length;
      }
      if (flags & 0x0008) {
        const first = await bytes.exactly(4);
        if (first?.readUInt32LE(0) === descriptorSignature) await bytes.exactly(12);
        else await bytes.exactly(8);
      }
    }
  } finally {
    await bytes.close();
  }
}
