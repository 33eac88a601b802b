import { Writable } from 'node:stream';
import { XvaChecker, type XvaSummary } from './xva-checker.js';
import { xxhash64 } from './xxhash64.js';

export { maxOvaXmlBytes, XvaIntegrityError, type XvaSummary } from './xva-checker.js';

/**
 * Verifies an XVA as it streams by (decompressed): ova.xml first, then every disk chunk against its checksum, and
 * the archive's end marker (XvaChecker says how). Resolves with what it held; fails naming the chunk at fault.
 */
export async function verifyXva(source: AsyncIterable<Uint8Array>): Promise<XvaSummary> {
  const checker = new XvaChecker(await xxhash64());
  for await (const piece of source) checker.push(Buffer.isBuffer(piece) ? piece : Buffer.from(piece.buffer, piece.byteOffset, piece.length));
  return checker.end();
}

/**
 * A stream end that verifies the XVA written into it (the tee's second branch): each piece is checked as it comes,
 * with no buffering beyond the chunk in hand. A damaged piece fails the stream with the chunk's name; `verdict`
 * settles with the summary once the stream finished.
 */
export class XvaCheckSink extends Writable {
  readonly verdict: Promise<XvaSummary>;
  #checker: XvaChecker | null = null;
  #settle!: { resolve(summary: XvaSummary): void; reject(error: Error): void };

  constructor() {
    super({ highWaterMark: 1024 * 1024 });
    this.verdict = new Promise((resolve, reject) => (this.#settle = { resolve, reject }));
    this.verdict.catch(() => {});
  }

  override _construct(done: (error?: Error | null) => void): void {
    xxhash64().then((api) => {
      this.#checker = new XvaChecker(api);
      done();
    }, done);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    try {
      this.#checker!.push(chunk);
      done();
    } catch (error) {
      this.#settle.reject(error as Error);
      done(error as Error);
    }
  }

  override _final(done: (error?: Error | null) => void): void {
    try {
      this.#settle.resolve(this.#checker!.end());
      done();
    } catch (error) {
      this.#settle.reject(error as Error);
      done(error as Error);
    }
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    this.#settle.reject(error ?? new Error('The XVA check stopped before the end of the file.'));
    done(error);
  }
}
