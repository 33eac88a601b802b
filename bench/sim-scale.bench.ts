// Scale benchmark of apps/xapi-sim: a 5,000-VM, 50-host pool starts; the real `xen-api` npm client completes its
// full initial sync; the control port's change stream runs at 1,000 object changes/s for ~10 s while the client
// counts the changes event.from delivers and their latency. The simulator runs in a child process (this same file
// with --server) so that it and the client each have a core, as a pool and its manager would.
import { spawn } from 'node:child_process';
import { request as httpsRequest } from 'node:https';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { percentile, printRatio } from './report.js';

const HOSTS = 50;
const VMS = 5000;
const RATE = 1000;
const STREAM_SECONDS = 10;
const HEADROOM_RATE = 5000;
const HEADROOM_SECONDS = 5;

interface ServerInfo { masterUrl: string; controlUrl: string; startMs: number; seedMs: number; objects: number; types: string[] }

/** Child-process side: start the pool, report where it is, then serve until killed. */
async function serve(): Promise<void> {
  const { startSimulatedPool } = await import('../apps/xapi-sim/src/index.js');
  const { generatePool } = await import('../apps/xapi-sim/src/scenario/generate-pool.js');
  // Baseline: building the same pool's seed alone (no database, behaviour or servers).
  const seedStart = performance.now();
  generatePool({ hosts: HOSTS, vms: VMS, seed: 1, baseAddress: '127.0.1.1' });
  const seedMs = performance.now() - seedStart;
  const started = performance.now();
  const pool = await startSimulatedPool({ hosts: HOSTS, vms: VMS, seed: 1, baseAddress: '127.0.1.1' });
  const startMs = performance.now() - started;
  // What the client should hold: every object of every class it lists through get_all_records.
  const types = new Set(pool.engine.methodNames().filter((m) => m.endsWith('.get_all_records') && !m.startsWith('Async.')).map((m) => m.split('.')[0]!));
  let objects = 0;
  for (const cls of pool.engine.store.classes()) if (types.has(cls)) objects += pool.engine.store.count(cls);
  const info: ServerInfo = { masterUrl: pool.masterUrl, controlUrl: pool.controlUrl, startMs, seedMs, objects, types: [...types] };
  console.log(JSON.stringify(info));
  process.on('SIGTERM', () => void pool.stop().then(() => process.exit(0)));
}

interface XapiObject { $type: string; $ref: string; other_config?: Record<string, string> }
type UpdateListener = (items: Record<string, XapiObject>) => void;
interface Client {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  objects: { all: Record<string, XapiObject>; on(event: 'update', cb: UpdateListener): void; removeListener(event: 'update', cb: UpdateListener): void };
  objectsFetched: Promise<void>;
}

/**
 * Runs the control port's change stream at `rate` for `seconds` and counts the VM changes the client receives.
 * The stream writes other_config['xapi-sim:tick'] = n with n counting up steadily from the phase's first tick, so
 * change n was made at about t0 + (n − first + 1) / rate (10 ms ticks): that dates each delivered change without
 * touching the simulator.
 */
async function measureStream(xapi: Client, controlUrl: string, rate: number, seconds: number): Promise<{ rate: number; produced: number; delivered: number; seconds: number; latency: string }> {
  const seen: { tick: number; at: number }[] = [];
  const listener: UpdateListener = (items) => {
    const now = Date.now();
    for (const o of Object.values(items)) {
      const tick = o.$type === 'VM' ? o.other_config?.['xapi-sim:tick'] : undefined;
      if (tick !== undefined) seen.push({ tick: Number(tick), at: now });
    }
  };
  const before = Date.now();
  await control(controlUrl, '/changes/stream', { perSecond: rate });
  const t0 = (before + Date.now()) / 2;
  xapi.objects.on('update', listener);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  await control(controlUrl, '/changes/stream', { perSecond: 0 });
  const stopped = Date.now();
  await new Promise((r) => setTimeout(r, 2000)); // let the last batch arrive
  xapi.objects.removeListener('update', listener);
  const fresh = seen.filter((s) => s.at >= t0);
  const first = Math.min(...fresh.map((s) => s.tick));
  const latencies = fresh.map((s) => s.at - (t0 + ((s.tick - first + 1) / rate) * 1000));
  const span = (stopped - t0) / 1000;
  const produced = Math.max(...fresh.map((s) => s.tick)) - first + 1;
  return {
    rate: fresh.length / span,
    produced: produced / span,
    delivered: fresh.length,
    seconds: span,
    latency: `latency median ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${Math.max(...latencies).toFixed(0)} ms (client debounce 200 ms + event.from batching)`,
  };
}

/** One JSON-RPC call over HTTPS to the simulator (self-signed certificate), as bare as a client can be. */
function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, params });
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${url}/jsonrpc`, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const reply = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { result?: unknown; error?: unknown };
        if (reply.error) reject(new Error(JSON.stringify(reply.error)));
        else resolve(reply.result);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Baseline for the client's sync: login, then every type's get_all_records, 20 at a time like the client. */
async function rawFetchAll(info: ServerInfo): Promise<number> {
  const started = performance.now();
  const session = await rpc(info.masterUrl, 'session.login_with_password', ['root', 'xenith']);
  const queue = [...info.types];
  await Promise.all(Array.from({ length: 20 }, async () => {
    for (let t = queue.shift(); t !== undefined; t = queue.shift()) await rpc(info.masterUrl, `${t}.get_all_records`, [session]);
  }));
  const ms = performance.now() - started;
  await rpc(info.masterUrl, 'session.logout', [session]);
  return ms;
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
  printRatio(`pool start (${HOSTS} hosts, ${VMS} VMs, ${info.objects} listed objects) vs building its seed`, info.startMs / 1000, info.seedMs / 1000, 's', '< 30 s');
  const rawMs = await rawFetchAll(info);

  const { createClient } = await import('xen-api');
  const xapi = createClient({ url: info.masterUrl, auth: { user: 'root', password: 'xenith' }, allowUnauthorized: true, transport: 'json-rpc' }) as unknown as Client;
  const syncStart = performance.now();
  await xapi.connect();
  await xapi.objectsFetched;
  const syncMs = performance.now() - syncStart;
  const held = Object.keys(xapi.objects.all).length;
  printRatio(`initial sync by the xen-api client (${held} of ${info.objects} objects) vs bare get_all_records`, syncMs / 1000, rawMs / 1000, 's', '< 30 s');
  if (held !== info.objects) console.log(`  warning: client holds ${held} objects, simulator lists ${info.objects}`);

  const target = await measureStream(xapi, info.controlUrl, RATE, STREAM_SECONDS);
  // Baseline: the rate the stream made changes at in the same phase (delivered / made = what event.from lost).
  printRatio('changes delivered through event.from', target.rate, target.produced, 'changes/s', `>= ${RATE}/s`);
  console.log(`  ${target.delivered} changes in ${target.seconds.toFixed(1)} s; ${target.latency}`);
  const headroom = await measureStream(xapi, info.controlUrl, HEADROOM_RATE, HEADROOM_SECONDS);
  printRatio('headroom: changes delivered at 5× the target', headroom.rate, headroom.produced, 'changes/s', `>= ${HEADROOM_RATE}/s`);
  console.log(`  ${headroom.delivered} changes in ${headroom.seconds.toFixed(1)} s; ${headroom.latency}`);

  await xapi.disconnect();
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

if (process.argv.includes('--server')) await serve();
else await main();
