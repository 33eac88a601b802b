// Issue 7 benchmark: the console proxy (noVNC's path: WebSocket → proxy → TLS CONNECT to the host) against a
// direct TLS CONNECT to the same simulated host's console, in the same run. Full raw framebuffer updates.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'node:tls';
import type { Duplex } from 'node:stream';
import { WebSocket, createWebSocketStream } from 'ws';
import { silentLogger } from '../src/main/logging/logger.js';
import { createSessionSecretStore } from '../src/main/secrets/secret-store.js';
import { createServer } from '../src/main/server.js';
import { probeCertificate } from '../src/main/trust/certificate-info.js';
import { percentile, printRatio } from './report.js';
import { BenchRfbClient } from './support/rfb-client.js';
import { startSimProcess } from './support/sim-process.js';

const rounds = Number(process.env.BENCH_ROUNDS ?? 300);
const sim = await startSimProcess(['--hosts', '2', '--vms', '6', '--seed', '2']);
const server = createServer({ secrets: createSessionSecretStore(), paths: { dataDir: mkdtempSync(join(tmpdir(), 'xenith-bench-')) }, logger: silentLogger, host: { mode: 'serve', version: 'bench', electron: null } });
for (const host of sim.info.hosts) {
  const url = new URL(host.url);
  const presented = await probeCertificate(url.hostname, Number(url.port));
  server.internals.pins.set(url.hostname, Number(url.port), { fingerprint: presented.fingerprint, pem: presented.pem });
}
const origin = 'app://xenith';
server.allowConsoleOrigins([origin]);
const added = await server.dispatch('pool.add', { address: new URL(sim.info.masterUrl).host, user: sim.info.credentials.user, password: sim.info.credentials.password, save: false }, { clientId: 'bench' });
if (!added.ok) throw new Error(added.error.message);
const poolId = (added.output as { poolId: string }).poolId;
const mirror = server.internals.mirror;
const vm = [...mirror.ofType('VM', poolId)].find((o) => o.power_state === 'Running' && !o.is_control_domain)!;
const consoleObject = mirror.referrers('console.VM', vm.$id).find((c) => c.protocol === 'rfb')!;
const connection = server.internals.pools.connection(poolId);
const sessionId = connection.client!.sessionId!;
const port = connection.master!.port;

/** Direct: TLS to the resident host, CONNECT, raw RFB. */
async function direct(): Promise<Duplex> {
  const location = new URL(String(consoleObject.location));
  const socket = connect({ host: location.hostname, port, rejectUnauthorized: false });
  await new Promise((resolve) => socket.once('secureConnect', resolve));
  socket.write(`CONNECT ${location.pathname}${location.search} HTTP/1.0\r\nCookie: session_id=${sessionId}\r\n\r\n`);
  let header = Buffer.alloc(0);
  while (header.indexOf('\r\n\r\n') < 0) header = Buffer.concat([header, (await new Promise<Buffer>((resolve) => socket.once('data', resolve)))]);
  const rest = header.subarray(header.indexOf('\r\n\r\n') + 4);
  if (rest.length) socket.unshift(rest);
  return socket;
}

/** Through Xenith: console.open, then the loopback WebSocket as noVNC opens it. */
async function proxied(): Promise<Duplex> {
  const opened = await server.dispatch('console.open', { objectId: vm.$id }, { clientId: 'bench' });
  if (!opened.ok) throw new Error(opened.error.message);
  const ws = new WebSocket((opened.output as { url: string }).url, ['binary'], { headers: { origin }, perMessageDeflate: false });
  await new Promise((resolve) => ws.once('open', resolve));
  return createWebSocketStream(ws);
}

async function measure(open: () => Promise<Duplex>): Promise<{ bytesPerSecond: number; latencies: number[]; echoes: number[] }> {
  const stream = await open();
  const client = new BenchRfbClient(stream);
  await client.handshake();
  for (let i = 0; i < 20; i++) await client.fullUpdate();
  const latencies: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    bytes += await client.fullUpdate();
    latencies.push(performance.now() - t0);
  }
  const seconds = (performance.now() - started) / 1000;
  // Keystroke → echo: what a person typing feels. Alternate a letter and Backspace so the line never fills.
  const echoes: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await client.keyEcho(i % 2 === 0 ? 0x61 : 0xff08);
    echoes.push(performance.now() - t0);
  }
  stream.destroy();
  return { bytesPerSecond: bytes / seconds, latencies, echoes };
}

const baseline = await measure(direct);
const viaProxy = await measure(proxied);
const mb = (value: number) => value / 1e6;
printRatio('console throughput (full raw updates)', mb(viaProxy.bytesPerSecond), mb(baseline.bytesPerSecond), 'MB/s', '≥ 0.90 of direct');
const addedMs = percentile(viaProxy.latencies, 50) - percentile(baseline.latencies, 50);
console.log(`console round trip median: direct ${percentile(baseline.latencies, 50).toFixed(2)} ms, through the proxy ${percentile(viaProxy.latencies, 50).toFixed(2)} ms → added ${addedMs.toFixed(2)} ms (target ≤ 1 ms)`);
const addedEchoMs = percentile(viaProxy.echoes, 50) - percentile(baseline.echoes, 50);
console.log(`keystroke → echo median: direct ${percentile(baseline.echoes, 50).toFixed(2)} ms, through the proxy ${percentile(viaProxy.echoes, 50).toFixed(2)} ms → added ${addedEchoMs.toFixed(2)} ms (target ≤ 1 ms)`);
await server.close();
sim.stop();
process.exit(0);
