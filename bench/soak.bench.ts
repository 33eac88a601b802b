// Issue 12 benchmark: a 5,000-VM pool making 1,000 changes/s for 10 minutes (`--quick`: 1 minute, sampled every
// 10 s). Each sample: the server's RSS and heap, the event → client latency of a client that keeps up (p99 of the
// sample, beside the raw `xen-api` client's own in the same window), and the backlog of a deliberately slow client
// (it reads 100 KB/s, less than the changes make): objects waiting for it in the server (merged, so bounded by the
// pool's size) and bytes queued towards it (bounded by the 4 MiB the stream allows, plus one batch). It stays
// connected all along: the heartbeat counts what the kernel takes of a frame in flight as life, though its pong
// waits behind megabytes. "?" for its backlog means the server dropped it.
// Whether memory is held or only not yet collected: the heap after a full collection at the end of the warm-up and
// at the end.
import { percentile, printRatio } from './report.js';
import { loadAverage, settledMemory, startBenchServer } from './support/bench-server.js';
import { startDeltaClient } from './support/delta-client.js';
import { startRawClient } from './support/raw-client.js';
import { startSimProcess } from './support/sim-process.js';

const quick = process.argv.includes('--quick');
const minutes = quick ? 1 : Number(process.env.BENCH_MINUTES ?? 10);
const sampleSeconds = quick ? 10 : 60;
const hosts = Number(process.env.BENCH_HOSTS ?? 25);
const vms = Number(process.env.BENCH_VMS ?? 5000);
const changesPerSecond = 1000;
const mib = (bytes: number) => Number((bytes / 1048576).toFixed(1));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const sim = await startSimProcess(['--hosts', String(hosts), '--vms', String(vms), '--seed', '1', '--time-scale', '0.01']);
console.log(`simulated pool: ${hosts} hosts, ${vms} VMs; ${changesPerSecond} changes/s for ${minutes} min, a sample every ${sampleSeconds} s; load average ${loadAverage()}`);
const raw = await startRawClient(sim.info.masterUrl, sim.info.credentials);
const bench = await startBenchServer();
await bench.trust(sim);
const steady = await startDeltaClient(bench.wsUrl, { quiet: true });
const slow = await startDeltaClient(bench.wsUrl, { quiet: true, bytesPerSecond: 100_000 });
await bench.addPool(sim);
const loaded = await settledMemory();
console.log(`loaded: ${bench.server.internals.mirror.size.toLocaleString('en')} objects; server RSS ${mib(loaded.rss)} MiB, heap ${mib(loaded.heapUsed)} MiB`);

await steady.setLatency(true);
await raw.setLatency(true);
await steady.report();
await raw.latencies();
await sim.control('/changes/stream', { perSecond: changesPerSecond });
const samples: { rss: number; heap: number }[] = [];
const rows: string[] = [];
// Warm-up: the first two minutes, or the first 20 s of a quick run.
const warmUpSeconds = quick ? 20 : 120;
let heapAfterWarmUp: number | null = null;
for (let elapsed = sampleSeconds; elapsed <= minutes * 60; elapsed += sampleSeconds) {
  await sleep(sampleSeconds * 1000);
  const memory = process.memoryUsage();
  const latencies = (await steady.report()).latencies;
  const rawLatencies = await raw.latencies();
  // The slow client subscribed second.
  const backlog = bench.server.internals.stream.backlogs()[1];
  samples.push({ rss: memory.rss, heap: memory.heapUsed });
  const line =
    `${String(elapsed).padStart(4)} s: RSS ${mib(memory.rss)} MiB, heap ${mib(memory.heapUsed)} of ${mib(memory.heapTotal)} MiB, external ${mib(memory.external)} MiB; latency p99 ${percentile(latencies, 99)} ms (p50 ${percentile(latencies, 50)}, ` +
    `${latencies.length} changes; raw client p99 ${percentile(rawLatencies, 99)} ms); slow client: ${backlog?.pendingObjects ?? '?'} objects waiting, ` +
    `${mib(backlog?.queuedBytes ?? 0)} MiB queued; load ${loadAverage()}`;
  rows.push(line);
  console.log(line);
  if (elapsed === warmUpSeconds) {
    heapAfterWarmUp = (await settledMemory()).heapUsed;
    console.log(`  end of warm-up: heap after a full collection ${mib(heapAfterWarmUp)} MiB`);
  }
}
await sim.control('/changes/stream', { perSecond: 0 });
const heapAtEnd = (await settledMemory()).heapUsed;
if (heapAfterWarmUp !== null) printRatio('heap after a full collection, at the end vs after warm-up', mib(heapAtEnd), mib(heapAfterWarmUp), 'MiB', 'flat: ≈ 1');

// Flat after warm-up: every later sample within ±10 % of the one that ends it.
const warmUpSamples = Math.ceil(warmUpSeconds / sampleSeconds);
const [first, ...rest] = samples.slice(warmUpSamples - 1);
if (first && rest.length > 0) {
  const spread = Math.max(...rest.map((sample) => Math.abs(sample.rss - first.rss) / first.rss)) * 100;
  console.log(`RSS after warm-up: within ±${spread.toFixed(1)} % of ${mib(first.rss)} MiB (target ±10 %)`);
}
const finalSlow = await slow.report();
console.log(`slow client at the end: ${finalSlow.size.toLocaleString('en')} objects held, ${finalSlow.frames} frames read, ${mib(finalSlow.receivedBytes)} MiB received`);

steady.close();
slow.close();
await raw.close();
await bench.close();
sim.stop();
process.exit(0);
