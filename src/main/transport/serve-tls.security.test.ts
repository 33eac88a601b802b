import { createPrivateKey, X509Certificate } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { healthOf, rawExchange, statusOf, trustByFingerprint } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { certificateFingerprint, createSelfSignedCertificate, type TlsCredentials } from './self-signed-certificate.js';
import { startServeTransport, type ServeHandle } from './serve-transport.js';

let credentials: TlsCredentials;
let fingerprint: string;
beforeAll(async () => {
  credentials = await createSelfSignedCertificate(['127.0.0.1', 'xenith.lan']);
  fingerprint = certificateFingerprint(credentials.cert);
});

let handle: ServeHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function startTls(): Promise<ServeHandle> {
  handle = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger, tls: credentials });
  return handle;
}

describe('serve mode over TLS', () => {
  it('makes a certificate for the names asked, with a SHA-256 fingerprint to compare', () => {
    expect(fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(new X509Certificate(credentials.cert).subjectAltName).toMatch(/IP Address:127\.0\.0\.1.*DNS:xenith\.lan|DNS:xenith\.lan.*IP Address:127\.0\.0\.1/);
    expect(new X509Certificate(credentials.cert).checkPrivateKey(createPrivateKey(credentials.key))).toBe(true);
  });

  it('serves https and wss; a client that trusts the printed fingerprint gets answers', async () => {
    const served = await startTls();
    expect(served.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
    const trust = await trustByFingerprint(served.port, fingerprint);
    expect(await healthOf({ ...served, secure: true }, trust)).toBe('ok');
    // The cookie only ever travels over TLS.
    const answer = await rawExchange(served.port, `GET /?token=${served.token} HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nConnection: close\r\n\r\n`, { secure: true });
    expect(statusOf(answer)).toBe(302);
    expect(answer).toMatch(new RegExp(`set-cookie: xenith_token_${served.port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/; Secure\\r\\n`, 'i'));
  });

  it('survives plain HTTP and garbage on its TLS port', async () => {
    const served = await startTls();
    await rawExchange(served.port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\n\r\n`);
    await rawExchange(served.port, Buffer.from([0x16, 0x03, 0x01, 0xff, 0xff, 0x01, 0x00, 0x00]));
    expect(await healthOf({ ...served, secure: true }, await trustByFingerprint(served.port, fingerprint))).toBe('ok');
  });
});
