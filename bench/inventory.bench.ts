// Issue 5 benchmark: a simulated pool of 5,000 VMs / 50 hosts (~50,000 objects).
// Baseline, measured in the same run: the raw xen-api client's own initial sync of the same pool.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
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
const socket = new WebSocket(`ws://127.0.0.1:${serve.port}/api?token=${serve.token}`);
await new Promise((resolve) => socket.once('open', resolve));

const clientObjects = new Map<string, Record<string, unknown>>();
const latencies: number[] = [];
let measureLatency = false;
let deltaBytes = 0;
let changedEntries = 0;
let fullBytesOfChanged = 0;
let countBytes = false;
let onDelta: () => void = () => {};
socket.on('message', (data) => {
  const frame = JSON.parse(String(data)) as { type: string; event?: string; payload?: { reset: boolean; added: Record<string, unknown>[]; changed: { $id: string; fields: Record<string, unknown> }[]; removed: string[] } };
  if (frame.type !== 'event' || frame.event !== 'objects.delta' || !frame.payload) return;
  const delta = frame.payload;
  if (delta.reset) clientObjects.clear();
  for (const object of delta.added) clientObjects.set(String(object.$id), object);
  for (const change of delta.changed) {
    const object = { ...clientObjects.get(change.$id), ...change.fields };
    clientObjects.set(change.$id, object);
    if (countBytes && object.$type === 'VM') {
      changedEntries++;
      deltaBytes += JSON.stringify(change).length;
      fullBytesOfChanged += JSON.stringify(object).length;
    }
    const at = (change.fields.other_config as Record<string, string> | undefined)?.['xapi-sim:at'];
    if (measureLatency && at) latencies.push(Date.now() - Number(at));
  }
  for (const id of delta.removed) clientObjects.delete(id);
  onDelta();
});
socket.send(JSON.stringify({ type: 'call', id: 1, method: 'objects.subscribe', input: {} }));

const rssBefore = process.memoryUsage().rss;
const xenithStarted = performance.now();
const mirrorComplete = new Promise<void>((resolve) => {
  onDelta = () => {
    if (server.internals.mirror.size > 0 && clientObjects.size === server.internals.mirror.size && server.internals.pools.counts().connected === 1) resolve();
  };
});
const add = await server.dispatch('pool.add', { address: master.host, user: sim.info.credentials.user, password: sim.info.credentials.password, save: false }, { clientId: 'bench' });
if (!add.ok) throw new Error(add.error.message);
await mirrorComplete;
const xenithMs = performance.now() - xenithStarted;
const rssAfter = process.memoryUsage().rss;
onDelta = () => {};
console.log(`objects: raw client ${rawCount}, Xenith mirror ${server.internals.mirror.size} (sessions, roles and other invisible classes are not mirrored)`);
printRatio('connect → complete mirror in a client', xenithMs, rawMs, 'ms', '≤ 1.5× the raw client');

// Event → client latency under 1,000 changes/s.
measureLatency = true;
await sim.control('/changes/stream', { perSecond: 1000 });
await new Promise((resolve) => setTimeout(resolve, 10_000));
await sim.control('/changes/stream', { perSecond: 0 });
await new Promise((resolve) => setTimeout(resolve, 500));
measureLatency = false;
console.log(`event → client latency at 1,000 changes/s: ${latencies.length} changes seen, p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms (target p99 ≤ 100 ms)`);

// Bytes per changed object on power-state changes.
const vmRefs = [...clientObjects.values()].filter((o) => o.$type === 'VM' && o.power_state === 'Halted' && !o.is_a_template && !o.is_a_snapshot && !o.is_control_domain).slice(0, 20).map((o) => String(o.$id));
countBytes = true;
for (const ref of vmRefs) await sim.control(`/vms/${ref}/start`);
await new Promise((resolve) => setTimeout(resolve, 1000));
countBytes = false;
printRatio('bytes sent per changed VM (power-state changes) vs its full record', deltaBytes / Math.max(1, changedEntries), fullBytesOfChanged / Math.max(1, changedEntries), 'B', '≤ 0.20');
console.log(`server RSS: ${(((rssAfter - rssBefore) / 1048576) / (server.internals.mirror.size / 10_000)).toFixed(1)} MiB per 10,000 objects (bench process, includes the measuring client)`);

socket.close();
await serve.close();
await server.close();
sim.stop();
process.exit(0);
