import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AtomicJsonWriter } from '../util/atomic-json-file.js';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/api/settings-schema.js';

/** Reads and writes the settings JSON file; writes go through a temp file so a crash never leaves half a file. */
export class SettingsFile {
  readonly path: string;
  readonly #writer: AtomicJsonWriter;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
    this.#writer = new AtomicJsonWriter(this.path);
  }

  /** Loads the settings, falling back to defaults for anything missing or invalid. */
  async load(): Promise<Settings> {
    let raw: unknown;
    try {
      raw = JSON.parse(await readFile(this.path, 'utf8'));
    } catch {
      return { ...defaultSettings };
    }
    const merged = { ...defaultSettings, ...(typeof raw === 'object' && raw !== null ? raw : {}) };
    const parsed = settingsSchema.safeParse(merged);
    return parsed.success ? parsed.data : { ...defaultSettings };
  }

  async save(settings: Settings): Promise<void> {
    await this.#writer.write(settings);
  }
}
