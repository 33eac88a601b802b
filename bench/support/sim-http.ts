// What the transfer benchmarks (bench/transfer, bench/files) do to a simulator besides Xenith's own work: read its
// database, grow a VM's disk, and the raw HTTPS GET and PUT that Xenith's transfers are measured against.
import type { IncomingMessage } from 'node:http';
import { request, type RequestOptions } from 'node:https';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SimProcess } from './sim-process.js';

const GiB = 1024 ** 3;
/** The simulator's credentials; its certificates are self-signed. */
export const insecure: RequestOptions = { auth: 'root:xenith', rejectUnauthorized: false };

export interface Dump { tables: Record<string, Record<string, Record<string, unknown>>> }

export async function dumpOf(sim: SimProcess): Promise<Dump> {
  return (await (await fetch(`${sim.info.controlUrl}/db`)).json()) as Dump;
}

/** A halted guest whose first disk becomes `diskGiB` (half of it data) and its other disks 1 MiB. */
export async function prepareBigVm(sim: SimProcess, diskGiB: number): Promise<{ vmRef: string; vdiRef: string }> {
  const dump = await dumpOf(sim);
  const vbds = Object.values(dump.tables.VBD ?? {});
  const [vmRef] = Object.entries(dump.tables.VM ?? {}).find(([ref, vm]) => !vm.is_a_template && !vm.is_a_snapshot && !vm.is_control_domain && vm.power_state === 'Halted' && vbds.some((vbd) => vbd.VM === ref && vbd.type === 'Disk'))!;
  const disks = vbds.filter((vbd) => vbd.VM === vmRef && vbd.type === 'Disk').map((vbd) => String(vbd.VDI));
  for (const [index, vdi] of disks.entries()) {
    const size = index === 0 ? diskGiB * GiB : 1024 * 1024;
    await sim.control(`/objects/VDI/${vdi}`, { virtual_size: size, physical_utilisation: size / 2 });
  }
  return { vmRef, vdiRef: disks[0]! };
}

/** A GET of a simulator URL: the response stream (a non-200 answer rejects). */
export function getStream(url: string): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    const req = request(url, insecure, (res) => (res.statusCode === 200 ? resolve(res) : reject(new Error(`${url} answered ${res.statusCode}`))));
    req.on('error', reject);
    req.end();
  });
}

/** PUT /import of `length` bytes from `body`; resolves when the simulator closes the connection after the import. */
export function putImport(sim: SimProcess, srRef: string, body: Readable, length: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(`${sim.info.masterUrl}/import?sr_id=${srRef}`, { ...insecure, method: 'PUT', headers: { 'content-length': String(length) } }, (res) => {
      if (res.statusCode !== 200) reject(new Error(`import answered ${res.statusCode}`));
      res.resume();
      res.on('close', () => resolve());
    });
    req.on('error', reject);
    void pipeline(body, req).catch(reject);
  });
}

/** Samples this process's RSS until stopped; returns the peak growth over the first sample. */
export function watchRss(): () => number {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  return () => {
    clearInterval(timer);
    return Math.max(0, peak - start);
  };
}
