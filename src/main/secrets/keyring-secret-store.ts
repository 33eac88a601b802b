import type { EntryOptions } from '@napi-rs/keyring';
import type { SecretStore } from './secret-store.js';
import type { PlatformKeychain } from './platform-keychain.js';

/** The service name Xenith's entries carry in the OS keychain. */
export const keychainService = 'Xenith';

/**
 * Pins every entry to the Secret Service on Linux. Without it the binding silently falls back to the kernel
 * keyring when no Secret Service answers, which does not survive a reboot; with it, that case throws and Xenith
 * says "session only" instead. The option is ignored on macOS and Windows, where there is one keychain.
 */
const entryOptions: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * @napi-rs/keyring, a maintained N-API binding that needs no rebuild per Electron version. Its async entries
 * run on the thread pool, so a slow keychain never stalls the server's event loop.
 */
export async function createKeyringSecretStore(keychain: PlatformKeychain, service = keychainService): Promise<SecretStore> {
  // Loaded on demand: a platform without a prebuilt binding must fall back, not crash at start.
  const { AsyncEntry } = await import('@napi-rs/keyring');
  const entry = (account: string) => new AsyncEntry(service, account, entryOptions);
  return {
    store: keychain.store,
    kind: keychain.kind,
    persistent: true,
    async get(account) {
      return (await entry(account).getPassword()) ?? null;
    },
    async set(account, secret) {
      await entry(account).setPassword(secret);
    },
    /** True when an entry was deleted, false when there was none; a store that refuses throws. */
    async delete(account) {
      return entry(account).deletePassword();
    },
  };
}
