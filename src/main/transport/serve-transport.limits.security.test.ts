import { createServer as createTlsServer, type Server as TlsServer } from 'node:tls';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { silentLogger } from '../logging/logger.js';
import { apiUrl, callOn, closeOf, healthOf, openApiSocket, upgradeStatus } from '../test-support/serve-client.js';
import { createTestServer } from '../test-support/test-server.js';
import { opcodes, upgradeRequest } from '../test-support/ws-frames.js';
import { createSelfSignedCertificate } from './self-signed-certificate.js';
import { startServeTransport, type ServeHandle, type ServeLimits } from './serve-transport.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(limits: Partial<ServeLimits>): Promise<ServeHandle> {
  const handle = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger, limits });
  cleanups.push(() => handle.close());
  return handle;
}

async function open(served: ServeHandle): Promise<WebSocket> {
  const socket = await openApiSocket(apiUrl(served));
  cleanups.push(() => socket.terminate());
  return socket;
}

/** A TLS host nobody has trusted yet: a pool.add to it waits for the user's answer, as long as they take. */
async function unknownTlsHost(): Promise<string> {
  const server: TlsServer = createTlsServer(await createSelfSignedCertificate([]), (socket) => socket.destroy());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return `127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe('serve mode bounds what one client holds', () => {
  it('refuses an API socket past the per-address limit with 429, and takes one again once a slot is free', async () => {
    const served = await start({ connectionsPerAddress: 2 });
    const first = await open(served);
    await open(served);
    expect(await upgradeStatus(apiUrl(served))).toBe(429);
    const closed = closeOf(first);
    first.close();
    await closed;
    // The server sees the close a moment after the client: ask until it has.
    let status = 429;
    while (status === 429) status = await upgradeStatus(apiUrl(served));
    expect(status).toBe(101);
  });

  it('answers a call past the in-flight limit with TOO_MANY_REQUESTS at once; other sockets are not affected', async () => {
    const served = await start({ callsInFlight: 2 });
    const busy = await open(served);
    const other = await open(served);
    const add = async (id: number) => callOn(busy, id, 'pool.add', { address: await unknownTlsHost(), user: 'root', password: 'x', save: false });
    const waiting = [add(1), add(2)];
    // Both calls are in flight once their certificate questions are out.
    let pending: unknown[] = [];
    for (let id = 100; pending.length < 2; id++) pending = (await callOn(other, id, 'trust.pending', {})).output as unknown[];
    expect(await callOn(busy, 3, 'app.health', {})).toMatchObject({ id: 3, ok: false, error: { code: 'TOO_MANY_REQUESTS' } });
    // Another socket is answered (degraded: two pools are still connecting).
    expect(await healthOf(served)).toBe('degraded');
    // Refusing the certificate ends both calls; the socket takes calls again.
    for (const [i, { requestId }] of (pending as { requestId: string }[]).entries()) await callOn(other, 200 + i, 'trust.decide', { requestId, accept: false });
    for (const result of await Promise.all(waiting)) expect(result).toMatchObject({ ok: false });
    expect(await callOn(busy, 4, 'app.health', {})).toMatchObject({ id: 4, ok: true });
  });
});

describe('serve mode heartbeat', () => {
  it('drops a socket that does not answer pings', async () => {
    const served = await start({ heartbeatIntervalMs: 30 });
    const socket = connect({ host: '127.0.0.1', port: served.port });
    cleanups.push(() => socket.destroy());
    socket.on('error', () => {});
    socket.write(upgradeRequest(`/api?token=${served.token}`, `127.0.0.1:${served.port}`));
    let received = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => (received = Buffer.concat([received, chunk])));
    await new Promise((resolve) => socket.once('close', resolve));
    const head = received.indexOf('\r\n\r\n');
    expect(received.subarray(0, 12).toString()).toBe('HTTP/1.1 101');
    // What followed the handshake: a ping the client never answered, and nothing else (no close frame: terminated).
    expect(received[head + 4]! & 0x0f).toBe(opcodes.ping);
    expect(await healthOf(served)).toBe('ok');
  });

  it('keeps a socket that answers them', async () => {
    const served = await start({ heartbeatIntervalMs: 30 });
    const socket = await open(served);
    let pings = 0;
    await new Promise<void>((resolve) => socket.on('ping', () => ++pings === 4 && resolve()));
    expect(socket.readyState).toBe(socket.OPEN);
    expect(await callOn(socket, 1, 'app.health', {})).toMatchObject({ ok: true });
  });
});
