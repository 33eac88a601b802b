import { execFile } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';

/** A certificate and its private key, both PEM. */
export interface TlsCredentials {
  cert: string;
  key: string;
}

/** The SHA-256 fingerprint of a PEM certificate, as browsers show it (AB:CD:…). */
export function certificateFingerprint(certPem: string): string {
  return new X509Certificate(certPem).fingerprint256;
}

/** A subjectAltName entry for a name the user passed, or null for one a certificate cannot carry. */
function altName(name: string): string | null {
  const bare = name.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return `IP:${bare}`;
  return /^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/i.test(bare) ? `DNS:${bare}` : null;
}

/**
 * Makes a fresh self-signed certificate (P-256, 90 days) for the given names with the system's `openssl`. The key
 * only ever lives in this process's memory: a new one is made at every start, and its fingerprint printed, so
 * nothing secret is left on disk.
 */
export function createSelfSignedCertificate(names: readonly string[]): Promise<TlsCredentials> {
  const altNames = [...new Set(['DNS:localhost', 'IP:127.0.0.1', ...names.map(altName).filter((entry) => entry !== null)])];
  const args = [
    'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '90',
    '-subj', '/CN=Xenith', '-addext', `subjectAltName=${altNames.join(',')}`, '-keyout', '-', '-out', '-',
  ];
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { timeout: 30_000 }, (error, stdout) => {
      const key = /-----BEGIN PRIVATE KEY-----[\s\S]+?-----END PRIVATE KEY-----\n?/.exec(stdout)?.[0];
      const cert = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----\n?/.exec(stdout)?.[0];
      if (error || !key || !cert) {
        const why = (error as NodeJS.ErrnoException | null)?.code === 'ENOENT' ? 'openssl is not installed' : (error?.message ?? 'openssl printed no certificate');
        reject(new Error(`Could not make a self-signed certificate (${why}). Pass --tls-cert and --tls-key instead.`));
        return;
      }
      resolve({ cert, key });
    });
  });
}
