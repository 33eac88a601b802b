import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';

const savedPoolSchema = z.object({
  poolId: z.string(),
  address: z.string(),
  user: z.string(),
  label: z.string(),
  autoConnect: z.boolean(),
});
export type SavedPool = z.infer<typeof savedPoolSchema>;

const pinSchema = z.object({ fingerprint: z.string(), pem: z.string(), poolId: z.string().optional() });

const fileSchema = z.object({
  pools: z.array(savedPoolSchema).default([]),
  pins: z.record(z.string(), pinSchema).default({}),
});
export type SavedPoolsData = z.infer<typeof fileSchema>;

/**
 * pools.json: saved pools (address, user, label, auto-connect) and pinned certificates. It never holds a
 * password — those live in the OS keychain — and the schema has no field that could.
 */
export class SavedPoolsFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'pools.json');
  }

  async load(): Promise<SavedPoolsData> {
    try {
      return fileSchema.parse(JSON.parse(await readFile(this.path, 'utf8')));
    } catch {
      return { pools: [], pins: {} };
    }
  }

  async save(data: SavedPoolsData): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(fileSchema.parse(data), null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.path);
  }
}
