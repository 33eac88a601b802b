import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { apiUrl, callOverSocket, healthOf, rawExchange, statusOf, upgradeStatus } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { upgradeRequest } from '../test-support/ws-frames.js';
import { startServeTransport, type ServeHandle, type ServeOptions } from './serve-transport.js';

const handles: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function start(options: Partial<ServeOptions> = {}): Promise<ServeHandle> {
  const handle = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger, ...options });
  handles.push(handle);
  return handle;
}

describe('serve mode security', () => {
  it('binds to 127.0.0.1 on a random port by default', async () => {
    const { host, port, url } = await start();
    expect(host).toBe('127.0.0.1');
    expect(port).toBeGreaterThan(0);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses a WebSocket without the token', async () => {
    const { port } = await start();
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api`)).toBe(401);
  });

  it('refuses a WebSocket with a wrong token', async () => {
    const { port } = await start();
    expect(await upgradeStatus(`ws://127.0.0.1:${port}/api?token=wrong`)).toBe(401);
  });

  it('refuses a WebSocket from a foreign Origin even with the token', async () => {
    const served = await start();
    expect(await upgradeStatus(apiUrl(served), { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(apiUrl(served), { origin: `http://127.0.0.1:${served.port}` })).toBe(101);
    expect(await upgradeStatus(apiUrl(served), { origin: `http://localhost:${served.port}` })).toBe(101);
  });

  it('refuses HTTP requests without the token and trades a valid one for an HttpOnly cookie named for its port', async () => {
    const { port, token, cookieName } = await start();
    expect(cookieName).toBe(`xenith_token_${port}`);
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^xenith_token_${port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/$`));
    expect(response.headers.get('location')).toBe('/');
  });

  it('accepts the cookie of its own port only, so two servers on one machine keep their own tokens', async () => {
    const first = await start();
    const second = await start();
    const cookies = `${first.cookieName}=${first.token}; ${second.cookieName}=${second.token}`;
    expect(await upgradeStatus(`ws://127.0.0.1:${first.port}/api`, { headers: { cookie: cookies } })).toBe(101);
    expect(await upgradeStatus(`ws://127.0.0.1:${second.port}/api`, { headers: { cookie: cookies } })).toBe(101);
    // The other server's cookie alone opens nothing here, nor does the old port-less name.
    expect(await upgradeStatus(`ws://127.0.0.1:${first.port}/api`, { headers: { cookie: `${second.cookieName}=${second.token}` } })).toBe(401);
    expect(await upgradeStatus(`ws://127.0.0.1:${first.port}/api`, { headers: { cookie: `xenith_token=${first.token}` } })).toBe(401);
  });

  it('redirects after the token trade to a path on this server, never to another host', async () => {
    const { port, token } = await start();
    const answer = await rawExchange(port, `GET //evil.example/?token=${token} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(answer)).toBe(302);
    expect(answer).toMatch(/\r\nlocation: \/evil\.example\/\r\n/i);
  });

  it('refuses requests and upgrades for a host name it does not answer to (DNS rebinding), with the token', async () => {
    const served = await start();
    const { port, token } = served;
    const get = (host: string) => rawExchange(port, `GET /?token=${token} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`).then(statusOf);
    const upgrade = (host: string) => rawExchange(port, upgradeRequest(`/api?token=${token}`, host), { untilHead: true }).then(statusOf);
    for (const foreign of ['evil.example', `evil.example:${port}`, `127.0.0.1.nip.io:${port}`, `127.0.0.1:${port + 1}`, '', `[::1:${port}`]) {
      expect(await get(foreign), foreign).toBe(403);
      expect(await upgrade(foreign), foreign).toBe(403);
    }
    for (const own of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      expect(await get(own), own).toBe(302);
      expect(await upgrade(own), own).toBe(101);
    }
    expect(await healthOf(served)).toBe('ok');
  });

  it('answers to the extra names it is given', async () => {
    const { port, token } = await start({ allowedHosts: ['xenith.lan'] });
    const get = (host: string) => rawExchange(port, `GET /?token=${token} HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`).then(statusOf);
    expect(await get(`xenith.lan:${port}`)).toBe(302);
    expect(await get(`other.lan:${port}`)).toBe(403);
  });

  it('refuses to serve plain HTTP on an address other machines can reach', async () => {
    await expect(start({ host: '0.0.0.0' })).rejects.toThrow(/without TLS/);
  });

  it('carries calls and VALIDATION errors naming the field over the WebSocket', async () => {
    const url = apiUrl(await start());
    expect(await callOverSocket(url, 'app.version', {})).toMatchObject({ type: 'result', id: 7, ok: true, output: { version: '9.9.9-test' } });
    expect(await callOverSocket(url, 'settings.set', { taskPanelOpen: 'yes' })).toMatchObject({
      type: 'result', id: 7, ok: false, error: { code: 'VALIDATION', params: ['taskPanelOpen'] },
    });
  });
});
