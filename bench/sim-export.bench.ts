// Simulator transfer bench: GET /export of a VM with a 10 GiB synthetic disk (half of its 16 MiB regions hold data),
// streamed and counted, against a plain loopback TCP copy of the same byte count measured in the same run. The
// export runs over plain HTTP (same transport as the baseline) and over HTTPS (what clients use), and over HTTPS with
// zstd compression against the uncompressed HTTPS export.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createConnection, createServer, type AddressInfo } from 'node:net';
import { disksFor } from '../apps/xapi-sim/src/disk/disks-for-engine.js';
import { startSimulatedPool, type SimulatedPool } from '../apps/xapi-sim/src/index.js';
import { printRatio } from './report.js';

const GiB = 1024 ** 3;
const MB = 1e6;

/** Gives the first exportable guest VM one 10 GiB disk (density 0.5) and shrinks its other disks to 1 MiB. */
function prepare(pool: SimulatedPool): string {
  const { store } = pool.engine;
  const vm = [...store.rows('VM')].find((r) => !r.record.is_a_template && !r.record.is_control_domain && !r.record.is_a_snapshot
    && (r.record.allowed_operations as string[]).includes('export') && (r.record.VBDs as string[]).some((v) => store.get('VBD', v).type === 'Disk'))!.ref;
  const disks = (store.get('VM', vm).VBDs as string[]).map((v) => store.get('VBD', v)).filter((v) => v.type === 'Disk').map((v) => String(v.VDI));
  disks.forEach((vdi, i) => {
    store.update('VDI', vdi, { virtual_size: i === 0 ? 10 * GiB : 1024 * 1024 });
    disksFor(pool.engine).setSynthetic(vdi, { density: 0.5 });
  });
  return vm;
}

/** Streams the export (optionally `use_compression=…`) and counts bytes; returns [bytes, seconds]. */
function timeExport(pool: SimulatedPool, vm: string, compression = 'false'): Promise<[number, number]> {
  const url = `${pool.masterUrl}/export?ref=${vm}&use_compression=${compression}`;
  const auth = `Basic ${Buffer.from('root:xenith').toString('base64')}`;
  const request = url.startsWith('https') ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(url, { headers: { authorization: auth }, rejectUnauthorized: false }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`export answered ${res.statusCode}`));
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.on('end', () => resolve([bytes, (performance.now() - started) / 1000]));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** A plain loopback TCP copy of `bytes` bytes (1 MiB writes with backpressure); returns seconds. */
async function timeSocketCopy(bytes: number): Promise<number> {
  const block = Buffer.alloc(1024 * 1024, 0x5a);
  const server = createServer((socket) => {
    let left = bytes;
    const pump = (): void => {
      while (left > 0) {
        const n = Math.min(left, block.length);
        left -= n;
        if (!socket.write(n === block.length ? block : block.subarray(0, n))) {
          socket.once('drain', pump);
          return;
        }
      }
      socket.end();
    };
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    let got = 0;
    const c = createConnection((server.address() as AddressInfo).port, '127.0.0.1');
    c.on('data', (d: Buffer) => (got += d.length));
    c.on('end', () => (got === bytes ? resolve() : reject(new Error(`copied ${got} of ${bytes}`))));
    c.on('error', reject);
  });
  const seconds = (performance.now() - started) / 1000;
  server.close();
  return seconds;
}

for (const http of [true, false]) {
  const pool = await startSimulatedPool({ hosts: 1, vms: 2, seed: 7, baseAddress: '127.0.0.230', http });
  try {
    const vm = prepare(pool);
    const [bytes, seconds] = await timeExport(pool, vm);
    const baseline = await timeSocketCopy(bytes);
    const label = `/export of a 10 GiB synthetic VM over ${http ? 'HTTP' : 'HTTPS'} (${(bytes / GiB).toFixed(2)} GiB streamed)`;
    printRatio(`${label}, throughput`, bytes / MB / seconds, bytes / MB / baseline, 'MB/s');
    if (!http) {
      // zstd (as xo-server asks for): the same XVA's bytes per second, against the uncompressed export above.
      const [sent, zstdSeconds] = await timeExport(pool, vm, 'zstd');
      printRatio(`/export of the same VM with use_compression=zstd (${(sent / GiB).toFixed(2)} GiB sent), XVA throughput`, bytes / MB / zstdSeconds, bytes / MB / seconds, 'MB/s');
    }
  } finally {
    await pool.stop();
  }
}
