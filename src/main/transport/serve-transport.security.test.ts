import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { silentLogger } from '../logging/logger.js';
import { createTestServer } from '../test-support/test-server.js';
import { startServeTransport, type ServeHandle } from './serve-transport.js';

let handle: ServeHandle | undefined;
afterEach(async () => {
  await handle?.close();
  handle = undefined;
});

async function start(): Promise<ServeHandle> {
  handle = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger });
  return handle;
}

/** Opens a WebSocket and resolves with the HTTP status of a refusal, or 101 when it opens. */
function upgradeStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

/** Makes one contract call over the WebSocket transport. */
function callOverSocket(url: string, method: string, input: unknown): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'call', id: 7, method, input })));
    socket.on('message', (data) => {
      socket.close();
      resolve(JSON.parse(String(data)));
    });
    socket.on('error', reject);
  });
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
    const { port, token } = await start();
    const url = `ws://127.0.0.1:${port}/api?token=${token}`;
    expect(await upgradeStatus(url, { origin: 'https://evil.example' })).toBe(403);
    expect(await upgradeStatus(url, { origin: `http://127.0.0.1:${port}` })).toBe(101);
  });

  it('refuses HTTP requests without the token and trades a valid one for an HttpOnly cookie', async () => {
    const { port, token } = await start();
    expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(401);
    const response = await fetch(`http://127.0.0.1:${port}/?token=${token}`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('set-cookie')).toMatch(/HttpOnly; SameSite=Strict/);
    expect(response.headers.get('location')).toBe('/');
  });

  it('carries calls and VALIDATION errors naming the field over the WebSocket', async () => {
    const { port, token } = await start();
    const url = `ws://127.0.0.1:${port}/api?token=${token}`;
    expect(await callOverSocket(url, 'app.version', {})).toMatchObject({ type: 'result', id: 7, ok: true, output: { version: '9.9.9-test' } });
    expect(await callOverSocket(url, 'settings.set', { taskPanelOpen: 'yes' })).toMatchObject({
      type: 'result', id: 7, ok: false, error: { code: 'VALIDATION', params: ['taskPanelOpen'] },
    });
  });
});
