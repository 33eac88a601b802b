/** Programmatic entry point: build a seed (given, generated or from a dump), start every host and the control port. */
import { readFileSync } from 'node:fs';
import { DEFAULT_MODULES } from './behaviour/modules.js';
import type { Engine } from './api/engine.js';
import { ChangeStream } from './pool-runtime/change-stream.js';
import { ControlServer } from './pool-runtime/control-server.js';
import { PoolRuntime } from './pool-runtime/pool-runtime.js';
import { generatePool } from './scenario/generate-pool.js';
import { loadDump } from './scenario/load-dump.js';
import type { ProductBrand } from './scenario/product.js';
import type { PoolSeed } from './scenario/types.js';

export interface SimulatedPoolOptions {
  /** Ready-made seed; otherwise `dump`, otherwise a generated pool. */
  poolSeed?: PoolSeed;
  /** Path of a XAPI database dump (XML) to load. */
  dump?: string;
  /** Generated pool size (defaults: 3 hosts, 20 VMs, seed 1). */
  hosts?: number;
  vms?: number;
  templates?: number;
  srs?: number;
  networks?: number;
  seed?: number;
  /** First host address for generated pools (default 127.0.0.1; the others follow). */
  baseAddress?: string;
  /** Accepted logins; default `{ root: 'xenith' }`. */
  users?: Record<string, string>;
  /** Duration multiplier (default 1; 0.01 makes a 5 s VM start take 50 ms). */
  timeScale?: number;
  /** Keeps per-host certificates here so fingerprints survive restarts. */
  stateDir?: string;
  /** Port shared by all hosts (default: a free one). */
  port?: number;
  /** Plain HTTP instead of HTTPS. */
  http?: boolean;
  /** Control port (default: a free one on 127.0.0.1). */
  controlPort?: number;
  /** Generated pools: XCP-ng (default) or XenServer (8.4, CDN updates, unless `productVersion` says older). */
  productBrand?: ProductBrand;
  /** Generated pools: the hosts' product_version (e.g. `8.2.1`). */
  productVersion?: string;
}

export interface SimulatedHost { ref: string; uuid: string; name: string; address: string; url: string; fingerprint: string; master: boolean }

export interface SimulatedPool {
  hosts: SimulatedHost[];
  masterUrl: string;
  controlUrl: string;
  credentials: { user: string; password: string };
  /** In-process access for tests: the engine (store, schema …) and the runtime. */
  engine: Engine;
  runtime: PoolRuntime;
  stop(): Promise<void>;
}

export const DEFAULT_USERS: Readonly<Record<string, string>> = { root: 'xenith' };

function buildSeed(o: SimulatedPoolOptions): PoolSeed {
  if (o.poolSeed) return o.poolSeed;
  if (o.dump) return loadDump(readFileSync(o.dump, 'utf8'));
  return generatePool({
    hosts: o.hosts ?? 3, vms: o.vms ?? 20, seed: o.seed ?? 1,
    ...(o.templates !== undefined ? { templates: o.templates } : {}),
    ...(o.srs !== undefined ? { srs: o.srs } : {}),
    ...(o.networks !== undefined ? { networks: o.networks } : {}),
    ...(o.baseAddress !== undefined ? { baseAddress: o.baseAddress } : {}),
    ...(o.productBrand !== undefined ? { productBrand: o.productBrand } : {}),
    ...(o.productVersion !== undefined ? { productVersion: o.productVersion } : {}),
  });
}

export async function startSimulatedPool(o: SimulatedPoolOptions = {}): Promise<SimulatedPool> {
  const users = { ...(o.users ?? DEFAULT_USERS) };
  const runtime = new PoolRuntime({
    seed: buildSeed(o), users, timeScale: o.timeScale ?? 1, modules: DEFAULT_MODULES,
    ...(o.stateDir !== undefined ? { stateDir: o.stateDir } : {}),
    ...(o.port !== undefined ? { port: o.port } : {}),
    ...(o.http ? { http: true } : {}),
  });
  await runtime.start();
  const stream = new ChangeStream(runtime.engine);
  const control = new ControlServer(runtime, stream);
  try {
    await control.start(o.controlPort ?? 0);
  } catch (e) {
    await runtime.stop();
    throw e;
  }
  const store = runtime.engine.store;
  const [user = 'root', password = ''] = Object.entries(users)[0] ?? [];
  const hosts = [...runtime.hosts.values()].map((h) => {
    const rec = store.row('host', h.ref)?.record;
    return { ref: h.ref, uuid: String(rec?.uuid ?? ''), name: String(rec?.name_label ?? ''), address: h.address, url: h.server.url, fingerprint: h.fingerprint, master: h.ref === runtime.engine.masterRef };
  });
  return {
    hosts,
    masterUrl: hosts.find((h) => h.master)?.url ?? '',
    controlUrl: control.url,
    credentials: { user, password },
    engine: runtime.engine,
    runtime,
    async stop() {
      stream.stop();
      await control.stop();
      await runtime.stop();
    },
  };
}
