import { describe, expect, it } from 'vitest';
import { probeAccount, probeAccountPrefix, probeKeychain } from './probe-keychain.js';
import type { SecretStore } from './secret-store.js';

type Failure = 'none' | 'write-keeps-entry' | 'read-refused' | 'read-garbled' | 'delete-refused';

/**
 * An in-memory keychain that fails the way real ones do: the kernel keyring stores a key and then refuses
 * to read it back; a write can fail after the entry exists; a store can refuse to delete.
 */
function keychainThatFails(failure: Failure): SecretStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    store: 'secret-service',
    kind: 'test keychain',
    persistent: true,
    entries,
    async set(account, secret) {
      entries.set(account, secret);
      if (failure === 'write-keeps-entry') throw new Error('write failed half-way');
    },
    async get(account) {
      if (failure === 'read-refused') throw new Error("Couldn't access platform storage: AccessDenied");
      const value = entries.get(account) ?? null;
      return failure === 'read-garbled' && value !== null ? `${value}?` : value;
    },
    async delete(account) {
      if (failure === 'delete-refused') throw new Error('the store is locked');
      return entries.delete(account);
    },
  };
}

describe('the keychain probe', () => {
  it('finds a working keychain and leaves nothing in it', async () => {
    const keychain = keychainThatFails('none');
    expect(await probeKeychain(keychain)).toEqual({ available: true });
    expect([...keychain.entries.keys()]).toEqual([]);
  });

  it.each([
    ['write-keeps-entry', 'write failed half-way'],
    ['read-refused', 'AccessDenied'],
    ['read-garbled', 'did not return what was stored'],
  ] as const)('deletes its entry when the %s path fails, and says why', async (failure, reason) => {
    const keychain = keychainThatFails(failure);
    const result = await probeKeychain(keychain);
    expect(result.available).toBe(false);
    expect(result.available ? '' : result.reason).toContain(reason);
    expect([...keychain.entries.keys()]).toEqual([]);
  });

  it('counts a keychain that refuses to delete as unusable', async () => {
    const result = await probeKeychain(keychainThatFails('delete-refused'));
    expect(result).toEqual({ available: false, reason: 'the keychain refused to delete an entry (the store is locked)' });
  });

  it('names each probe after its process, uniquely', () => {
    const first = probeAccount(4242);
    expect(first.startsWith(`${probeAccountPrefix}4242-`)).toBe(true);
    expect(probeAccount(4242)).not.toBe(first);
  });
});
