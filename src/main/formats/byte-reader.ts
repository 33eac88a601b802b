/** A stream ended before a reader had the bytes it needed: the file is truncated (or the upload was cut). */
export class TruncatedError extends Error {
  constructor(what: string) {
    super(`The data ends too early: ${what}.`);
    this.name = 'TruncatedError';
  }
}

/**
 * Reads a byte stream in the pieces a format needs: exact small reads for headers, and large stretches as the
 * pieces that arrived (no copy), so a 2 TiB disk goes through a few chunks of memory at a time. Pulling from an
 * async iterator gives backpressure for free: nothing is read until the consumer asks for it.
 */
export class ByteReader {
  readonly #source: AsyncIterator<Uint8Array>;
  /** Pieces received and not handed out yet, oldest first (joined only when a read spans several). */
  readonly #queue: Buffer[] = [];
  #queued = 0;
  #ended = false;
  /** Bytes handed out (or skipped) so far: the offset of the next byte in the stream. */
  position = 0;

  constructor(source: AsyncIterable<Uint8Array>) {
    this.#source = source[Symbol.asyncIterator]();
  }

  /** Pulls the next piece into the queue; false at the end of the stream. */
  async #fill(): Promise<boolean> {
    if (this.#ended) return false;
    for (;;) {
      const next = await this.#source.next();
      if (next.done) {
        this.#ended = true;
        return false;
      }
      if (next.value.length === 0) continue;
      const piece = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
      this.#queue.push(piece);
      this.#queued += piece.length;
      return true;
    }
  }

  /** Takes `length` bytes (≤ queued) off the front: a slice of the first piece when it holds them, else a join. */
  #take(length: number): Buffer {
    const first = this.#queue[0]!;
    let out: Buffer;
    if (first.length >= length) {
      out = first.subarray(0, length);
      if (first.length === length) this.#queue.shift();
      else this.#queue[0] = first.subarray(length);
    } else {
      out = Buffer.allocUnsafe(length);
      let filled = 0;
      while (filled < length) {
        const piece = this.#queue[0]!;
        const used = Math.min(piece.length, length - filled);
        piece.copy(out, filled, 0, used);
        filled += used;
        if (used === piece.length) this.#queue.shift();
        else this.#queue[0] = piece.subarray(used);
      }
    }
    this.#queued -= length;
    this.position += length;
    return out;
  }

  /** Exactly `length` bytes (a header, a table); TruncatedError naming `what` when the stream ends first. */
  async readExact(length: number, what = `${length} bytes at offset ${this.position}`): Promise<Buffer> {
    while (this.#queued < length) {
      if (!(await this.#fill())) throw new TruncatedError(what);
    }
    return length === 0 ? Buffer.alloc(0) : this.#take(length);
  }

  /** Up to `length` bytes, whatever is at hand (at least one byte); null at the end of the stream. */
  async readSome(length: number): Promise<Buffer | null> {
    if (length <= 0) return Buffer.alloc(0);
    if (this.#queued === 0 && !(await this.#fill())) return null;
    return this.#take(Math.min(length, this.#queue[0]!.length));
  }

  /** The next `length` bytes as the pieces they arrived in; TruncatedError naming `what` when the stream ends first. */
  async *pieces(length: number, what = `${length} bytes at offset ${this.position}`): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      const piece = await this.readSome(left);
      if (piece === null) throw new TruncatedError(what);
      left -= piece.length;
      yield piece;
    }
  }

  /** Passes over `length` bytes. */
  async skip(length: number, what?: string): Promise<void> {
    let left = length;
    while (left > 0) {
      const piece = await this.readSome(left);
      if (piece === null) throw new TruncatedError(what ?? `${length} bytes to skip`);
      left -= piece.length;
    }
  }

  /** Whether the stream has no more bytes. */
  async atEnd(): Promise<boolean> {
    return this.#queued === 0 && !(await this.#fill());
  }

  /** The first `length` bytes still to come, without consuming them (fewer at the end of the stream). */
  async peek(length: number): Promise<Buffer> {
    while (this.#queued < length && (await this.#fill()));
    const available = Math.min(length, this.#queued);
    if (available === 0) return Buffer.alloc(0);
    if (this.#queue[0]!.length >= available) return this.#queue[0]!.subarray(0, available);
    // Join the front pieces into one (the queue keeps them as one from now on).
    const joined = Buffer.concat(this.#queue.splice(0, this.#queue.length));
    this.#queue.push(joined);
    return joined.subarray(0, available);
  }

  /** Everything left, as it arrives (for the stretches a caller passes on untouched). */
  async *rest(): AsyncGenerator<Buffer> {
    for (;;) {
      const piece = await this.readSome(Number.MAX_SAFE_INTEGER);
      if (piece === null) return;
      yield piece;
    }
  }

  /** Stops the source (the consumer gave up). */
  async close(): Promise<void> {
    this.#ended = true;
    await this.#source.return?.();
  }
}
