/**
 * Self-signed X.509 certificates without OpenSSL or dependencies: a tiny DER writer, a P-256 key from
 * node:crypto, ecdsa-with-SHA256. With a state directory the key and certificate are kept, so the fingerprint
 * stays the same across restarts.
 */
import { createHash, createPrivateKey, generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';

export interface CertificatePair { keyPem: string; certPem: string; /** SHA-256 of the DER, `AB:CD:…` */ fingerprint256: string }

const len = (n: number): Buffer => {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let x = n; x > 0; x >>= 8) bytes.unshift(x & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
};
const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), len(body.length), body]);
};
const seq = (...c: Buffer[]): Buffer => tlv(0x30, ...c);
const oid = (dotted: string): Buffer => {
  const [a = 0, b = 0, ...rest] = dotted.split('.').map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk: number[] = [n & 0x7f];
    for (let x = n >> 7; x > 0; x >>= 7) chunk.unshift((x & 0x7f) | 0x80);
    out.push(...chunk);
  }
  return tlv(0x06, Buffer.from(out));
};
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, 'utf8'));
const time = (d: Date): Buffer => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(iso.slice(2))) : tlv(0x18, Buffer.from(iso));
};
const name = (cn: string): Buffer => seq(tlv(0x31, seq(oid('2.5.4.3'), utf8(cn))));

/** Generates a P-256 key and a self-signed certificate valid for `host` (IP or DNS name) for ten years. */
export function generateSelfSignedCertificate(host: string): CertificatePair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const serial = randomBytes(16);
  // Positive (top bit clear) and minimal (first byte non-zero): DER forbids a redundant leading zero, and
  // OpenSSL rejects such a certificate with "illegal padding" (1 run in 128 before this).
  serial[0] = (serial[0]! & 0x3f) | 0x40;
  const now = new Date();
  const notBefore = new Date(now.getTime() - 86_400_000);
  const notAfter = new Date(now.getTime() + 10 * 365 * 86_400_000);
  const algorithm = seq(oid('1.2.840.10045.4.3.2'));
  const ip = isIP(host);
  const altName = ip === 4 ? tlv(0x87, Buffer.from(host.split('.').map(Number))) : tlv(0x82, Buffer.from(host));
  const extensions = tlv(0xa3, seq(
    seq(oid('2.5.29.17'), tlv(0x04, seq(altName, tlv(0x82, Buffer.from('localhost'))))),
    seq(oid('2.5.29.19'), tlv(0x04, seq())),
  ));
  const tbs = seq(
    tlv(0xa0, tlv(0x02, Buffer.from([2]))),
    tlv(0x02, serial),
    algorithm,
    name(host),
    seq(time(notBefore), time(notAfter)),
    name(host),
    publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, privateKey);
  const der = seq(tbs, algorithm, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  const certPem = `-----BEGIN CERTIFICATE-----\n${der.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END CERTIFICATE-----\n`;
  const keyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  return { keyPem, certPem, fingerprint256: fingerprintOf(der) };
}

function fingerprintOf(der: Buffer): string {
  return createHash('sha256').update(der).digest('hex').toUpperCase().match(/.{2}/g)!.join(':');
}

/** The certificate for `host`, loaded from `stateDir/<name>.{key,cert}.pem` or generated (and saved there). */
export function loadOrCreateCertificate(host: string, stateDir: string | undefined, fileName: string): CertificatePair {
  if (stateDir) {
    const keyFile = join(stateDir, `${fileName}.key.pem`);
    const certFile = join(stateDir, `${fileName}.cert.pem`);
    if (existsSync(keyFile) && existsSync(certFile)) {
      const keyPem = readFileSync(keyFile, 'utf8');
      const certPem = readFileSync(certFile, 'utf8');
      createPrivateKey(keyPem);
      return { keyPem, certPem, fingerprint256: new X509Certificate(certPem).fingerprint256 };
    }
    const pair = generateSelfSignedCertificate(host);
    mkdirSync(stateDir, { recursive: true });
    writeFileSync(keyFile, pair.keyPem, { mode: 0o600 });
    writeFileSync(certFile, pair.certPem);
    return pair;
  }
  return generateSelfSignedCertificate(host);
}
