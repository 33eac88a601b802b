/**
 * A synchronous push parser for tar streams: feed it bytes as they arrive, it calls `onEntry` with each complete
 * member (members are small in XVA files: ova.xml and ≤ 1 MiB chunks) and stops at the end-of-archive blocks.
 * Synchronous on purpose: an upload handler consumes each socket chunk at once, so nothing waits in buffers that
 * an early-closing client (the npm client's 1 PiB Content-Length trick) could make Node discard.
 */
import { parseTarHeader, TAR_BLOCK, TarFormatError } from './tar.js';

export interface TarReaderOptions {
  /** Called with each member; returning false stops reading (the caller has all it needs). */
  onEntry(name: string, data: Buffer): boolean | void;
  /** Members larger than this are refused (default 64 MiB). */
  maxEntryBytes?: number;
}

export class TarReader {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private state: { kind: 'header' } | { kind: 'body'; name: string; size: number; padded: number } = { kind: 'header' };
  /** True after the end-of-archive blocks, or once onEntry asked to stop. */
  done = false;
  /** Bytes consumed so far. */
  offset = 0;

  constructor(private readonly opts: TarReaderOptions) {}

  /** Consumes `chunk`; throws TarFormatError on malformed input. Bytes after the end are ignored. */
  push(chunk: Buffer): void {
    if (this.done) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    for (;;) {
      if (this.done) return;
      const need = this.state.kind === 'header' ? TAR_BLOCK : this.state.padded;
      if (this.pendingBytes < need) return;
      const bytes = this.take(need);
      if (this.state.kind === 'header') {
        const h = parseTarHeader(bytes);
        if (h.kind === 'zero') {
          this.done = true;
          return;
        }
        const max = this.opts.maxEntryBytes ?? 64 * 1024 * 1024;
        if (h.size > max) throw new TarFormatError(`tar member ${h.name} is ${h.size} bytes (limit ${max})`);
        this.state = { kind: 'body', name: h.name, size: h.size, padded: Math.ceil(h.size / TAR_BLOCK) * TAR_BLOCK };
        if (h.size === 0) {
          this.state = { kind: 'header' };
          if (this.opts.onEntry(h.name, Buffer.alloc(0)) === false) this.done = true;
        }
      } else {
        const { name, size } = this.state;
        this.state = { kind: 'header' };
        if (this.opts.onEntry(name, bytes.subarray(0, size)) === false) this.done = true;
      }
    }
  }

  /** True when the stream stopped in the middle of a member. */
  get midEntry(): boolean {
    return this.state.kind === 'body' || this.pendingBytes > 0;
  }

  private take(n: number): Buffer {
    this.offset += n;
    const first = this.pending[0]!;
    if (first.length >= n) {
      const out = first.subarray(0, n);
      if (first.length === n) this.pending.shift();
      else this.pending[0] = first.subarray(n);
      this.pendingBytes -= n;
      return out;
    }
    const out = Buffer.allocUnsafe(n);
    let filled = 0;
    while (filled < n) {
      const head = this.pending[0]!;
      const k = Math.min(head.length, n - filled);
      head.copy(out, filled, 0, k);
      filled += k;
      if (k === head.length) this.pending.shift();
      else this.pending[0] = head.subarray(k);
    }
    this.pendingBytes -= n;
    return out;
  }
}
