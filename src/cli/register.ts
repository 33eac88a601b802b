import { hostname } from 'node:os';
import { normalizeFingerprint, probeCertificate } from '../main/trust/certificate-info.js';
import { ApiClient, describeTarget } from './api-client.js';
import type { CliOptions } from './argv.js';
import { loadConfig, removeConfig, saveConfig, type Target } from './config-file.js';
import { CallFailedError, ExitCode, UsageError } from './exit-codes.js';
import { defaultSocketPath } from './local-socket.js';
import { askYesNo, isInteractive } from './prompt.js';
import { serverKey } from './session.js';
import { forgetToken, keepToken, readToken } from './token-vault.js';

/** What every API token starts with (the start-up token never does). */
const apiTokenPrefix = 'xnt_';

/**
 * Trusts an HTTPS server's certificate as pool.add does a host's: trusted by the OS, or the fingerprint given
 * (`--fingerprint`) or confirmed on a terminal; otherwise refused, printing the fingerprint seen.
 */
async function pinServerCertificate(url: URL, given: string | null): Promise<Target & { kind: 'url' }> {
  const certificate = await probeCertificate(url.hostname.replace(/^\[|\]$/g, ''), Number(url.port || 443));
  if (certificate.trustedByOs && !given) return { kind: 'url', url: url.origin, tls: null };
  const pin = { kind: 'url' as const, url: url.origin, tls: { fingerprint: certificate.fingerprint, pem: certificate.pem } };
  if (given) {
    if (normalizeFingerprint(given) === certificate.fingerprint) return pin;
    throw new CallFailedError('CERTIFICATE_FINGERPRINT_MISMATCH', `${url.host} presents a certificate with the SHA-256 fingerprint ${certificate.fingerprint}, not the one given. Nothing was sent to it.`);
  }
  const seen = `${url.host} presents a certificate the OS does not trust:\n  subject      ${certificate.subject}\n  SHA-256      ${certificate.fingerprint}\n`;
  if (isInteractive()) {
    process.stderr.write(seen);
    if (await askYesNo('Is this the fingerprint serve mode printed? Trust it')) return pin;
  } else {
    process.stderr.write(seen);
  }
  throw new CallFailedError('CERTIFICATE_REJECTED', `Not trusted. Compare the fingerprint with the one serve mode printed, then run again with --fingerprint ${certificate.fingerprint}.`);
}

/** Makes a token for this machine with the start-up token, trying "name (2)"… when the name is taken. */
async function createTokenFor(client: ApiClient, chosen: string | null): Promise<{ tokenId: string; name: string; secret: string }> {
  const base = chosen ?? `xenith-cli on ${hostname()}`;
  for (let attempt = 1; ; attempt++) {
    const name = attempt === 1 ? base : `${base} (${attempt})`;
    const result = await client.call('token.create', { name });
    if (result.ok) {
      const { token, secret } = result.output as { token: { tokenId: string; name: string }; secret: string };
      return { tokenId: token.tokenId, name: token.name, secret };
    }
    if (result.error.code !== 'TOKEN_NAME_TAKEN' || chosen !== null || attempt >= 20) throw new CallFailedError(result.error.code, result.error.message);
  }
}

/**
 * `register <url> [--token T]` / `register --socket`: checks the server answers, and saves where it is. With the
 * serve run's start-up token (in the URL it printed, or --token), a named API token is made for this machine and
 * kept instead — the start-up token changes at every run; with an API token (`xnt_…`), that token is kept.
 */
export async function register(words: readonly string[], options: CliOptions): Promise<number> {
  const previous = await loadConfig();
  if (options.socket !== null) {
    const target: Target = { kind: 'socket', path: options.socket === true ? defaultSocketPath() : options.socket };
    const client = await ApiClient.open(target, null);
    const { version } = await client.output<{ version: string }>('system.version', {});
    client.close();
    await saveConfig({ target, token: null });
    process.stdout.write(`Registered ${describeTarget(target)} (Xenith ${version}); no token is needed there.\n`);
    return ExitCode.ok;
  }
  const address = words[0];
  if (!address || words.length > 1) throw new UsageError('Usage: xenith-cli register <url> [--token T] [--name N] [--fingerprint FP] | register --socket[=PATH]');
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new UsageError(`${address} is not a URL: give the address serve mode printed (http://127.0.0.1:PORT/?token=…).`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError('The URL must start with http:// or https://.');
  const token = options.token ?? url.searchParams.get('token');
  if (!token) throw new UsageError('Give a token: the address serve mode printed carries its start-up token (…/?token=…), or pass --token with an API token from Settings.');
  const target: Target & { kind: 'url' } = url.protocol === 'https:' ? await pinServerCertificate(url, options.fingerprint) : { kind: 'url', url: url.origin, tls: null };
  const key = serverKey(target);
  if (token.startsWith(apiTokenPrefix)) {
    const client = await ApiClient.open(target, { bearer: token });
    const { version } = await client.output<{ version: string }>('system.version', {});
    client.close();
    const { stored, where } = await keepToken(key, token, { tokenId: null, name: null });
    await saveConfig({ target, token: stored });
    process.stdout.write(`Registered ${target.url} (Xenith ${version}); the API token is kept in ${where}.\n`);
    return ExitCode.ok;
  }
  const client = await ApiClient.open(target, { startupToken: token });
  try {
    // Registering again replaces this machine's earlier token rather than leaving it behind.
    if (previous?.token?.tokenId && serverKey(previous.target) === key) {
      await client.call('token.revoke', { tokenId: previous.token.tokenId });
      await forgetToken(key, previous.token);
    }
    const created = await createTokenFor(client, options.name);
    const { stored, where } = await keepToken(key, created.secret, { tokenId: created.tokenId, name: created.name });
    await saveConfig({ target, token: stored });
    process.stdout.write(`Registered ${target.url} with a new API token "${created.name}", kept in ${where}. Revoke it in Settings or with xenith-cli unregister.\n`);
    return ExitCode.ok;
  } finally {
    client.close();
  }
}

/** `unregister`: revokes the token `register` made (when the server answers) and forgets it and the address. */
export async function unregister(): Promise<number> {
  const config = await loadConfig();
  if (!config) {
    process.stdout.write('xenith-cli was not registered.\n');
    return ExitCode.ok;
  }
  const key = serverKey(config.target);
  if (config.token?.tokenId) {
    const secret = await readToken(key, config.token);
    const revoked = secret
      ? await ApiClient.open(config.target, { bearer: secret })
          .then(async (client) => {
            const result = await client.call('token.revoke', { tokenId: config.token!.tokenId });
            client.close();
            return result.ok;
          })
          .catch(() => false)
      : false;
    if (!revoked) process.stderr.write(`Could not revoke the token "${config.token.name}" on ${describeTarget(config.target)}: revoke it in Settings.\n`);
  }
  if (config.token) await forgetToken(key, config.token);
  await removeConfig();
  process.stdout.write(`Forgot ${describeTarget(config.target)}.\n`);
  return ExitCode.ok;
}
