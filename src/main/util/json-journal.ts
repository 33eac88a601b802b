import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { AtomicJsonWriter } from './atomic-json-file.js';

export interface JsonJournalOptions<R> {
  /** The file's path (in the data directory). */
  path: string;
  /** The file's key holding the records: `{version: 1, <collection>: [...]}`. */
  collection: string;
  /** Every record is parsed with it before it is kept or written, so nothing it does not name (a secret) reaches the file. */
  schema: z.ZodType<R>;
  idOf(record: R): string;
}

/**
 * A journal of unfinished work in the data directory: records keyed by id, written atomically (temp file and
 * rename, one write at a time) before the call that changes a pool returns, so a crash at any moment leaves the
 * last state the work reached. What is left at start-up belongs to work the process did not live to finish: the
 * transfer clean-up and the rolling pool update both read theirs from one.
 */
export class JsonJournal<R> {
  readonly path: string;
  readonly #options: JsonJournalOptions<R>;
  readonly #writer: AtomicJsonWriter;
  readonly #records = new Map<string, R>();
  readonly #fileSchema: z.ZodType<{ version: 1; records: R[] }>;
  #loaded: Promise<void> | null = null;

  constructor(options: JsonJournalOptions<R>) {
    this.path = options.path;
    this.#options = options;
    this.#writer = new AtomicJsonWriter(options.path);
    this.#fileSchema = z
      .object({ version: z.literal(1), [options.collection]: z.array(options.schema) })
      .transform((file) => ({ version: 1 as const, records: file[options.collection] as R[] }));
  }

  /** Reads the file once; records already added in memory are kept. A missing or unreadable file reads as empty. */
  load(): Promise<void> {
    this.#loaded ??= (async () => {
      let records: R[] = [];
      try {
        records = this.#fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8'))).records;
      } catch {
        // Nothing to recover from a missing file; a damaged one cannot be trusted to say what to undo or resume.
      }
      for (const record of records) if (!this.#records.has(this.#options.idOf(record))) this.#records.set(this.#options.idOf(record), record);
    })();
    return this.#loaded;
  }

  list(): R[] {
    return [...this.#records.values()];
  }

  get(id: string): R | undefined {
    return this.#records.get(id);
  }

  /** Adds or replaces a record; resolves once it is on disk. */
  put(record: R): Promise<void> {
    const parsed = this.#options.schema.parse(record);
    this.#records.set(this.#options.idOf(parsed), parsed);
    return this.#save();
  }

  /** Changes a record and writes the file; resolves once it is on disk (at once when there is no such record). */
  update(id: string, change: (record: R) => R): Promise<void> {
    const record = this.#records.get(id);
    if (record === undefined) return Promise.resolve();
    this.#records.set(id, this.#options.schema.parse(change(record)));
    return this.#save();
  }

  /** Drops a record (its work is over, whichever way). */
  remove(id: string): Promise<void> {
    if (!this.#records.delete(id)) return Promise.resolve();
    return this.#save();
  }

  /** Writes every record; the file is read first, so a write never drops what an earlier process left. */
  async #save(): Promise<void> {
    await this.load();
    await this.#writer.write({ version: 1, [this.#options.collection]: [...this.#records.values()] });
  }
}
