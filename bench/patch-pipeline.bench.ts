// The XenServer update pipeline: a 1 GiB update (its .iso inside a zip on the simulator's update source) downloaded,
// unzipped and uploaded to a VDI by Xenith in one stream (updates.upload), against, in the same run:
//   - each stage alone, with nothing else to wait for (download to nowhere, unzip a local copy to nowhere, upload a
//     local copy): the pipeline should take no longer than the slowest of them (target ≤ 1.1×);
//   - the three stages one after another with files in between (XenCenter's way: the download lands on the PC);
// and the server's RSS growth during the pipeline. The simulator runs in its own process; the files go to a scratch
// directory on disk (not /tmp), removed after. XENITH_BENCH_UPDATE_MIB sets another size.
import { createReadStream, createWriteStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { request as httpsRequest } from 'node:https';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { request } from 'undici';
import type { Job } from '../src/shared/api/job-schema.js';
import type { PoolSummary } from '../src/shared/api/pool-schema.js';
import { createStreamLogger } from '../src/main/logging/logger.js';
import { createSessionSecretStore } from '../src/main/secrets/secret-store.js';
import { createServer } from '../src/main/server.js';
import { readZipStream } from '../src/main/updates/zip-entry-stream.js';
import { printRatio } from './report.js';
import { startSimProcess } from './support/sim-process.js';

const MiB = 1024 * 1024;
const MB = 1e6;
const sizeMiB = Number(process.env.XENITH_BENCH_UPDATE_MIB ?? 1024);

/** A sink that takes everything as fast as it comes. */
const nowhere = (): Writable => new Writable({ write: (_chunk, _encoding, done) => done() });

/** Seconds `work` takes. */
async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return (performance.now() - started) / 1000;
}

