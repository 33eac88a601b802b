import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { callOn, closeOf, openApiSocket, upgradeStatus } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { startServeTransport, type ServeHandle } from './serve-transport.js';

const handles: ServeHandle[] = [];
afterEach(async () => {
  await Promise.all(handles.splice(0).map((handle) => handle.close()));
});

async function start(): Promise<{ handle: ServeHandle; server: XenithServer }> {
  const { server } = createTestServer();
  const handle = await startServeTransport({ server, staticDir: '/nonexistent', logger: silentLogger });
  handles.push(handle);
  return { handle, server };
}

/** Makes a token the way Settings does: a contract call. */
async function createToken(server: XenithServer, name: string): Promise<{ tokenId: string; secret: string }> {
  const result = await server.dispatch('token.create', { name }, { clientId: 'test' });
  if (!result.ok) throw new Error(result.error.message);
  const { token, secret } = result.output as { token: { tokenId: string }; secret: string };
  return { tokenId: token.tokenId, secret };
}

const bearer = (secret: string) => ({ headers: { authorization: `Bearer ${secret}` } });

describe('API tokens on the serve transport', () => {
  it('opens the API socket with Authorization: Bearer <API token>, no cookie needed', async () => {
    const { handle, server } = await start();
    const { secret } = await createToken(server, 'script');
    const socket = await openApiSocket(`ws://127.0.0.1:${handle.port}/api`, bearer(secret));
    expect(await callOn(socket, 1, 'system.version', {})).toMatchObject({ ok: true, output: { version: '9.9.9-test' } });
    socket.close();
  });

  it('refuses an unknown bearer token even with the start-up token in the cookie', async () => {
    const { handle } = await start();
    const cookie = `${handle.cookieName}=${handle.token}`;
    expect(await upgradeStatus(`ws://127.0.0.1:${handle.port}/api`, { headers: { cookie } })).toBe(101);
    expect(await upgradeStatus(`ws://127.0.0.1:${handle.port}/api`, { headers: { cookie, authorization: 'Bearer xnt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } })).toBe(401);
    // The start-up token is the browser's: it is not an API token.
    expect(await upgradeStatus(`ws://127.0.0.1:${handle.port}/api`, bearer(handle.token))).toBe(401);
  });

  it('refuses a revoked token and closes the sockets opened with it', async () => {
    const { handle, server } = await start();
    const { tokenId, secret } = await createToken(server, 'short-lived');
    const other = await createToken(server, 'other');
    const socket = await openApiSocket(`ws://127.0.0.1:${handle.port}/api`, bearer(secret));
    const otherSocket = await openApiSocket(`ws://127.0.0.1:${handle.port}/api`, bearer(other.secret));
    const closed = closeOf(socket);
    await server.dispatch('token.revoke', { tokenId }, { clientId: 'test' });
    expect(await closed).toEqual({ code: 1008, reason: 'API token revoked' });
    expect(await upgradeStatus(`ws://127.0.0.1:${handle.port}/api`, bearer(secret))).toBe(401);
    // Another token's socket stays open and working.
    expect(await callOn(otherSocket, 2, 'token.list', {})).toMatchObject({ ok: true, output: [{ name: 'other' }] });
    otherSocket.close();
  });

  it('records when a token was last used', async () => {
    const { handle, server } = await start();
    const { secret } = await createToken(server, 'used');
    const socket = await openApiSocket(`ws://127.0.0.1:${handle.port}/api`, bearer(secret));
    const list = await callOn(socket, 3, 'token.list', {});
    expect((list.output as { lastUsedAt: string | null }[])[0]?.lastUsedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    socket.close();
  });
});

describe('a client revoking its own token', () => {
  it('gets the answer, then the socket closes', async () => {
    const { handle, server } = await start();
    const { tokenId, secret } = await createToken(server, 'self');
    const socket = await openApiSocket(`ws://127.0.0.1:${handle.port}/api`, bearer(secret));
    const closed = closeOf(socket);
    expect(await callOn(socket, 4, 'token.revoke', { tokenId })).toMatchObject({ ok: true, output: { revoked: true } });
    expect((await closed).code).toBe(1008);
  });
});
