import { createKeyringSecretStore } from '../main/secrets/keyring-secret-store.js';
import { platformKeychain } from '../main/secrets/platform-keychain.js';
import { probeKeychain } from '../main/secrets/probe-keychain.js';
import type { SecretStore } from '../main/secrets/secret-store.js';
import type { StoredToken } from './config-file.js';

/** The keychain service of the CLI's entries, apart from the app's own pool passwords. */
const service = 'Xenith CLI';

/** The keychain account holding the token for one server. */
const accountFor = (serverKey: string) => `token:${serverKey}`;

/** The OS keychain when it really works here (the same probe the app makes), else null. */
async function workingKeychain(): Promise<SecretStore | null> {
  const keychain = platformKeychain();
  if (!keychain || process.env.XENITH_CLI_NO_KEYCHAIN === '1') return null;
  try {
    const store = await createKeyringSecretStore(keychain, service);
    return (await probeKeychain(store)).available ? store : null;
  } catch {
    return null;
  }
}

/** Keeps a token: in the OS keychain where there is one, else (returned for the 0600 config file) as is. */
export async function keepToken(serverKey: string, secret: string, identity: Pick<StoredToken, 'tokenId' | 'name'>): Promise<{ stored: StoredToken; where: string }> {
  const keychain = await workingKeychain();
  if (keychain) {
    await keychain.set(accountFor(serverKey), secret);
    return { stored: { ...identity, store: 'keychain' }, where: keychain.kind };
  }
  return { stored: { ...identity, store: 'file', secret }, where: 'the config file (no OS keychain here; readable by you only)' };
}

/** The secret of a stored token, or null when the keychain no longer has it. */
export async function readToken(serverKey: string, stored: StoredToken): Promise<string | null> {
  if (stored.store === 'file') return stored.secret ?? null;
  const keychain = platformKeychain();
  if (!keychain) return null;
  const store = await createKeyringSecretStore(keychain, service);
  return store.get(accountFor(serverKey)).catch(() => null);
}

/** Forgets a stored token's secret (the keychain entry; the file's copy goes with the config). */
export async function forgetToken(serverKey: string, stored: StoredToken): Promise<void> {
  if (stored.store !== 'keychain') return;
  const keychain = platformKeychain();
  if (!keychain) return;
  const store = await createKeyringSecretStore(keychain, service);
  await store.delete(accountFor(serverKey)).catch(() => false);
}
