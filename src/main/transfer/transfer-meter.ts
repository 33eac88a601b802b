import type { JobTransfer, TransferPath } from '../../shared/api/job-schema.js';

/** How far back the rate looks: long enough to smooth bursts, short enough to follow a slowing destination. */
const windowMs = 5_000;

/** Bytes are counted per slot of this length: a few dozen samples per window, whatever the chunk rate. */
const slotMs = 250;

/**
 * Measures a transfer for the task panel: bytes so far, the rate over the last seconds and the time left. The
 * fraction done comes from the pools' tasks (which know the disks' sizes), the bytes from the relay.
 */
export class TransferMeter {
  readonly #path: TransferPath;
  readonly #now: () => number;
  readonly #samples: { at: number; bytes: number }[] = [];
  #bytes = 0;
  #bytesTotal: number | null;
  #startedAt: number | null = null;
  #fraction = 0;

  constructor(path: TransferPath, now: () => number = Date.now) {
    this.#path = path;
    this.#bytesTotal = null;
    this.#now = now;
  }

  /** About how many bytes the transfer moves (null: unknown). */
  setTotal(bytesTotal: number | null): void {
    this.#bytesTotal = bytesTotal;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Counts bytes that went through. */
  add(bytes: number): void {
    const at = this.#now();
    this.#startedAt ??= at;
    this.#bytes += bytes;
    const last = this.#samples[this.#samples.length - 1];
    // Tens of thousands of chunks a second go through: one sample per slot keeps the window short to scan.
    if (last && at - last.at < slotMs && this.#samples.length > 1) last.bytes = this.#bytes;
    else this.#samples.push({ at, bytes: this.#bytes });
    while (this.#samples.length > 2 && this.#samples[0]!.at < at - windowMs) this.#samples.shift();
  }

  /** The share of the work done (0..1), as the tasks report it; never goes back. */
  setFraction(fraction: number): void {
    if (Number.isFinite(fraction)) this.#fraction = Math.max(this.#fraction, Math.min(1, Math.max(0, fraction)));
  }

  get fraction(): number {
    return this.#fraction;
  }

  /** The figures the job shows. */
  snapshot(): JobTransfer {
    const at = this.#now();
    const first = this.#samples[0];
    const last = this.#samples[this.#samples.length - 1];
    const span = first && last ? last.at - first.at : 0;
    const bytesPerSecond = first && last && span >= 500 ? ((last.bytes - first.bytes) / span) * 1000 : null;
    const elapsed = this.#startedAt === null ? 0 : at - this.#startedAt;
    let etaSeconds: number | null = null;
    if (this.#fraction >= 1) etaSeconds = 0;
    else if (this.#fraction > 0.01 && elapsed >= 1000) etaSeconds = ((elapsed / this.#fraction) * (1 - this.#fraction)) / 1000;
    else if (bytesPerSecond && this.#bytesTotal) etaSeconds = Math.max(0, this.#bytesTotal - this.#bytes) / bytesPerSecond;
    return { path: this.#path, bytesDone: this.#bytes, bytesTotal: this.#bytesTotal, bytesPerSecond, etaSeconds: etaSeconds === null ? null : Math.round(etaSeconds) };
  }
}
