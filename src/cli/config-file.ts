import { chmod, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { certificateFingerprintSchema } from '../shared/api/pool-schema.js';

/** Where the CLI connects: a serve-mode (or remote) URL, or the desktop app's local socket. */
const targetSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('url'),
    /** The server's origin: `http://127.0.0.1:8080`. */
    url: z.string(),
    /** A certificate the OS does not trust, pinned when registering (serve mode's own self-signed one). */
    tls: z.object({ fingerprint: certificateFingerprintSchema, pem: z.string() }).nullable(),
  }),
  z.object({ kind: z.literal('socket'), path: z.string() }),
]);
export type Target = z.infer<typeof targetSchema>;

/** The API token the CLI presents: where its secret is kept, and which token it is. */
const tokenSchema = z.object({
  /** The token's id and name when `register` made it (so `unregister` can revoke it); null for one given as is. */
  tokenId: z.string().nullable(),
  name: z.string().nullable(),
  store: z.enum(['keychain', 'file']),
  /** Only without a keychain: the secret itself, in this 0600 file. */
  secret: z.string().optional(),
});
export type StoredToken = z.infer<typeof tokenSchema>;

const configSchema = z.object({ target: targetSchema, token: tokenSchema.nullable() });
export type CliConfig = z.infer<typeof configSchema>;

/**
 * The CLI's config file: `$XDG_CONFIG_HOME/xenith/cli.json` (`~/.config/…`; `%APPDATA%\xenith\…` on Windows). It
 * says where to connect and, only where there is no OS keychain, holds the API token — never a pool password.
 */
export function configPath(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const base = env.XDG_CONFIG_HOME || (platform === 'win32' && env.APPDATA ? env.APPDATA : join(homedir(), '.config'));
  return join(base, 'xenith', 'cli.json');
}

/** The saved config, or null when the CLI was never registered (or the file no longer reads). */
export async function loadConfig(path = configPath()): Promise<CliConfig | null> {
  try {
    const parsed = configSchema.safeParse(JSON.parse(await readFile(path, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Writes the config readable by this user only (0600 in a 0700 directory), through a temp file. */
export async function saveConfig(config: CliConfig, path = configPath()): Promise<void> {
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(configSchema.parse(config), null, 2)}\n`, { mode: 0o600 });
  // writeFile's mode applies only to a new file: a temp left by a crash keeps its own.
  await chmod(temp, 0o600);
  await rename(temp, path);
}

export async function removeConfig(path = configPath()): Promise<void> {
  await rm(path, { force: true });
}
