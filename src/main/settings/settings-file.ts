import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { defaultSettings, settingsSchema, type Settings } from '../../shared/api/settings-schema.js';

/** Reads and writes the settings JSON file; writes go through a temp file so a crash never leaves half a file. */
export class SettingsFile {
  readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, 'settings.json');
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
    await mkdir(dirname(this.path), { recursive: true });
    const temp = `${this.path}.${process.pid}.tmp`;
    await writeFile(temp, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
    await rename(temp, this.path);
  }
}
