/** Shared set-up for transfer tests: a VM with small synthetic disks, digests of its disks, HTTP helpers. */
import { execFileSync } from 'node:child_process';
import { request as httpsRequest, type RequestOptions } from 'node:https';
import { PassThrough } from 'node:stream';
import type { IncomingHttpHeaders } from 'node:http';
import type { SimulatedPool } from '#sim/index.js';
import { disksFor } from '#sim/disk/disks-for-engine.js';
import { BLOCK_SIZE } from '#sim/disk/synthetic-content.js';

export const MiB = BLOCK_SIZE;

/**
 * A guest VM of the pool (not a template, snapshot or dom0) with at least one disk, its disks made small; `index`
 * counts among the VMs in `powerState` when one is given.
 */
export function prepareVm(pool: SimulatedPool, opts: { sizes?: number[]; density?: number; index?: number; powerState?: string } = {}): { vm: string; vdis: string[] } {
  const { store } = pool.engine;
  const candidates = [...store.rows('VM')].filter((r) => !r.record.is_a_template && !r.record.is_control_domain && !r.record.is_a_snapshot
    && (r.record.allowed_operations as string[]).includes('export') && (r.record.VBDs as string[]).some((v) => store.get('VBD', v).type === 'Disk')
    && (opts.powerState === undefined || r.record.power_state === opts.powerState));
  const vm = candidates[opts.index ?? 0]!.ref;
  const vdis = (store.get('VM', vm).VBDs as string[]).map((v) => store.get('VBD', v)).filter((v) => v.type === 'Disk').map((v) => String(v.VDI));
  const sizes = opts.sizes ?? [40 * MiB + 4096, 24 * MiB];
  vdis.forEach((vdi, i) => {
    store.update('VDI', vdi, { virtual_size: sizes[i % sizes.length]! });
    disksFor(pool.engine).setSynthetic(vdi, { density: opts.density ?? 0.5 });
  });
  return { vm, vdis };
}

/** Content digests of a VM's disk VDIs, keyed by VBD userdevice. */
export function diskDigests(pool: SimulatedPool, vm: string): Record<string, string> {
  const { store } = pool.engine;
  const out: Record<string, string> = {};
  for (const vbdRef of store.get('VM', vm).VBDs as string[]) {
    const vbd = store.get('VBD', vbdRef);
    if (vbd.type !== 'Disk') continue;
    out[String(vbd.userdevice)] = disksFor(pool.engine).contentDigest(String(vbd.VDI));
  }
  return out;
}

/** Object counts of the classes an import creates. */
export function importCounts(pool: SimulatedPool): Record<string, number> {
  const { store } = pool.engine;
  return Object.fromEntries(['VM', 'VBD', 'VIF', 'VDI', 'VM_metrics', 'network'].map((c) => [c, store.count(c)]));
}

export interface RawResponse { status: number; headers: IncomingHttpHeaders; body: Buffer; statusLine: string }

/** One HTTPS request with an optional body, reading the whole answer (the simulator's certificates are self-signed). */
export function httpsCall(url: string, opts: RequestOptions & { body?: Buffer | string } = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { rejectUnauthorized: false, ...opts }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), statusLine: `HTTP/${res.httpVersion} ${res.statusCode}` }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

/** Polls until `check` holds (tasks settle asynchronously); fails after `ms`. */
export async function eventually(check: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * Decouples an undici response body from a slower consumer. undici 6.29 asserts (`assert(!this.paused)` in
 * Parser.finish, an uncaught exception) when a close-delimited response — xapi's /export answers are — ends while
 * the body is paused by backpressure; a real XAPI triggers it just the same. Buffering keeps the body flowing.
 */
export function flowing(body: NodeJS.ReadableStream): PassThrough {
  const out = new PassThrough({ highWaterMark: 512 * 1024 * 1024 });
  body.pipe(out);
  return out;
}

/** One JSON-RPC call to a pool host; returns the result or throws the error code. */
export async function rpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await httpsCall(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const answer = JSON.parse(res.body.toString('utf8')) as { result?: unknown; error?: { message: string; data: unknown[] } };
  if (answer.error) throw new Error(`${answer.error.message} ${JSON.stringify(answer.error.data)}`);
  return answer.result;
}

/** Members of a tar archive in order, with their data offsets (for tests that alter one member). */
export function tarMembers(tar: Buffer): { name: string; offset: number; size: number }[] {
  const out: { name: string; offset: number; size: number }[] = [];
  for (let pos = 0; pos + 512 <= tar.length;) {
    const header = tar.subarray(pos, pos + 512);
    if (header.every((b) => b === 0)) break;
    const name = header.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '');
    const size = parseInt(header.subarray(124, 136).toString('latin1').replace(/\0.*$/s, '').trim(), 8);
    out.push({ name, offset: pos + 512, size });
    pos += 512 + Math.ceil(size / 512) * 512;
  }
  return out;
}

/** Whether a command-line tool (GNU tar, xxhsum, zstd…) is on the PATH. */
export function hasTool(name: string): boolean {
  try {
    execFileSync('which', [name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
