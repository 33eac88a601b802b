import { formatBytes } from '../shared/util/format-bytes.js';
import { barText, fitLine } from './terminal-line.js';

/** How often the line is redrawn: often enough to look alive, rarely enough not to flood a slow terminal. */
const redrawMs = 100;

/**
 * A file transfer's one-line progress on a terminal, redrawn in place: "[#####…] 45%  120.3 MiB of 260.0 MiB
 * 35.2 MiB/s  vm.xva" (without the bar and the total when the size is not known, as for an export).
 */
export class TransferMeter {
  readonly #stream: NodeJS.WriteStream | null;
  readonly #label: string;
  readonly #total: number | null;
  readonly #startedAt = Date.now();
  #bytes = 0;
  #drawnAt = 0;
  #drawn = false;

  /** `stream` null: count only (not a terminal, or --json). */
  constructor(stream: NodeJS.WriteStream | null, label: string, total: number | null) {
    this.#stream = stream;
    this.#label = label;
    this.#total = total;
  }

  get bytes(): number {
    return this.#bytes;
  }

  add(count: number): void {
    this.#bytes += count;
    const now = Date.now();
    if (now - this.#drawnAt >= redrawMs) {
      this.#drawnAt = now;
      this.#draw(now);
    }
  }

  /** Clears the line, leaving the terminal as it was. */
  end(): void {
    if (this.#drawn) this.#stream?.write('\r\x1b[2K');
  }

  #draw(now: number): void {
    const stream = this.#stream;
    if (!stream) return;
    const seconds = (now - this.#startedAt) / 1000;
    const rate = seconds > 0.5 ? `  ${formatBytes(this.#bytes / seconds)}/s` : '';
    let line: string;
    if (this.#total) {
      const share = Math.min(1, this.#bytes / this.#total);
      line = `${barText(share)} ${String(Math.floor(share * 100)).padStart(3)}%  ${formatBytes(this.#bytes)} of ${formatBytes(this.#total)}${rate}  ${this.#label}`;
    } else {
      line = `${formatBytes(this.#bytes)}${rate}  ${this.#label}`;
    }
    stream.write(`\r\x1b[2K${fitLine(stream, line)}`);
    this.#drawn = true;
  }
}
