/** Records of one class by ref, as `<class>.get_all_records` answers them. */
export type RecordMap = Record<string, Record<string, unknown>>;

const quote = 34;
const backslash = 92;
const colon = 58;
const openBrace = 123;
const closeBrace = 125;
const openBracket = 91;
const closeBracket = 93;

/** Where the scanner is in the answer. */
type Phase = 'envelope' | 'result-value' | 'map' | 'tail';

/**
 * Reads a JSON-RPC answer whose result is a map of records (`<class>.get_all_records`) while its text arrives, and
 * hands over complete entries in batches of about `batchChars` characters: a big pool's VM table (40 MB for 10,000
 * VMs) reaches the mirror in pieces while the rest is still on the wire, and is never one 40 MB string and one
 * 40 MB parse. Only structure is tracked (nesting, strings, escapes); each batch is parsed by `JSON.parse`. An
 * answer without a result map (an error, `null`) is kept whole and returned by `end()` for the caller to read.
 */
export class RecordMapScanner {
  readonly #onBatch: (records: RecordMap) => void;
  readonly #batchChars: number;
  #phase: Phase = 'envelope';
  #depth = 0;
  #inString = false;
  /** Backslashes that ended the previous chunk inside a string (an odd count escapes the next character). */
  #carriedBackslashes = 0;
  /** The envelope's last complete string at depth 1, and the one being read (to find the `result` key). */
  #lastKey = '';
  #keyParts: string[] | null = null;
  /** The whole answer until the result map opens (small), or the whole answer when there is none. */
  readonly #head: string[] = [];
  /** Text of the result map not yet handed over: complete entries first, then the start of the next one. */
  #pending: string[] = [];
  #pendingChars = 0;
  #sawMap = false;

  constructor(onBatch: (records: RecordMap) => void, batchChars = 512 * 1024) {
    this.#onBatch = onBatch;
    this.#batchChars = batchChars;
  }

  /** Feeds the next piece of the answer's text. */
  push(text: string): void {
    const n = text.length;
    let i = 0;
    /** Start of this chunk's text that belongs to the map. */
    let mapFrom = this.#phase === 'map' ? 0 : -1;
    while (i < n) {
      if (this.#inString) {
        const close = text.indexOf('"', i);
        if (close < 0) {
          this.#carryBackslashes(text, i, n);
          if (this.#keyParts) this.#keyParts.push(text.slice(i));
          i = n;
          break;
        }
        let k = close - 1;
        while (k >= i && text.charCodeAt(k) === backslash) k--;
        const run = close - 1 - k + (k < i ? this.#carriedBackslashes : 0);
        this.#carriedBackslashes = 0;
        if (this.#keyParts) this.#keyParts.push(text.slice(i, close + (run % 2 === 1 ? 1 : 0)));
        i = close + 1;
        if (run % 2 === 1) continue;
        this.#inString = false;
        if (this.#keyParts) {
          this.#lastKey = this.#keyParts.join('');
          this.#keyParts = null;
        }
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === quote) {
        this.#inString = true;
        this.#carriedBackslashes = 0;
        if (this.#phase === 'envelope' && this.#depth === 1) this.#keyParts = [];
      } else if (c === openBrace || c === openBracket) {
        this.#depth++;
        if (this.#phase === 'result-value') {
          if (c === openBrace && this.#depth === 2) {
            this.#phase = 'map';
            this.#sawMap = true;
            this.#head.length = 0;
            mapFrom = i + 1;
          } else this.#phase = 'tail';
        }
      } else if (c === closeBrace || c === closeBracket) {
        this.#depth--;
        if (this.#phase === 'map') {
          if (this.#depth === 2 && this.#pendingChars + (i + 1 - mapFrom) >= this.#batchChars) {
            this.#take(text, mapFrom, i + 1);
            mapFrom = i + 1;
          } else if (this.#depth === 1) {
            this.#take(text, mapFrom, i);
            this.#phase = 'tail';
            mapFrom = -1;
          }
        }
      } else if (c === colon && this.#phase === 'envelope' && this.#depth === 1 && this.#lastKey === 'result') {
        this.#phase = 'result-value';
      } else if (this.#phase === 'result-value' && c !== 32 && c !== 10 && c !== 13 && c !== 9) {
        // A result that is not a map (null, a string…): nothing to stream.
        this.#phase = 'tail';
      }
      i++;
    }
    if (this.#phase === 'map' && mapFrom >= 0) {
      this.#pending.push(text.slice(mapFrom));
      this.#pendingChars += n - mapFrom;
    } else if (!this.#sawMap) {
      this.#head.push(text);
    }
  }

  /**
   * Ends the answer. Returns null when a result map was streamed; otherwise the whole answer parsed, for the caller
   * to read its error or result.
   */
  end(): unknown {
    if (this.#sawMap) {
      if (this.#phase === 'map') throw new Error('The pool answer ended in the middle of its records.');
      return null;
    }
    return JSON.parse(this.#head.join(''));
  }

  /** Parses the pending text plus `text[from, to)` as complete entries, hands them over, and keeps the rest. */
  #take(text: string, from: number, to: number): void {
    const body = this.#pending.join('') + text.slice(from, to);
    this.#pending = [];
    this.#pendingChars = 0;
    let start = 0;
    while (start < body.length && (body.charCodeAt(start) <= 32 || body.charCodeAt(start) === 44)) start++;
    if (start < body.length) this.#onBatch(JSON.parse(`{${body.slice(start)}}`) as RecordMap);
  }

  #carryBackslashes(text: string, from: number, to: number): void {
    let k = to - 1;
    while (k >= from && text.charCodeAt(k) === backslash) k--;
    const run = to - 1 - k;
    this.#carriedBackslashes = k < from ? this.#carriedBackslashes + run : run;
  }
}
