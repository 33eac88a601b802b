// Plain JavaScript, run as its own process with --expose-gc: the benchmarks' baseline, the raw `xen-api` client as
// Xen Orchestra uses it. It syncs a pool (time, and the memory its collection takes: RSS and heap after a full
// garbage collection, before and after), then can measure its own event → collection latency from the simulator's
// `xapi-sim:at` stamps, as Xenith's client does, in the same window.
import { createClient } from 'xen-api';

const [url, user, password] = process.argv.slice(2);
const collect = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage();
};

const before = collect();
const started = performance.now();
const client = createClient({ url, allowUnauthorized: true, auth: { user, password }, watchEvents: true, debounce: 10 });
await client.connect();
await client.objectsFetched;
const syncMs = performance.now() - started;
const objects = Object.keys(client.objects.all).length;
await new Promise((resolve) => setTimeout(resolve, 500));
const after = collect();

let latencies = [];
let measuring = false;
client.objects.on('update', (updated) => {
  if (!measuring) return;
  const now = Date.now();
  for (const record of Object.values(updated)) {
    const at = record?.other_config?.['xapi-sim:at'];
    if (at) latencies.push(now - Number(at));
  }
});

process.send({ type: 'synced', syncMs, objects, rssBytes: after.rss - before.rss, heapBytes: after.heapUsed - before.heapUsed });
process.on('message', async (message) => {
  if (message.cmd === 'latency') {
    measuring = Boolean(message.on);
    process.send({ type: 'latency' });
  }
  if (message.cmd === 'report') {
    process.send({ type: 'report', latencies });
    latencies = [];
  }
  if (message.cmd === 'close') {
    await client.disconnect().catch(() => {});
    process.exit(0);
  }
});
