import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { apiUrl, closeOf, healthOf, openApiSocket, rawExchange, statusOf, upgradeStatus } from '../test-support/serve-client.js';
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

const upgradeHeaders = 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n';

// Each of these killed the serve process once (issue 11): keep them answered, and the server alive after.
describe('serve mode survives what used to kill it', () => {
  it('a malformed percent-encoding in the token cookie is refused, before and after the upgrade', async () => {
    const served = await start();
    const cookie = `xenith_token=%E0%A4%A; xenith_token_${served.port}=%E0%A4%A`;
    expect(await upgradeStatus(`ws://127.0.0.1:${served.port}/api`, { headers: { cookie } })).toBe(401);
    expect((await fetch(`http://127.0.0.1:${served.port}/`, { headers: { cookie } })).status).toBe(401);
    expect(await healthOf(served)).toBe('ok');
  });

  it('a request target no URL parser accepts gets 400, as a request and as an upgrade', async () => {
    const served = await start();
    const plain = await rawExchange(served.port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\nConnection: close\r\n\r\n`);
    expect(statusOf(plain)).toBe(400);
    const upgrade = await rawExchange(served.port, `GET http://[ HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\n${upgradeHeaders}\r\n`);
    expect(statusOf(upgrade)).toBe(400);
    // `//[` is a path (not a host, as resolving it against a base would make it), and not the API's.
    expect(statusOf(await rawExchange(served.port, `GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${served.port}\r\n${upgradeHeaders}\r\n`))).toBe(404);
    expect(await healthOf(served)).toBe('ok');
  });

  it('a frame over the size limit closes that socket with 1009', async () => {
    const served = await start();
    const socket = await openApiSocket(apiUrl(served));
    const closed = closeOf(socket);
    socket.send(Buffer.alloc(5 * 1024 * 1024, 0x20), { binary: false });
    expect((await closed).code).toBe(1009);
    expect(await healthOf(served)).toBe('ok');
  });

  it('a text frame that is not UTF-8 closes that socket with 1007', async () => {
    const served = await start();
    const socket = await openApiSocket(apiUrl(served));
    const closed = closeOf(socket);
    socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    expect((await closed).code).toBe(1007);
    expect(await healthOf(served)).toBe('ok');
  });
});
