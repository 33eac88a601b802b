// Issue 12 benchmark: a simulated pool of 10,000 VMs / 50 hosts (~100,000 objects), added to a Xenith server with
// a browser-like client (its own process) subscribed. Baseline, measured in the same run: the raw `xen-api`
// client, as Xen Orchestra uses it, in its own process: its sync of the same pool, the memory its collection
// takes, and its own event latency in the same window as Xenith's client.
import { percentile, printRatio } from './report.js';
import { loadAverage, settledMemory, startBenchServer } from './support/bench-server.js';
import { startDeltaClient } from './support/delta-client.js';
import { startRawClient } from './support/raw-client.js';
import { startSimProcess } from './support/sim-process.js';

const hosts = Number(process.env.BENCH_HOSTS ?? 50);
const vms = Number(process.env.BENCH_VMS ?? 10_000);
const changesPerSecond = 1000;
const latencySeconds = Number(process.env.BENCH_LATENCY_SECONDS ?? 20);
const mib = (bytes: number) => bytes / 1048576;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await startSimProcess(['--hosts', String(hosts), '--vms', String(vms), '--seed', '1', '--time-scale', '0.01']);
console.log(`simulated pool: ${hosts} hosts, ${vms} VMs; load average at start: ${loadAverage()}`);

// Baseline: the raw client syncs the pool first, alone.
const raw = await startRawClient(sim.info.masterUrl, sim.info.credentials);
console.log(`raw xen-api client: ${raw.sync.objects.toLocaleString('en')} objects in ${raw.sync.syncMs.toFixed(0)} ms (load ${loadAverage()})`);

const bench = await startBenchServer();
await bench.trust(sim);
const client = await startDeltaClient(bench.wsUrl);
const empty = await settledMemory();

// Xenith: from the Add with a trusted certificate to the first rows in the client, the complete mirror, and the
// complete client.
const started = Date.now();
const added = bench.addPool(sim, 'listed');
const firstRows = await client.waitFor((progress) => (progress.pools ?? 0) >= 1 && (progress.hosts ?? 0) >= hosts);
const { poolId } = await added;
await bench.connected(poolId);
const mirrorMs = Date.now() - started;
const mirror = bench.server.internals.mirror;
const clientDone = await client.waitFor((progress) => progress.size === mirror.size);
console.log(`objects: raw client ${raw.sync.objects.toLocaleString('en')}, Xenith mirror ${mirror.size.toLocaleString('en')} (sessions, roles and other invisible classes are not mirrored); load ${loadAverage()}`);
const vmFrames = client.progress.filter((progress) => progress.t <= clientDone.t && (progress.vms ?? 0) > 0);
console.log(`  first rows (the pool and its ${hosts} hosts) in the client after ${firstRows.t - started} ms; VMs arrived over ${vmFrames.length} frames; every object in the client after ${clientDone.t - started} ms`);
printRatio('Add (certificate trusted) → the first tree rows in a client', firstRows.t - started, raw.sync.syncMs, 'ms', '≤ 1000 ms; baseline: the raw client\'s whole sync, before which it shows nothing');
printRatio('Add → complete mirror', mirrorMs, raw.sync.syncMs, 'ms', '≤ 1.2× the raw client');
printRatio('Add → every object in a client', clientDone.t - started, raw.sync.syncMs, 'ms');

const full = await settledMemory();
const per10k = (bytes: number, objects: number) => mib(bytes) / (objects / 10_000);
printRatio('server RSS per 10,000 objects', per10k(full.rss - empty.rss, mirror.size), per10k(raw.sync.rssBytes, raw.sync.objects), 'MiB', '≤ 40 MiB; baseline: the raw client\'s collection alone');
printRatio('server heap per 10,000 objects', per10k(full.heapUsed - empty.heapUsed, mirror.size), per10k(raw.sync.heapBytes, raw.sync.objects), 'MiB');

// Event → client latency under 1,000 changes/s, Xenith's client and the raw client in the same window.
await client.setLatency(true);
await raw.setLatency(true);
await client.report();
await raw.latencies();
await sim.control('/changes/stream', { perSecond: changesPerSecond });
await sleep(latencySeconds * 1000);
await sim.control('/changes/stream', { perSecond: 0 });
await sleep(500);
await client.setLatency(false);
await raw.setLatency(false);
const latencies = (await client.report()).latencies;
const rawLatencies = await raw.latencies();
console.log(`event → client latency at ${changesPerSecond.toLocaleString('en')} changes/s for ${latencySeconds} s: ${latencies.length} changes seen, p50 ${percentile(latencies, 50)} ms; raw client ${rawLatencies.length} changes, p50 ${percentile(rawLatencies, 50)} ms (load ${loadAverage()})`);
printRatio('event → client latency p99', percentile(latencies, 99), percentile(rawLatencies, 99), 'ms', '≤ 50 ms; baseline: the raw client\'s event → collection');

// Bytes per changed object on power-state changes.
const vmRefs = (await client.haltedVms()).slice(0, 20);
await client.setBytes(true);
for (const ref of vmRefs) await sim.control(`/vms/${ref}/start`);
await sleep(1000);
await client.setBytes(false);
const report = await client.report();
const entries = Math.max(1, report.changedEntries);
printRatio('bytes sent per changed VM (power-state changes) vs its full record', report.deltaBytes / entries, report.fullBytes / entries, 'B', '≤ 0.20');

client.close();
await raw.close();
await bench.close();
sim.stop();
process.exit(0);
