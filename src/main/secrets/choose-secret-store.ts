import type { Logger } from '../logging/logger.js';
import { createKeyringSecretStore } from './keyring-secret-store.js';
import { platformKeychain } from './platform-keychain.js';
import { probeKeychain } from './probe-keychain.js';
import { secretServiceKind, secretServiceProvider } from './secret-service-provider.js';
import { createSessionSecretStore, type SecretStore } from './secret-store.js';

const sessionOnly = 'Saved pools will keep their passwords for this session only.';

/**
 * The OS keychain when it works here (the Secret Service on Linux, never the kernel keyring, which a reboot
 * empties); otherwise passwords are kept for this session only and the user is told so. There is no fallback
 * to a file: a password never touches the disk in plain text. The store chosen is logged and reported by
 * app.health, named as it is ("Secret Service (GNOME Keyring)", "macOS Keychain", "session only").
 */
export async function chooseSecretStore(
  logger: Logger,
  notify: (message: string) => void,
  platform: NodeJS.Platform = process.platform,
): Promise<SecretStore> {
  const keychain = platformKeychain(platform);
  if (!keychain) {
    notify(`No OS keychain is known on ${platform}. ${sessionOnly}`);
  } else {
    try {
      const probe = await probeKeychain(await createKeyringSecretStore(keychain));
      if (probe.available) {
        const kind = keychain.store === 'secret-service' ? secretServiceKind(await secretServiceProvider()) : keychain.kind;
        logger.info(`saved passwords are kept in ${kind}`, { store: keychain.store });
        return createKeyringSecretStore({ ...keychain, kind });
      }
      notify(`No OS keychain is available (${keychain.kind}: ${probe.reason}). ${sessionOnly}`);
    } catch (error) {
      notify(`The OS keychain cannot be used (${String(error)}). ${sessionOnly}`);
    }
  }
  logger.warn('using the session-only secret store');
  return createSessionSecretStore();
}
