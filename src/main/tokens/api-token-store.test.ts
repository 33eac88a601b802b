import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ApiTokenStore } from './api-token-store.js';

const freshDir = () => mkdtempSync(join(tmpdir(), 'xenith-tokens-'));

describe('API tokens', () => {
  it('returns the secret once and keeps only its hash on disk, private to the user', async () => {
    const dir = freshDir();
    const store = new ApiTokenStore(dir);
    const { token, secret } = await store.create('backup script');
    expect(secret).toMatch(/^xnt_[A-Za-z0-9_-]{43}$/);
    expect(token).toMatchObject({ name: 'backup script', lastUsedAt: null });
    const file = readFileSync(join(dir, 'api-tokens.json'), 'utf8');
    expect(file).not.toContain(secret);
    expect(file).not.toContain(secret.slice(4));
    expect(statSync(join(dir, 'api-tokens.json')).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual([token]);
  });

  it('authenticates a secret, recording its last use, also after a restart', async () => {
    const dir = freshDir();
    let now = new Date('2026-01-01T10:00:00Z');
    const { token, secret } = await new ApiTokenStore(dir, { now: () => now }).create('ci');
    now = new Date('2026-02-03T04:05:06Z');
    const restarted = new ApiTokenStore(dir, { now: () => now });
    expect(await restarted.authenticate(secret)).toMatchObject({ tokenId: token.tokenId, lastUsedAt: '2026-02-03T04:05:06.000Z' });
    expect(await restarted.list()).toEqual([{ ...token, lastUsedAt: '2026-02-03T04:05:06.000Z' }]);
  });

  it('refuses a revoked token, a wrong one and anything not shaped like a token', async () => {
    const store = new ApiTokenStore(freshDir());
    const kept = await store.create('kept');
    const gone = await store.create('gone');
    expect(await store.revoke(gone.token.tokenId)).toBe(true);
    expect(await store.revoke(gone.token.tokenId)).toBe(false);
    expect(await store.authenticate(gone.secret)).toBeNull();
    expect(await store.authenticate(`${kept.secret.slice(0, -1)}${kept.secret.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    for (const junk of ['', 'xnt_', kept.secret.slice(4), `${kept.secret} `, 'x'.repeat(10_000)]) expect(await store.authenticate(junk)).toBeNull();
    expect(await store.authenticate(kept.secret)).toMatchObject({ name: 'kept' });
    expect((await store.list()).map((token) => token.name)).toEqual(['kept']);
  });

  it('refuses a second token with the same name', async () => {
    const store = new ApiTokenStore(freshDir());
    await store.create('laptop');
    await expect(store.create('laptop')).rejects.toMatchObject({ apiError: { code: 'TOKEN_NAME_TAKEN' } });
  });

  it('tells its follower the whole list after every change, never a secret', async () => {
    const seen: unknown[] = [];
    const store = new ApiTokenStore(freshDir(), { onChange: (tokens) => seen.push(tokens) });
    const { token, secret } = await store.create('watched');
    await store.authenticate(secret);
    await store.revoke(token.tokenId);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toHaveLength(3);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(seen.at(-1)).toEqual([]);
  });
});
