// Smoke benchmark: a contract call over the serve-mode WebSocket (validation, dispatch, JSON) against a bare
// WebSocket echo on the same loopback in the same run. The ratio is the cost the contract layer adds.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocket, WebSocketServer } from 'ws';
import { silentLogger } from '../src/main/logging/logger.js';
import { createTestServer } from '../src/main/test-support/test-server.js';
import { startServeTransport } from '../src/main/transport/serve-transport.js';
import { percentile, printRatio } from './report.js';

const rounds = 2000;

/** Sends `rounds` sequential messages and returns per-round latencies in ms. */
async function measure(url: string, message: () => string): Promise<number[]> {
  const socket = new WebSocket(url);
  await new Promise((resolve) => socket.once('open', resolve));
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    socket.send(message());
    await new Promise((resolve) => socket.once('message', resolve));
    samples.push(performance.now() - started);
  }
  socket.close();
  return samples;
}

const echoHttp = createServer();
const echo = new WebSocketServer({ server: echoHttp });
echo.on('connection', (socket) => socket.on('message', (data) => socket.send(data)));
await new Promise<void>((resolve) => echoHttp.listen(0, '127.0.0.1', resolve));
const echoUrl = `ws://127.0.0.1:${(echoHttp.address() as AddressInfo).port}`;

const serve = await startServeTransport({ server: createTestServer().server, staticDir: '/nonexistent', logger: silentLogger });
const apiUrl = `ws://127.0.0.1:${serve.port}/api?token=${serve.token}`;

let id = 0;
const callFrame = () => JSON.stringify({ type: 'call', id: id++, method: 'app.version', input: {} });
await measure(echoUrl, callFrame); // warm-up
await measure(apiUrl, callFrame);
const baseline = await measure(echoUrl, callFrame);
const contract = await measure(apiUrl, callFrame);

printRatio('contract call median latency', percentile(contract, 50) * 1000, percentile(baseline, 50) * 1000, 'µs');
printRatio('contract call p99 latency', percentile(contract, 99) * 1000, percentile(baseline, 99) * 1000, 'µs');

await serve.close();
echo.close();
echoHttp.close();
