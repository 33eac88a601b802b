import { createHash } from 'node:crypto';
import { request } from 'node:https';
import { startSimulatedPool, type SimulatedPool, type SimulatedPoolOptions } from '../../../apps/xapi-sim/src/index.js';
import type { PoolSummary } from '../../../src/shared/api/pool-schema.js';
import { fetchSimDump, type SimDump } from '../../support/mirror-vs-sim.js';
import { startThrottledProxy, type ThrottledProxy } from '../../support/throttled-proxy.js';
import { startXenith, type XenithHarness } from '../../support/xenith-harness.js';
import { jobWaits, type JobWaits } from './job-waits.js';

const MiB = 1024 * 1024;

/** One simulated pool of the rig, as the test reaches it (its own database and control port). */
export interface RigPool {
  sim: SimulatedPool;
  poolId: string;
  /** The address Xenith was given (through the proxy for a throttled pool). */
  address: string;
  db(): Promise<SimDump>;
  control(path: string, body?: unknown): Promise<unknown>;
}

/** Two simulated pools connected to one real Xenith server: copies and moves between them. */
export interface TwoPoolRig extends JobWaits {
  source: RigPool;
  target: RigPool;
  xenith: XenithHarness;
  /** In front of the target pool when asked: slows what Xenith sends it. */
  proxy: ThrottledProxy | null;
  close(): Promise<void>;
}

async function controlOf(sim: SimulatedPool, path: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return response.json();
}

function masterAddress(sim: SimulatedPool): string {
  const master = sim.hosts.find((host) => host.master)!;
  return `${master.address}:${new URL(master.url).port}`;
}

export interface TwoPoolOptions {
  source?: SimulatedPoolOptions;
  target?: SimulatedPoolOptions;
  /** Put a throttling proxy in front of the target pool (a destination slower than the source). */
  throttleTarget?: boolean;
  /** Pools are saved (pools.json) so another server on the same data directory knows them. */
  save?: boolean;
  dataDir?: string;
}

/** Starts both simulators (one host each, on their own loopback addresses) and connects Xenith to them. */
export async function startTwoPoolRig(options: TwoPoolOptions = {}): Promise<TwoPoolRig> {
  const sourceSim = await startSimulatedPool({ hosts: 1, vms: 6, seed: 11, timeScale: 0.02, baseAddress: '127.0.0.1', ...options.source });
  const targetSim = await startSimulatedPool({ hosts: 1, vms: 2, seed: 12, timeScale: 0.02, baseAddress: '127.0.1.1', ...options.target });
  const master = targetSim.hosts.find((host) => host.master)!;
  const proxy = options.throttleTarget ? await startThrottledProxy({ host: master.address, port: Number(new URL(master.url).port) }) : null;
  const xenith = startXenith(options.dataDir ? { dataDir: options.dataDir } : {});
  xenith.autoTrust();
  const add = async (sim: SimulatedPool, address: string): Promise<RigPool> => {
    const { poolId } = await xenith.call<PoolSummary>('pool.add', { address, user: 'root', password: 'xenith', save: options.save ?? false });
    return { sim, poolId, address, db: () => fetchSimDump(sim.controlUrl), control: (path, body) => controlOf(sim, path, body) };
  };
  const source = await add(sourceSim, masterAddress(sourceSim));
  const target = await add(targetSim, proxy ? `127.0.0.1:${proxy.port}` : masterAddress(targetSim));
  const rig: TwoPoolRig = {
    source, target, xenith, proxy,
    ...jobWaits(xenith),
    async close() {
      await xenith.close();
      await proxy?.close();
      await Promise.all([sourceSim.stop(), targetSim.stop()]);
    },
  };
  return rig;
}

/** Rows of one class in a dump, as [ref, record] pairs. */
export function rowsOf(dump: SimDump, cls: string): [string, Record<string, unknown>][] {
  return Object.entries(dump.tables[cls] ?? {});
}

/** A guest VM in the given power state, its disks shrunk to a few MiB (only the benchmark moves big disks). */
export async function smallGuest(pool: RigPool, powerState: 'Halted' | 'Running', diskBytes = 4 * MiB): Promise<{ vmRef: string; name: string; vdis: string[] }> {
  const dump = await pool.db();
  const vbds = rowsOf(dump, 'VBD');
  const guest = rowsOf(dump, 'VM').find(([ref, vm]) => vm.is_a_template === false && vm.is_a_snapshot === false && vm.is_control_domain === false
    && vm.power_state === powerState && vbds.some(([, vbd]) => vbd.VM === ref && vbd.type === 'Disk'));
  if (!guest) throw new Error(`no ${powerState} guest with a disk in the pool`);
  const [vmRef, vm] = guest;
  const vdis = vbds.filter(([, vbd]) => vbd.VM === vmRef && vbd.type === 'Disk').map(([, vbd]) => String(vbd.VDI));
  for (const vdi of vdis) await pool.control(`/objects/VDI/${vdi}`, { virtual_size: diskBytes, physical_utilisation: diskBytes });
  return { vmRef, name: String(vm.name_label), vdis };
}

/** SHA-256 of a VDI's whole raw content, read over HTTPS from its pool (GET /export_raw_vdi). */
export function vdiDigest(pool: RigPool, vdiRef: string): Promise<string> {
  const master = pool.sim.hosts.find((host) => host.master)!;
  const url = new URL(`/export_raw_vdi/?vdi=${encodeURIComponent(vdiRef)}&format=raw`, master.url);
  return new Promise((resolve, reject) => {
    const req = request(url, { auth: 'root:xenith', rejectUnauthorized: false }, (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        reject(new Error(`export_raw_vdi answered ${res.statusCode}`));
        return;
      }
      const hash = createHash('sha256');
      res.on('data', (chunk: Buffer) => hash.update(chunk));
      res.on('end', () => resolve(hash.digest('hex')));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Digests of a VM's disks keyed by userdevice, from a dump of its pool. */
export async function diskDigestsOf(pool: RigPool, vmRef: string): Promise<Record<string, string>> {
  const dump = await pool.db();
  const digests: Record<string, string> = {};
  for (const [, vbd] of rowsOf(dump, 'VBD')) {
    if (vbd.VM !== vmRef || vbd.type !== 'Disk') continue;
    digests[String(vbd.userdevice)] = await vdiDigest(pool, String(vbd.VDI));
  }
  return digests;
}

/** What a transfer could leave behind on a pool: object counts, and any object bearing a transfer's name. */
export interface Inventory {
  counts: Record<string, number>;
  marked: string[];
}

const countedClasses = ['VM', 'VDI', 'VBD', 'VIF', 'network'];

export async function inventory(pool: RigPool): Promise<Inventory> {
  const dump = await pool.db();
  const counts = Object.fromEntries(countedClasses.map((cls) => [cls, rowsOf(dump, cls).length]));
  const marked: string[] = [];
  for (const cls of ['VM', 'task', 'VDI']) {
    for (const [ref, record] of rowsOf(dump, cls)) {
      const name = String(record.name_label ?? '');
      const config = (record.other_config ?? {}) as Record<string, unknown>;
      if (name.includes('Xenith transfer') || name.startsWith('[Importing') || 'xenith_transfer' in config) marked.push(`${cls} ${ref} ${name}`);
    }
  }
  return { counts, marked };
}