const sim = await startSimProcess(['--hosts', '1', '--vms', '1', '--seed', '41', '--base-address', '127.0.2.240', '--product', 'xenserver', '--product-version', '8.2.1']);
const scratch = join(homedir(), '.cache', 'xenith-bench-patch');
const dataDir = join(scratch, 'data');
mkdirSync(dataDir, { recursive: true });
const server = createServer({ secrets: createSessionSecretStore(), paths: { dataDir }, logger: createStreamLogger(() => {}), host: { mode: 'serve', version: 'bench', electron: null } });
try {
  await sim.control('/updates/source/start');
  const published = (await sim.control('/updates/xenserver/publish', { name_label: 'XS82EBENCH', product_versions: ['8.2.1'], payloadBytes: sizeMiB * MiB })) as { url: string };
  const jobs = new Map<string, (job: Job) => void>();
  const client = server.connectClient({
    send(event) {
      if (event.event === 'trust.request') void client.dispatch('trust.decide', { requestId: (event.payload as { requestId: string }).requestId, accept: true });
      if (event.event === 'jobs.changed') jobs.get((event.payload as { job: Job }).job.jobId)?.((event.payload as { job: Job }).job);
    },
    backlogBytes: () => 0,
  });
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const result = await client.dispatch(method, input);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.output as T;
  };
  const { poolId } = await call<PoolSummary>('pool.add', { address: new URL(sim.info.masterUrl).host, user: 'root', password: 'xenith', save: false });
  const session = await jsonRpc('session.login_with_password', ['root', 'xenith']);

  /** Xenith's one-stream pipeline: the job's time, the stream's time (until the upload ended), and RSS growth. */
  const xenithPipeline = async () => {
    const rssStart = process.memoryUsage().rss;
    let rssPeak = rssStart;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    const started = performance.now();
    let streamEnded = 0;
    const { jobIds } = await call<{ jobIds: string[] }>('updates.upload', { poolId, url: published.url, name: 'XS82EBENCH' });
    const job = await new Promise<Job>((resolve) =>
      jobs.set(jobIds[0]!, (update) => {
        // 0.95 is where the upload ends and pool_update.introduce begins (the simulator then reads the VDI back).
        if (!streamEnded && update.progress >= 0.95) streamEnded = performance.now();
        if (update.finishedAt !== null) resolve(update);
      }),
    );
    clearInterval(sampler);
    if (job.state !== 'succeeded') throw new Error(`the upload ended ${job.state}: ${job.error?.code} ${job.error?.message}`);
    await jsonRpc('pool_update.destroy', [session, job.resultObjectId]);
    return { jobSeconds: (performance.now() - started) / 1000, streamSeconds: ((streamEnded || performance.now()) - started) / 1000, rssGrowth: rssPeak - rssStart };
  };

  // The stages alone. The zip and the .iso are kept in files first (page cache) so each stage reads locally.
  const zipFile = join(scratch, 'update.zip');
  const isoFile = join(scratch, 'update.iso');
  const download = async (to: Writable) => pipeline((await request(published.url)).body, to);
  const unzip = async (from: Readable, to: () => Writable) => {
    for await (const entry of readZipStream(from)) await pipeline(entry.body, to());
  };
  const vdiForUpload = async (size: number) => {
    const sr = String(Object.values(((await (await fetch(`${sim.info.controlUrl}/db`)).json()) as { tables: { pool: Record<string, { default_SR: string }> } }).tables.pool)[0]!.default_SR);
    return String(await jsonRpc('VDI.create', [session, { name_label: 'bench upload', SR: sr, virtual_size: Math.ceil(size / 512) * 512, type: 'user', sharable: false, read_only: false, other_config: {}, xenstore_data: {}, sm_config: {}, tags: [] }]));
  };
  const upload = async (from: Readable, size: number) => {
    const vdi = await vdiForUpload(size);
    await putRaw(vdi, from, size);
    await jsonRpc('VDI.destroy', [session, vdi]);
  };

  // XenCenter's way: each stage writes a file the next one reads.
  const fileWay = async () => {
    const seconds = {
      download: await timed(() => download(createWriteStream(zipFile))),
      unzip: await timed(() => unzip(createReadStream(zipFile), () => createWriteStream(isoFile))),
      upload: 0,
    };
    seconds.upload = await timed(() => upload(createReadStream(isoFile), statSync(isoFile).size));
    return seconds;
  };

  const file = await fileWay();
  const alone = {
    download: await timed(() => download(nowhere())),
    unzip: await timed(() => unzip(createReadStream(zipFile), nowhere)),
    upload: await timed(() => upload(createReadStream(isoFile), statSync(isoFile).size)),
  };
  // Xenith and the slowest stage take turns, twice, and each keeps its best run.
  const runs = [await xenithPipeline()];
  const slowestName = (Object.keys(alone) as (keyof typeof alone)[]).reduce((a, b) => (alone[a] > alone[b] ? a : b));
  const again = { download: () => download(nowhere()), unzip: () => unzip(createReadStream(zipFile), nowhere), upload: () => upload(createReadStream(isoFile), statSync(isoFile).size) };
  alone[slowestName] = Math.min(alone[slowestName], await timed(again[slowestName]));
  runs.push(await xenithPipeline());
  const best = runs.reduce((a, b) => (a.streamSeconds < b.streamSeconds ? a : b));
  const slowest = (Object.keys(alone) as (keyof typeof alone)[]).reduce((a, b) => (alone[a] > alone[b] ? a : b));
  const fileTotal = file.download + file.unzip + file.upload;
  const zipBytes = statSync(zipFile).size;
  const isoBytes = statSync(isoFile).size;

  const label = `${(isoBytes / MiB).toFixed(0)} MiB update (${(zipBytes / MiB).toFixed(0)} MiB zip) downloaded, unzipped and uploaded`;
  console.log(`Stages alone: download ${alone.download.toFixed(2)} s, unzip ${alone.unzip.toFixed(2)} s, upload ${alone.upload.toFixed(2)} s (slowest: ${slowest})`);
  printRatio(`${label} in one stream by Xenith, time vs the slowest stage alone`, best.streamSeconds, alone[slowest], 's', '≤ 1.1');
  printRatio(`${label}, the three stages with files between them (XenCenter's way) vs Xenith's one stream`, fileTotal, best.streamSeconds, 's');
  console.log(`Xenith's whole job (with VDI.create and pool_update.introduce reading the VDI back): ${best.jobSeconds.toFixed(2)} s`);
  console.log(`Server RSS growth during the pipeline: ${(Math.max(...runs.map((r) => r.rssGrowth)) / MB).toFixed(1)} MB (target < 100 MB)`);
} finally {
  await server.close();
  sim.stop();
  rmSync(scratch, { recursive: true, force: true });
}

/** A JSON-RPC call to the simulated pool (its certificate is self-signed). */
async function jsonRpc(method: string, params: unknown[]): Promise<unknown> {
  const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }));
  const answer = await new Promise<string>((resolve, reject) => {
    const req = httpsRequest(`${sim.info.masterUrl}/jsonrpc`, { method: 'POST', rejectUnauthorized: false, headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
  const parsed = JSON.parse(answer) as { result?: unknown; error?: { message: string } };
  if (parsed.error) throw new Error(`${method}: ${parsed.error.message}`);
  return parsed.result;
}

/** PUT /import_raw_vdi of `size` bytes, answered when the simulator closes the upload. */
function putRaw(vdi: string, body: Readable, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(`${sim.info.masterUrl}/import_raw_vdi?vdi=${vdi}&format=raw`, { method: 'PUT', auth: 'root:xenith', rejectUnauthorized: false, headers: { 'content-length': String(size) } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`import_raw_vdi answered ${res.statusCode}`));
      res.resume();
      res.on('close', () => resolve());
    });
    req.on('error', reject);
    void pipeline(body, req).catch(reject);
  });
}
