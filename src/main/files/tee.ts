import { Writable } from 'node:stream';

/** Waits until a stream accepts more (or is gone). */
function drained(stream: Writable): Promise<void> {
  if (!stream.writableNeedDrain || stream.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      stream.off('drain', done);
      stream.off('close', done);
      stream.off('error', done);
      resolve();
    };
    stream.on('drain', done);
    stream.on('close', done);
    stream.on('error', done);
  });
}

/** A branch of a tee: a stream, and whether its failure stops the tee or only stops that branch. */
export interface TeeBranch {
  stream: Writable;
  /**
   * required: its failure fails the tee (the file being written). optional: a failure (the pool closed an upload it
   * no longer needs) is recorded and later bytes skip it, while the other branch goes on to the end.
   */
  required: boolean;
}

/**
 * Writes every piece to each branch, taking the next one only when every live branch accepted it: backpressure
 * from the slowest, and no copy (the branches share the pieces). Ending the tee ends the branches.
 */
export class Tee extends Writable {
  readonly #branches: TeeBranch[];
  /** The first failure of an optional branch (for the verdict when nothing better explains a failure). */
  optionalFailure: Error | null = null;

  constructor(branches: TeeBranch[]) {
    super({ highWaterMark: 256 * 1024 });
    this.#branches = branches;
    for (const branch of branches) {
      branch.stream.on('error', (error) => {
        if (branch.required) this.destroy(error);
        else this.optionalFailure ??= error;
      });
    }
  }

  #live(): Writable[] {
    return this.#branches.filter((branch) => !branch.stream.destroyed && !branch.stream.writableEnded).map((branch) => branch.stream);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
    const live = this.#live();
    for (const stream of live) stream.write(chunk);
    Promise.all(live.map(drained)).then(() => {
      const lost = this.#branches.find((branch) => branch.required && branch.stream.destroyed && !branch.stream.writableFinished);
      done(lost ? (lost.stream.errored ?? new Error('A destination of the stream closed early.')) : null);
    }, done);
  }

  override _final(done: (error?: Error | null) => void): void {
    for (const stream of this.#live()) stream.end();
    done();
  }

  override _destroy(error: Error | null, done: (error?: Error | null) => void): void {
    for (const branch of this.#branches) if (error && !branch.stream.destroyed) branch.stream.destroy(error);
    done(error);
  }
}
