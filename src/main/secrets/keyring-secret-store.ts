import type { SecretStore } from './secret-store.js';

/** The service name Xenith's entries carry in the OS keychain. */
export const keychainService = 'Xenith';

interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(password: string): void;
  deletePassword(): boolean;
}
type EntryConstructor = new (service: string, account: string) => KeyringEntry;

/**
 * The OS keychain (macOS Keychain, Windows Credential Manager, Secret Service on Linux) through
 * @napi-rs/keyring, a maintained N-API binding that needs no rebuild per Electron version.
 */
export async function createKeyringSecretStore(service = keychainService): Promise<SecretStore> {
  // Loaded on demand: a platform without a prebuilt binding must fall back, not crash at start.
  const { Entry } = (await import('@napi-rs/keyring')) as unknown as { Entry: EntryConstructor };
  return {
    kind: 'OS keychain',
    persistent: true,
    async get(account) {
      return new Entry(service, account).getPassword() ?? null;
    },
    async set(account, secret) {
      new Entry(service, account).setPassword(secret);
    },
    async delete(account) {
      try {
        return new Entry(service, account).deletePassword();
      } catch {
        return false;
      }
    },
  };
}

/**
 * Checks that the keychain really works here (a headless box often has no Secret Service) by writing,
 * reading and deleting a probe entry. Returns the reason when it does not.
 */
export async function probeKeychain(store: SecretStore): Promise<{ available: true } | { available: false; reason: string }> {
  const account = `xenith-probe-${process.pid}`;
  try {
    await store.set(account, 'probe');
    const value = await store.get(account);
    await store.delete(account);
    return value === 'probe' ? { available: true } : { available: false, reason: 'the keychain did not return what was stored' };
  } catch (error) {
    return { available: false, reason: error instanceof Error ? error.message : String(error) };
  }
}
