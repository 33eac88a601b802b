import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { healthOf, trustByFingerprint } from '../test-support/serve-client.js';
import { createSelfSignedCertificate } from '../transport/self-signed-certificate.js';
import { parseServeArgs } from './serve-args.js';
import { resolveServeTls } from './serve-tls.js';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'xenith-tls-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

const defaults = { host: '127.0.0.1', tls: false, tlsCert: undefined, tlsKey: undefined, allowHosts: [] };

describe('serve TLS choice', () => {
  it('stays plain HTTP on loopback unless asked', async () => {
    expect(await resolveServeTls(defaults)).toEqual({ kind: 'plain' });
    expect(await resolveServeTls({ ...defaults, host: 'localhost' })).toEqual({ kind: 'plain' });
  });

  it('never serves plain HTTP off loopback: without a certificate it makes one for that address', async () => {
    const chosen = await resolveServeTls({ ...defaults, host: '192.0.2.7', allowHosts: ['xenith.lan'] });
    expect(chosen.kind).toBe('self-signed');
    if (chosen.kind === 'plain') return;
    const certificate = new X509Certificate(chosen.credentials.cert);
    expect(certificate.subjectAltName).toContain('IP Address:192.0.2.7');
    expect(certificate.subjectAltName).toContain('DNS:xenith.lan');
    expect(chosen.fingerprint).toBe(certificate.fingerprint256);
  });

  it('uses the certificate given, and says which file is wrong', async () => {
    const dir = tempDir();
    const { cert, key } = await createSelfSignedCertificate(['xenith.lan']);
    writeFileSync(join(dir, 'cert.pem'), cert);
    writeFileSync(join(dir, 'key.pem'), key, { mode: 0o600 });
    writeFileSync(join(dir, 'junk.pem'), 'not a certificate');
    const given = await resolveServeTls({ ...defaults, host: '0.0.0.0', tlsCert: join(dir, 'cert.pem'), tlsKey: join(dir, 'key.pem') });
    expect(given).toMatchObject({ kind: 'given', credentials: { cert, key }, fingerprint: new X509Certificate(cert).fingerprint256 });
    await expect(resolveServeTls({ ...defaults, tlsCert: join(dir, 'junk.pem'), tlsKey: join(dir, 'key.pem') })).rejects.toThrow(/junk\.pem is not a PEM certificate/);
    await expect(resolveServeTls({ ...defaults, tlsCert: join(dir, 'missing.pem'), tlsKey: join(dir, 'key.pem') })).rejects.toThrow(/missing\.pem: ENOENT/);
  });

  it('takes --tls-cert and --tls-key together only, and --allow-host more than once', () => {
    expect(() => parseServeArgs(['--tls-cert', 'c.pem'])).toThrow(/go together/);
    expect(parseServeArgs(['--tls-cert', 'c.pem', '--tls-key', 'k.pem'])).toMatchObject({ tlsCert: 'c.pem', tlsKey: 'k.pem' });
    expect(parseServeArgs(['--allow-host', 'a.lan', '--allow-host', 'b.lan']).allowHosts).toEqual(['a.lan', 'b.lan']);
  });

  it('npm run serve -- --tls prints a fingerprint a client can trust the server by', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli/serve.ts', '--tls', '--json', '--data-dir', tempDir()], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'ignore'],
      env: { ...process.env, XENITH_RENDERER_DIR: '/nonexistent' },
    });
    cleanups.push(() => child.kill('SIGKILL'));
    const line = await new Promise<string>((resolveLine, reject) => {
      createInterface({ input: child.stdout }).once('line', resolveLine);
      child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its address`)));
    });
    const printed = JSON.parse(line) as { url: string; port: number; fingerprint: string };
    expect(printed.url).toMatch(/^https:\/\//);
    const token = new URL(printed.url).searchParams.get('token')!;
    expect(await healthOf({ port: printed.port, token, secure: true }, await trustByFingerprint(printed.port, printed.fingerprint))).toBe('ok');
  });
});
