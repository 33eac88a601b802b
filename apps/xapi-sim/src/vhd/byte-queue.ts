/** Bytes received but not consumed yet, taken in exact sizes by push parsers. */
export class ByteQueue {
  private parts: Buffer[] = [];
  length = 0;
  /** Bytes taken or skipped so far (the stream position of the next byte). */
  position = 0;

  push(b: Buffer): void {
    if (b.length === 0) return;
    this.parts.push(b);
    this.length += b.length;
  }

  /** Removes and returns exactly `n` bytes (caller checked `length >= n`). */
  take(n: number): Buffer {
    this.position += n;
    this.length -= n;
    const first = this.parts[0];
    if (first && first.length >= n) {
      if (first.length === n) this.parts.shift();
      else this.parts[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.parts[0]!;
      const k = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, k);
      filled += k;
      if (k === head.length) this.parts.shift();
      else this.parts[0] = head.subarray(k);
    }
    return out;
  }

  /** Drops up to `n` bytes; returns how many were dropped. */
  skip(n: number): number {
    const k = Math.min(n, this.length);
    let left = k;
    while (left > 0) {
      const head = this.parts[0]!;
      if (head.length <= left) {
        left -= head.length;
        this.parts.shift();
      } else {
        this.parts[0] = head.subarray(left);
        left = 0;
      }
    }
    this.length -= k;
    this.position += k;
    return k;
  }
}
