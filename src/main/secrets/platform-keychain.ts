import type { SecretStoreId } from '../../shared/api/methods/app.js';

/** The OS keychain a platform offers: which store it is and how a person calls it. */
export interface PlatformKeychain {
  readonly store: Exclude<SecretStoreId, 'session'>;
  readonly kind: string;
}

/**
 * The keychain Xenith uses on each platform, or null where it knows none. On Linux (and FreeBSD) that is the
 * Secret Service only: the kernel keyring @napi-rs/keyring would otherwise fall back to is lost at reboot.
 */
export function platformKeychain(platform: NodeJS.Platform = process.platform): PlatformKeychain | null {
  switch (platform) {
    case 'darwin':
      return { store: 'macos-keychain', kind: 'macOS Keychain' };
    case 'win32':
      return { store: 'windows-credential-manager', kind: 'Windows Credential Manager' };
    case 'linux':
    case 'freebsd':
      return { store: 'secret-service', kind: 'Secret Service' };
    default:
      return null;
  }
}
