import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { isLoopback, isWildcard } from '../transport/loopback.js';
import { certificateFingerprint, createSelfSignedCertificate, type TlsCredentials } from '../transport/self-signed-certificate.js';
import type { ServeArgs } from './serve-args.js';

/** How serve mode speaks: plain HTTP (loopback only), or TLS with the certificate's fingerprint to show. */
export type ServeTls =
  | { kind: 'plain' }
  | { kind: 'given' | 'self-signed'; credentials: TlsCredentials; fingerprint: string };

/**
 * Chooses serve mode's TLS: the certificate the user gave; else, for an address other machines can reach (or
 * `--tls`), one made now, whose fingerprint the user compares with what the browser shows; else plain HTTP on
 * loopback. Plain HTTP never leaves the machine: the token would cross the network in clear.
 */
export async function resolveServeTls(args: Pick<ServeArgs, 'host' | 'tlsCert' | 'tlsKey' | 'tls' | 'allowHosts'>): Promise<ServeTls> {
  if (args.tlsCert !== undefined && args.tlsKey !== undefined) {
    const [cert, key] = await Promise.all([readPem(args.tlsCert, 'certificate'), readPem(args.tlsKey, 'key')]);
    let fingerprint: string;
    try {
      fingerprint = certificateFingerprint(cert);
    } catch (error) {
      throw new Error(`${args.tlsCert} is not a PEM certificate (${(error as Error).message}).`, { cause: error });
    }
    return { kind: 'given', credentials: { cert, key }, fingerprint };
  }
  if (!args.tls && isLoopback(args.host)) return { kind: 'plain' };
  // On a wildcard address the certificate names the machine; the browser will be pointed at that name.
  const credentials = await createSelfSignedCertificate([isWildcard(args.host) ? hostname() : args.host, ...args.allowHosts]);
  return { kind: 'self-signed', credentials, fingerprint: certificateFingerprint(credentials.cert) };
}

async function readPem(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`Could not read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`, { cause: error });
  }
}
