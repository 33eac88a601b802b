import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { AtomicJsonWriter } from '../util/atomic-json-file.js';

const savedPoolSchema = z.object({
  poolId: z.string(),
  address: z.string(),
  user: z.string(),
  label: z.string(),
  autoConnect: z.boolean(),
  /**
   * The pool's member hosts (`host` or `host:port`) as last seen, so a restarted Xenith can still reach the pool
   * when the master it was added by is gone and another host is master now.
   */
  members: z.array(z.string()).optional(),
});
export type SavedPool = z.infer<typeof savedPoolSchema>;

const pinSchema = z.object({ fingerprint: z.string(), pem: z.string(), poolId: z.string().optional() });

const fileSchema = z.object({
  pools: z.array(savedPoolSchema).default([]),
  pins: z.record(z.string(), pinSchema).default({}),
});
export type SavedPoolsData = z.infer<typeof fileSchema>;

/**
 * pools.json: saved pools (address, user, label, auto-connect, member addresses) and pinned certificates. It
 * never holds a password — those live in the OS keychain — and the schema has no field that could.
 */
export class SavedPoolsFile {
  readonly path: string;
  readonly #writer: AtomicJsonWriter;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'pools.json');
    this.#writer = new AtomicJsonWriter(this.path);
  }

  async load(): Promise<SavedPoolsData> {
    try {
      return fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return { pools: [], pins: {} };
    }
  }

  async save(data: SavedPoolsData): Promise<void> {
    await this.#writer.write(fileSchema.parse(data));
  }
}
