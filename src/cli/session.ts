import { existsSync } from 'node:fs';
import { ApiClient, type Credentials } from './api-client.js';
import { loadConfig, type Target } from './config-file.js';
import { UsageError } from './exit-codes.js';
import { defaultSocketPath } from './local-socket.js';
import { readToken } from './token-vault.js';

/** The key the keychain files a server's token under. */
export function serverKey(target: Target): string {
  return target.kind === 'url' ? target.url : `socket:${target.path}`;
}

/** Where to connect and with what: XENITH_URL/XENITH_TOKEN first (for scripts), then what `register` saved. */
export async function resolveConnection(): Promise<{ target: Target; credentials: Credentials }> {
  const envUrl = process.env.XENITH_URL;
  if (envUrl) {
    const token = process.env.XENITH_TOKEN;
    return { target: { kind: 'url', url: new URL(envUrl).origin, tls: null }, credentials: token ? { bearer: token } : null };
  }
  const config = await loadConfig();
  if (config) {
    if (!config.token) return { target: config.target, credentials: null };
    const secret = await readToken(serverKey(config.target), config.token);
    if (!secret) throw new UsageError('The saved API token is gone from the keychain. Register again: xenith-cli register <url> --token <token>.');
    return { target: config.target, credentials: { bearer: secret } };
  }
  // Not registered: the desktop app's local socket, when it is open, needs no set-up.
  const socket = defaultSocketPath();
  if (existsSync(socket)) return { target: { kind: 'socket', path: socket }, credentials: null };
  throw new UsageError(
    'xenith-cli does not know which Xenith to talk to. Run `xenith-cli register <url>` with the address serve mode printed (it carries the start-up token), ' +
      '`xenith-cli register <url> --token <API token>`, or `xenith-cli register --socket` for the desktop app (Settings → Local socket).',
  );
}

/** Opens the API connection the CLI is set up for. */
export async function openSession(): Promise<ApiClient> {
  const { target, credentials } = await resolveConnection();
  return ApiClient.open(target, credentials);
}

/** Runs `work` on a session, closing it however the work ends. */
export async function withSession<T>(work: (client: ApiClient) => Promise<T>): Promise<T> {
  const client = await openSession();
  try {
    return await work(client);
  } finally {
    client.close();
  }
}
