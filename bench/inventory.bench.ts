// Issue 5 benchmark: a simulated pool of 5,000 VMs / 50 hosts (~50,000 objects).
// Baseline, measured in the same run: the raw xen-api client's own initial sync of the same pool.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createClient } from 'xen-api';
import { silentLogger } from '../src/main/logging/logger.js';
import { createSessionSecretStore } from '../src/main/secrets/secret-store.js';
import { createServer } from '../src/main/server.js';
import { startServeTransport } from '../src/main/transport/serve-transport.js';
import { probeCertificate } from '../src/main/trust/certificate-info.js';
import { percentile, printRatio } from './report.js';
import { startSimProcess } from './support/sim-process.js';

const hosts = Number(process.env.BENCH_HOSTS ?? 50);
const vms = Number(process.env.BENCH_VMS ?? 5000);
const sim = await startSimProcess(['--hosts', String(hosts), '--vms', String(vms), '--seed', '1', '--time-scale', '0.01']);
const master = new URL(sim.info.masterUrl);
console.log(`simulated pool: ${hosts} hosts, ${vms} VMs at ${master.host}`);

// Baseline: the raw client connects and fetches everything.
const rawStarted = performance.now();
const raw = createClient({ url: sim.info.masterUrl, allowUnauthorized: true, auth: sim.info.credentials, watchEvents: true });
await raw.connect();
await raw.objectsFetched;
const rawMs = performance.now() - rawStarted;
const rawCount = Object.keys(raw.objects.all).length;
await raw.disconnect();

// Xenith: a server, serve transport, and one browser-like client subscribed before the pool is added.
const server = createServer({ secrets: createSessionSecretStore(), paths: { dataDir: mkdtempSync(join(tmpdir(), 'xenith-bench-')) }, logger: silentLogger, host: { mode: 'serve', version: 'bench', electron: null } });
for (const host of sim.info.hosts) {
  const url = new URL(host.url);
  const presented = await probeCertificate(url.hostname, Number(url.port));
  server.internals.pins.set(url.hostname, Number(url.port), { fingerprint: presented.fingerprint, pem: presented.pem });
}
const serve = await startServeTransport({ server, staticDir: '/nonexistent', logger: silentLogger });
// The measuring client runs in its own thread, as the renderer runs in its own process.
const client = new Worker(new URL('./support/delta-client-worker.mjs', import.meta.url), {
  workerData: { url: `ws://127.0.0.1:${serve.port}/api?token=${serve.token}` },
});
type WorkerMessage = { type: string; size?: number; refs?: string[]; latencies?: number[]; deltaBytes?: number; changedEntries?: number; fullBytes?: number };
const nextMessage = (type: string) => new Promise<WorkerMessage>((resolve) => {
  const onMessage = (message: WorkerMessage) => {
    if (message.type !== type) return;
    client.off('message', onMessage);
    resolve(message);
  };
  client.on('message', onMessage);
});
await nextMessage('open');
let clientSize = 0;
let onSize: () => void = () => {};
client.on('message', (message: WorkerMessage) => {
  if (message.type !== 'size') return;
  clientSize = message.size!;
  onSize();
});

const rssBefore = process.memoryUsage().rss;
const xenithStarted = performance.now();
const mirrorComplete = new Promise<void>((resolve) => {
  onSize = () => {
    if (server.internals.mirror.size > 0 && clientSize === server.internals.mirror.size && server.internals.pools.counts().connected === 1) resolve();
  };
});
const add = await server.dispatch('pool.add', { address: master.host, user: sim.info.credentials.user, password: sim.info.credentials.password, save: false }, { clientId: 'bench' });
if (!add.ok) throw new Error(add.error.message);
onSize();
await mirrorComplete;
const xenithMs = performance.now() - xenithStarted;
const rssAfter = process.memoryUsage().rss;
onSize = () => {};
console.log(`objects: raw client ${rawCount}, Xenith mirror ${server.internals.mirror.size} (sessions, roles and other invisible classes are not mirrored)`);
printRatio('connect → complete mirror in a client', xenithMs, rawMs, 'ms', '≤ 1.5× the raw client');

// Event → client latency under 1,000 changes/s.
client.postMessage({ cmd: 'latency', on: true });
await sim.control('/changes/stream', { perSecond: 1000 });
await new Promise((resolve) => setTimeout(resolve, 10_000));
await sim.control('/changes/stream', { perSecond: 0 });
await new Promise((resolve) => setTimeout(resolve, 500));
client.postMessage({ cmd: 'latency', on: false });

// Bytes per changed object on power-state changes.
client.postMessage({ cmd: 'haltedVms' });
const vmRefs = (await nextMessage('haltedVms')).refs!.slice(0, 20);
client.postMessage({ cmd: 'bytes', on: true });
for (const ref of vmRefs) await sim.control(`/vms/${ref}/start`);
await new Promise((resolve) => setTimeout(resolve, 1000));
client.postMessage({ cmd: 'bytes', on: false });
client.postMessage({ cmd: 'report' });
const report = await nextMessage('report');
const latencies = report.latencies!;
console.log(`event → client latency at 1,000 changes/s: ${latencies.length} changes seen, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (target p99 ≤ 100 ms)`);
const entries = Math.max(1, report.changedEntries!);
printRatio('bytes sent per changed VM (power-state changes) vs its full record', report.deltaBytes! / entries, report.fullBytes! / entries, 'B', '≤ 0.20');
console.log(`server RSS: ${(((rssAfter - rssBefore) / 1048576) / (server.internals.mirror.size / 10_000)).toFixed(1)} MiB per 10,000 objects (server process, client in its own thread)`);

client.postMessage({ cmd: 'close' });
await serve.close();
await server.close();
sim.stop();
process.exit(0);
