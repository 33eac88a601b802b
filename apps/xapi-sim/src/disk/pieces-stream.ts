/** Turns a generator of disk-format pieces (XVA, VHD) into a byte stream that pulls only as fast as it is read. */
import { Readable } from 'node:stream';
import { BLOCK_SIZE } from './synthetic-content.js';

/** Errors thrown while producing a piece (VDI_IO_ERROR, cancellation) destroy the stream. */
export function readableFromPieces(pieces: Iterator<Buffer>): Readable {
  return new Readable({
    highWaterMark: 4 * BLOCK_SIZE,
    read() {
      try {
        for (;;) {
          const next = pieces.next();
          if (next.done) {
            this.push(null);
            return;
          }
          if (!this.push(next.value)) return;
        }
      } catch (e) {
        this.destroy(e as Error);
      }
    },
  });
}
