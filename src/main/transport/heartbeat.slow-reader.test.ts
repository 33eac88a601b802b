import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { bytesTaken, Heartbeat } from './heartbeat.js';

// Real loopback sockets: a slow reader spends several beats inside one multi-megabyte message, its pong stuck
// behind it. What the kernel takes of that one write has to count as life; a reader that stops must still go.
const beatMs = 400;
const messageBytes = 24 * 1024 * 1024;

let server: WebSocketServer | undefined;
let heartbeat: Heartbeat | undefined;
const clients: WebSocket[] = [];
afterEach(async () => {
  heartbeat?.stop();
  for (const client of clients.splice(0)) client.terminate();
  if (server) await new Promise((resolve) => server!.close(resolve));
});

/** A client that reads its socket at about `bytesPerSecond`, or not at all once `stalled` is set. */
async function slowClient(port: number, bytesPerSecond: number) {
  const client = new WebSocket(`ws://127.0.0.1:${port}`);
  clients.push(client);
  await once(client, 'open');
  const state = { stalled: false, received: false };
  client.on('message', () => (state.received = true));
  const raw = (client as unknown as { _socket: import('node:net').Socket })._socket;
  raw.on('data', (chunk: Buffer) => {
    raw.pause();
    if (!state.stalled) setTimeout(() => raw.resume(), (chunk.length / bytesPerSecond) * 1000);
  });
  return state;
}

describe('Heartbeat on real sockets', () => {
  it('keeps a reader that spends several beats on one big message, and drops it once it stops reading', async () => {
    server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await once(server, 'listening');
    heartbeat = new Heartbeat(beatMs);
    const accepted = once(server, 'connection');
    const reader = await slowClient((server.address() as AddressInfo).port, 4 * 1024 * 1024);
    const [socket] = (await accepted) as [WebSocket];
    heartbeat.watch(socket);
    socket.send(Buffer.alloc(messageBytes));
    const closed = once(socket, 'close');

    // About 6 s to read the message: many beats, none with a pong, yet the kernel takes bytes at each.
    const takenAtStart = bytesTaken(socket);
    await new Promise((resolve) => setTimeout(resolve, beatMs * 6));
    expect(socket.readyState).toBe(WebSocket.OPEN);
    expect(bytesTaken(socket)).toBeGreaterThan(takenAtStart);
    expect(bytesTaken(socket)).toBeLessThan(messageBytes);

    // The reader stops halfway: the heartbeat ends the connection before the message was ever whole.
    reader.stalled = true;
    await closed;
    expect(reader.received).toBe(false);
  }, 20_000);
});
