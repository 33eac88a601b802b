import { mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { silentLogger } from '../../src/main/logging/logger.js';
import { createSessionSecretStore } from '../../src/main/secrets/secret-store.js';
import { createServer, type XenithServer } from '../../src/main/server.js';
import { startServeTransport } from '../../src/main/transport/serve-transport.js';
import { probeCertificate } from '../../src/main/trust/certificate-info.js';
import type { PoolSummary } from '../../src/shared/api/pool-schema.js';
import type { SimProcess } from './sim-process.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Memory after two full garbage collections and a pause, so what is measured is what is held, not garbage. */
export async function settledMemory(): Promise<NodeJS.MemoryUsage> {
  gc();
  await new Promise((resolve) => setTimeout(resolve, 200));
  gc();
  return process.memoryUsage();
}

/** The machine's load average, to print beside each figure (eight helpers share two cores). */
export const loadAverage = (): string => loadavg().map((value) => value.toFixed(1)).join(' ');

/** A Xenith server in this process with its serve transport, the way a benchmark drives it. */
export interface BenchServer {
  server: XenithServer;
  /** The WebSocket URL a client process connects to. */
  wsUrl: string;
  /** Pins every host of a simulated pool, so adding it asks no question (time starts at a trusted certificate). */
  trust(sim: SimProcess): Promise<void>;
  /** Adds a simulated pool through the contract; resolves with its summary when `pool.add` answers. */
  addPool(sim: SimProcess, waitFor?: 'complete' | 'listed'): Promise<PoolSummary>;
  /** Resolves when the pool's status says connected (its mirror is complete). */
  connected(poolId: string): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchServer(): Promise<BenchServer> {
  const server = createServer({ secrets: createSessionSecretStore(), paths: { dataDir: mkdtempSync(join(tmpdir(), 'xenith-bench-')) }, logger: silentLogger, host: { mode: 'serve', version: 'bench', electron: null } });
  const serve = await startServeTransport({ server, staticDir: '/nonexistent', logger: silentLogger });
  const connectedPools = new Set<string>();
  const waiters = new Map<string, () => void>();
  server.subscribe((event) => {
    if (event.event !== 'pool.status') return;
    const summary = event.payload as PoolSummary;
    if (summary.state !== 'connected' || summary.loading) return;
    connectedPools.add(summary.poolId);
    waiters.get(summary.poolId)?.();
  });
  return {
    server,
    wsUrl: `ws://127.0.0.1:${serve.port}/api?token=${serve.token}`,
    async trust(sim) {
      for (const host of sim.info.hosts) {
        const url = new URL(host.url);
        const presented = await probeCertificate(url.hostname, Number(url.port));
        server.internals.pins.set(url.hostname, Number(url.port), { fingerprint: presented.fingerprint, pem: presented.pem });
      }
    },
    async addPool(sim, waitFor = 'complete') {
      const { user, password } = sim.info.credentials;
      const added = await server.dispatch('pool.add', { address: new URL(sim.info.masterUrl).host, user, password, save: false, waitFor }, { clientId: 'bench' });
      if (!added.ok) throw new Error(added.error.message);
      return added.output as PoolSummary;
    },
    connected: (poolId) =>
      connectedPools.has(poolId) ? Promise.resolve() : new Promise((resolve) => waiters.set(poolId, () => resolve())),
    async close() {
      await serve.close();
      await server.close();
    },
  };
}
