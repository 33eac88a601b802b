// Scale benchmark of apps/xapi-sim: a 5,000-VM, 50-host pool starts; the real `xen-api` npm client completes its
// full initial sync; the control port's change stream runs at 1,000 object changes/s for ~10 s while the client
// counts the changes event.from delivers and their latency. The simulator runs in a child process (this same file
// with --server) so that it and the client each have a core, as a pool and its manager would.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { percentile, printRatio } from './report.js';

const HOSTS = 50;
const VMS = 5000;
const RATE = 1000;
const STREAM_SECONDS = 10;

interface ServerInfo { masterUrl: string; controlUrl: string; startMs: number; objects: number }

/** Child-process side: start the pool, report where it is, then serve until killed. */
async function serve(): Promise<void> {
  const { startSimulatedPool } = await import('../apps/xapi-sim/src/index.js');
  const started = performance.now();
  const pool = await startSimulatedPool({ hosts: HOSTS, vms: VMS, seed: 1, baseAddress: '127.0.1.1' });
  const startMs = performance.now() - started;
  // What the client should hold: every object of every class it lists through get_all_records.
  const types = new Set(pool.engine.methodNames().filter((m) => m.endsWith('.get_all_records') && !m.startsWith('Async.')).map((m) => m.split('.')[0]!));
  let objects = 0;
  for (const cls of pool.engine.store.classes()) if (types.has(cls)) objects += pool.engine.store.count(cls);
  const info: ServerInfo = { masterUrl: pool.masterUrl, controlUrl: pool.controlUrl, startMs, objects };
  console.log(JSON.stringify(info));
  process.on('SIGTERM', () => void pool.stop().then(() => process.exit(0)));
}

interface XapiObject { $type: string; $ref: string; other_config?: Record<string, string> }
interface Client {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  objects: { all: Record<string, XapiObject>; on(event: 'update', cb: (items: Record<string, XapiObject>) => void): void };
  objectsFetched: Promise<void>;
}

async function control(url: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`${path}: HTTP ${res.status}`);
}

async function main(): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--server'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const killChild = (): void => void child.kill('SIGTERM');
  process.on('exit', killChild);
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}`)));
  });
  const info = JSON.parse(line) as ServerInfo;
  printRatio(`pool start (${HOSTS} hosts, ${VMS} VMs, ${info.objects} listed objects)`, info.startMs / 1000, 30, 's', '< 30 s');

  const { createClient } = await import('xen-api');
  const xapi = createClient({ url: info.masterUrl, auth: { user: 'root', password: 'xenith' }, allowUnauthorized: true, transport: 'json-rpc' }) as unknown as Client;
  const syncStart = performance.now();
  await xapi.connect();
  await xapi.objectsFetched;
  const syncMs = performance.now() - syncStart;
  const held = Object.keys(xapi.objects.all).length;
  printRatio(`initial sync by the xen-api client (${held} of ${info.objects} objects)`, syncMs / 1000, 30, 's', '< 30 s');
  if (held !== info.objects) console.log(`  warning: client holds ${held} objects, simulator lists ${info.objects}`);

  // The stream writes other_config['xapi-sim:tick'] = n; change n is due at t0 + n / RATE (10 ms ticks), which
  // dates every delivered change without touching the simulator.
  const latencies: number[] = [];
  let delivered = 0;
  let t0 = 0;
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  xapi.objects.on('update', (items) => {
    const now = Date.now();
    for (const o of Object.values(items)) {
      const tick = o.$type === 'VM' ? o.other_config?.['xapi-sim:tick'] : undefined;
      if (tick === undefined || t0 === 0) continue;
      delivered++;
      first = Math.min(first, now);
      last = now;
      latencies.push(now - (t0 + (Number(tick) / RATE) * 1000));
    }
  });
  const before = Date.now();
  await control(info.controlUrl, '/changes/stream', { perSecond: RATE });
  t0 = (before + Date.now()) / 2;
  await new Promise((r) => setTimeout(r, STREAM_SECONDS * 1000));
  await control(info.controlUrl, '/changes/stream', { perSecond: 0 });
  const stopped = Date.now();
  await new Promise((r) => setTimeout(r, 2000)); // let the last batch arrive
  const streamSeconds = (stopped - t0) / 1000;
  const rate = delivered / Math.max(streamSeconds, (last - first) / 1000);
  printRatio('changes delivered through event.from', rate, RATE, 'changes/s', `>= ${RATE}/s`);
  console.log(`  ${delivered} changes in ${streamSeconds.toFixed(1)} s; latency median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (client debounce 200 ms + event.from batching 50 ms)`);

  await xapi.disconnect();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

if (process.argv.includes('--server')) await serve();
else await main();
