import type { Logger } from '../logging/logger.js';
import { createKeyringSecretStore, probeKeychain } from './keyring-secret-store.js';
import { createSessionSecretStore, type SecretStore } from './secret-store.js';

/**
 * The OS keychain when it works here; otherwise passwords are kept for this session only and the user is
 * told so. There is no fallback to a file: a password never touches the disk in plain text.
 */
export async function chooseSecretStore(logger: Logger, notify: (message: string) => void): Promise<SecretStore> {
  try {
    const keychain = await createKeyringSecretStore();
    const probe = await probeKeychain(keychain);
    if (probe.available) return keychain;
    notify(`No OS keychain is available (${probe.reason}). Saved pools will keep their passwords for this session only.`);
  } catch (error) {
    notify(`The OS keychain cannot be used (${String(error)}). Saved pools will keep their passwords for this session only.`);
  }
  logger.warn('using the session-only secret store');
  return createSessionSecretStore();
}
