import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes JSON files so a crash never leaves half a file and two saves never interleave: each write goes to
 * its own temp file and is renamed into place, and writes to one path run one after the other.
 */
export class AtomicJsonWriter {
  #queue: Promise<void> = Promise.resolve();

  constructor(readonly path: string) {}

  write(value: unknown): Promise<void> {
    const next = this.#queue.then(async () => {
      await mkdir(dirname(this.path), { recursive: true });
      const temp = `${this.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
      await writeFile(temp, `${JSON.stringify(value, null, 2)}\n`, { mode: 0o600 });
      await rename(temp, this.path);
    });
    // A failed write must not block the ones after it; the caller still sees its own failure.
    this.#queue = next.catch(() => {});
    return next;
  }
}
