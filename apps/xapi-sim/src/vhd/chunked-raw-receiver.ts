/**
 * xapi's `chunked` raw upload (`PUT /import_raw_vdi?format=raw&chunked`, received by vhd-tool's Chunked): frames
 * of `{uint64 offset; uint32 len}` little-endian followed by `len` bytes written at `offset`, in any order; a frame
 * with offset 0 and length 0 ends the upload. Only the stretches that hold data travel.
 */
import type { DiskStore } from '../disk/disk-store.js';
import { XapiError } from '../model/xapi-error.js';
import { ByteQueue } from './byte-queue.js';

const HEADER = 12;
/** Largest frame accepted (vhd-tool reads a frame whole). */
const MAX_FRAME = 64 * 1024 * 1024;

export class ChunkedRawReceiver {
  private readonly queue = new ByteQueue();
  private frame: { offset: number; length: number } | undefined;
  done = false;
  /** Bytes written so far (for the task's progress). */
  written = 0;

  constructor(private readonly store: DiskStore, private readonly vdi: string) {}

  push(chunk: Buffer): void {
    if (this.done) return;
    this.queue.push(chunk);
    for (;;) {
      if (!this.frame) {
        if (this.queue.length < HEADER) return;
        const header = this.queue.take(HEADER);
        const offset = Number(header.readBigUInt64LE(0));
        const length = header.readUInt32LE(8);
        if (offset === 0 && length === 0) {
          this.done = true;
          return;
        }
        if (length > MAX_FRAME) throw new XapiError('VDI_IO_ERROR', [`chunked upload: a frame of ${length} bytes is too large`]);
        if (offset + length > this.store.virtualSize(this.vdi)) throw new XapiError('VDI_IO_ERROR', [`chunked upload: ${length} bytes at ${offset} go past the end of the disk`]);
        this.frame = { offset, length };
      }
      if (this.queue.length < this.frame.length) return;
      this.store.writeRange(this.vdi, this.frame.offset, this.queue.take(this.frame.length));
      this.written += this.frame.length;
      this.frame = undefined;
    }
  }
}
