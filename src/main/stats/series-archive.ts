/**
 * The points of one object at one resolution, as XAPI archives them: a ring of `rows` slots on a regular time
 * grid of `step` seconds, one Float32Array per data source. A slot nobody filled (a host down, a poll missed past
 * the archive's reach) holds NaN, so the graph shows a gap rather than a line across it.
 */
export class SeriesArchive {
  readonly step: number;
  readonly rows: number;
  /** Time of the newest slot (epoch s), -Infinity while empty. */
  #newest = Number.NEGATIVE_INFINITY;
  /** Time of the first row ever written: reads start there, not at slots the host was never asked for. */
  #first = Number.POSITIVE_INFINITY;
  readonly #sources = new Map<string, Float32Array>();

  constructor(step: number, rows: number) {
    this.step = step;
    this.rows = rows;
  }

  get newest(): number {
    return this.#newest;
  }

  get sourceNames(): string[] {
    return [...this.#sources.keys()];
  }

  /** Bytes held by the values (for the memory benchmark). */
  get bytes(): number {
    return this.#sources.size * this.rows * 4;
  }

  #slot(t: number): number {
    return (((Math.round(t / this.step) % this.rows) + this.rows) % this.rows);
  }

  /** Moves the newest slot forward to `t` (a grid time), clearing the slots it passes over. */
  advanceTo(t: number): void {
    if (t <= this.#newest) return;
    const skipped = this.#newest === Number.NEGATIVE_INFINITY ? this.rows : Math.min(this.rows, Math.round((t - this.#newest) / this.step));
    for (const values of this.#sources.values()) {
      for (let i = 0; i < skipped; i++) values[this.#slot(t - i * this.step)] = Number.NaN;
    }
    this.#newest = t;
  }

  /** Sets one source's value at `t`, which must be within the archive's reach (≤ newest, > newest − rows × step). */
  set(t: number, name: string, value: number): void {
    if (t > this.#newest || t <= this.#newest - this.rows * this.step) return;
    let values = this.#sources.get(name);
    if (!values) {
      values = new Float32Array(this.rows).fill(Number.NaN);
      this.#sources.set(name, values);
    }
    values[this.#slot(t)] = Number.isFinite(value) ? value : Number.NaN;
    this.#first = Math.min(this.#first, t);
  }

  /**
   * The points from `from` to `to` (epoch s, clipped to what the archive holds), on the grid: the first point's
   * time and, per source, its values (null for NaN). Only the named sources when `names` is given.
   */
  read(from: number, to: number, names?: readonly string[]): { start: number; sources: { name: string; values: (number | null)[] }[] } | null {
    if (this.#newest === Number.NEGATIVE_INFINITY) return null;
    const oldest = Math.max(this.#first, this.#newest - (this.rows - 1) * this.step);
    const first = Math.max(oldest, Math.ceil(from / this.step) * this.step);
    const last = Math.min(this.#newest, Math.floor(to / this.step) * this.step);
    if (last < first) return { start: first, sources: [] };
    const wanted = names ? names.filter((name) => this.#sources.has(name)) : [...this.#sources.keys()];
    const sources = wanted.map((name) => {
      const values = this.#sources.get(name)!;
      const out: (number | null)[] = [];
      for (let t = first; t <= last; t += this.step) {
        const value = values[this.#slot(t)]!;
        out.push(Number.isNaN(value) ? null : value);
      }
      return { name, values: out };
    });
    return { start: first, sources };
  }

  /** Each source's newest known value (the newest slot that is not a gap, within the last `maxAge` rows). */
  latest(maxAge = 3): Map<string, number> {
    const out = new Map<string, number>();
    if (this.#newest === Number.NEGATIVE_INFINITY) return out;
    for (const [name, values] of this.#sources) {
      for (let i = 0; i < Math.min(maxAge, this.rows); i++) {
        const value = values[this.#slot(this.#newest - i * this.step)]!;
        if (!Number.isNaN(value)) {
          out.set(name, value);
          break;
        }
      }
    }
    return out;
  }
}
