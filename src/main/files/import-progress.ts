import type { JobControl } from '../jobs/job-registry.js';
import { TransferMeter } from '../transfer/transfer-meter.js';

/**
 * An import's progress, from the bytes read of its file: the job's bar (over the span it is given), its rate and
 * time left, a few times a second whatever the rate of pieces.
 */
export class ImportProgress {
  readonly meter = new TransferMeter('streaming');
  readonly #job: JobControl;
  readonly #span: readonly [number, number];
  #size: number | null = null;
  #shownAt = 0;

  constructor(job: JobControl, span: readonly [number, number]) {
    this.#job = job;
    this.#span = span;
  }

  /** The file's size, when known: the bar follows the bytes read. */
  setSize(size: number | null): void {
    this.#size = size;
    this.meter.setTotal(size);
  }

  /** The pieces of `source`, counted as they are read. */
  async *counted(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const piece of source) {
      this.#add(piece.length);
      yield piece;
    }
  }

  #add(bytes: number): void {
    this.meter.add(bytes);
    const now = Date.now();
    if (now - this.#shownAt < 200) return;
    this.#shownAt = now;
    this.#show();
  }

  #show(): void {
    if (this.#size) {
      const fraction = Math.min(1, this.meter.bytes / this.#size);
      this.meter.setFraction(fraction);
      this.#job.setProgress(this.#span[0] + fraction * (this.#span[1] - this.#span[0]));
    }
    this.#job.setTransfer(this.meter.snapshot());
  }

  /** Every byte is in. */
  done(): void {
    this.meter.setFraction(1);
    this.#job.setProgress(this.#span[1]);
    this.#job.setTransfer(this.meter.snapshot());
  }
}
