import type { SecretStoreId } from '../../shared/api/methods/app.js';

/**
 * A narrow view of the OS keychain: passwords are stored per account under one service name.
 * The server never writes a secret anywhere else.
 */
export interface SecretStore {
  /** Which store this is (the contract's app.health reports it). */
  readonly store: SecretStoreId;
  /** Human-readable name of the backend, for messages ("Secret Service (GNOME Keyring)", "session only"). */
  readonly kind: string;
  /** Whether secrets survive a restart (false for the session-only fallback). */
  readonly persistent: boolean;
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** Keeps secrets in memory for this process only: the fallback when no keychain is reachable. */
export function createSessionSecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    store: 'session',
    kind: 'session only',
    persistent: false,
    async get(account) {
      return secrets.get(account) ?? null;
    },
    async set(account, secret) {
      secrets.set(account, secret);
    },
    async delete(account) {
      return secrets.delete(account);
    },
  };
}
