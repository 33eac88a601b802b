import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ApiTokenInfo } from '../../shared/api/methods/tokens.js';
import { ApiFailure } from '../api/failure.js';
import { AtomicJsonWriter } from '../util/atomic-json-file.js';

/** What every API token starts with, so a secret scanner (or a person) recognises one in a leaked file. */
export const apiTokenPrefix = 'xnt_';

/** The shape of a secret this store issues: the prefix and 32 random bytes in base64url. */
const secretPattern = /^xnt_[A-Za-z0-9_-]{43}$/;

/** More than any person keeps; a bound so a script in a loop cannot grow the file without end. */
export const maxApiTokens = 200;

/**
 * One token on disk: its SHA-256, never the secret. A fast hash is enough here: the secret is 32 random bytes, so
 * there is nothing to guess that a slow hash would protect.
 */
const storedTokenSchema = z.object({
  tokenId: z.string().min(1).max(100),
  name: z.string().max(200),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
});
type StoredToken = z.infer<typeof storedTokenSchema>;

const fileSchema = z.object({ tokens: z.array(z.unknown()).default([]) });

function hashOf(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

function infoOf({ tokenId, name, createdAt, lastUsedAt }: StoredToken): ApiTokenInfo {
  return { tokenId, name, createdAt, lastUsedAt };
}

export interface ApiTokenStoreOptions {
  /** Told after every change (created, revoked, used) with the whole list. */
  onChange?: (tokens: ApiTokenInfo[]) => void;
  now?: () => Date;
}

/**
 * api-tokens.json in the data directory: named, long-lived tokens for scripts and xenith-cli, each kept as a hash
 * with its creation date and last use. A revoked token is deleted, so nothing can match it again.
 */
export class ApiTokenStore {
  readonly path: string;
  readonly #writer: AtomicJsonWriter;
  readonly #options: ApiTokenStoreOptions;
  readonly #byId = new Map<string, StoredToken>();
  readonly #byHash = new Map<string, StoredToken>();
  #loaded: Promise<void> | null = null;

  constructor(dataDir: string, options: ApiTokenStoreOptions = {}) {
    this.path = join(dataDir, 'api-tokens.json');
    this.#writer = new AtomicJsonWriter(this.path);
    this.#options = options;
  }

  async list(): Promise<ApiTokenInfo[]> {
    await this.#load();
    return [...this.#byId.values()].map(infoOf);
  }

  /** Makes a token; the secret is returned here once and never stored. */
  async create(name: string): Promise<{ token: ApiTokenInfo; secret: string }> {
    await this.#load();
    if ([...this.#byId.values()].some((token) => token.name === name)) {
      throw new ApiFailure('TOKEN_NAME_TAKEN', `There is already a token named "${name}". Choose another name, or revoke that one first.`, { params: [name] });
    }
    if (this.#byId.size >= maxApiTokens) {
      throw new ApiFailure('TOO_MANY_TOKENS', `There are already ${maxApiTokens} API tokens. Revoke the ones no script uses any more.`);
    }
    const secret = `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
    const token: StoredToken = { tokenId: randomBytes(8).toString('hex'), name, sha256: hashOf(secret), createdAt: this.#now(), lastUsedAt: null };
    this.#add(token);
    await this.#save();
    return { token: infoOf(token), secret };
  }

  /** Deletes a token; true when there was one. Its connections are closed by whoever follows the change. */
  async revoke(tokenId: string): Promise<boolean> {
    await this.#load();
    const token = this.#byId.get(tokenId);
    if (!token) return false;
    this.#byId.delete(tokenId);
    this.#byHash.delete(token.sha256);
    await this.#save();
    return true;
  }

  /** The token a presented secret belongs to (recording its use), or null: unknown, revoked or malformed. */
  async authenticate(secret: string): Promise<ApiTokenInfo | null> {
    if (!secretPattern.test(secret)) return null;
    await this.#load();
    const token = this.#byHash.get(hashOf(secret));
    if (!token) return null;
    const used = { ...token, lastUsedAt: this.#now() };
    this.#add(used);
    // The use is recorded in the background: a full disk must not refuse a valid token.
    void this.#save().catch(() => {});
    return infoOf(used);
  }

  #add(token: StoredToken): void {
    this.#byId.set(token.tokenId, token);
    this.#byHash.set(token.sha256, token);
  }

  #now(): string {
    return (this.#options.now?.() ?? new Date()).toISOString();
  }

  async #save(): Promise<void> {
    // The list as of this change, told once it is on disk: a slower earlier save must not announce a later change
    // (a revocation) before that change's own call has answered.
    const tokens = [...this.#byId.values()];
    await this.#writer.write({ tokens });
    this.#options.onChange?.(tokens.map(infoOf));
  }

  #load(): Promise<void> {
    this.#loaded ??= (async () => {
      let raw: unknown;
      try {
        raw = JSON.parse(await readFile(this.path, 'utf8'));
      } catch {
        return;
      }
      const file = fileSchema.safeParse(raw);
      // A hand-edited entry that no longer parses is skipped, not trusted: it can only fail to authenticate.
      for (const entry of file.success ? file.data.tokens : []) {
        const token = storedTokenSchema.safeParse(entry);
        if (token.success) this.#add(token.data);
      }
    })();
    return this.#loaded;
  }
}
