import { connect, type PeerCertificate, checkServerIdentity } from 'node:tls';
import { isIP } from 'node:net';

/** What a person needs to decide whether to trust a host's certificate. */
export interface CertificateInfo {
  host: string;
  port: number;
  /** SHA-256 fingerprint, uppercase hex pairs separated by colons (as Node and XAPI print it). */
  fingerprint: string;
  pem: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  /** Whether the OS trust store accepts it for this host name (then no pin is needed). */
  trustedByOs: boolean;
}

function describeName(name: PeerCertificate['subject'] | undefined): string {
  if (!name) return '';
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join('+') : value}`)
    .join(', ');
}

/** PEM text of a DER certificate. */
export function toPem(raw: Buffer): string {
  const base64 = raw.toString('base64').match(/.{1,64}/g)?.join('\n') ?? '';
  return `-----BEGIN CERTIFICATE-----\n${base64}\n-----END CERTIFICATE-----\n`;
}

/** Normalises a fingerprint to uppercase colon-separated hex, whatever its input format. */
export function normalizeFingerprint(fingerprint: string): string {
  const hex = fingerprint.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

/**
 * Connects to a host only to read its certificate: nothing is sent over the connection, so probing an
 * untrusted host leaks no credentials.
 */
export function probeCertificate(host: string, port: number, timeoutMs = 10_000): Promise<CertificateInfo> {
  return new Promise((resolve, reject) => {
    const socket = connect({
      host,
      port,
      servername: isIP(host) ? undefined : host,
      rejectUnauthorized: false,
      timeout: timeoutMs,
    });
    socket.once('timeout', () => socket.destroy(new Error(`No answer from ${host}:${port} within ${timeoutMs / 1000} s`)));
    socket.once('error', reject);
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate(true);
      const trustedByOs = socket.authorized && checkServerIdentity(host, cert) === undefined;
      socket.destroy();
      if (!cert?.raw) {
        reject(new Error(`${host}:${port} presented no certificate`));
        return;
      }
      resolve({
        host,
        port,
        fingerprint: normalizeFingerprint(cert.fingerprint256),
        pem: toPem(cert.raw),
        subject: describeName(cert.subject),
        issuer: describeName(cert.issuer),
        validFrom: new Date(cert.valid_from).toISOString(),
        validTo: new Date(cert.valid_to).toISOString(),
        trustedByOs,
      });
    });
  });
}
