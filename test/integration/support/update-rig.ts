import { startSimulatedPool, type SimulatedPool, type SimulatedPoolOptions } from '../../../apps/xapi-sim/src/index.js';
import type { Job } from '../../../src/shared/api/job-schema.js';
import type { PoolSummary } from '../../../src/shared/api/pool-schema.js';
import type { ServerOptions } from '../../../src/main/server.js';
import { fetchSimDump, type SimDump } from '../../support/mirror-vs-sim.js';
import { startXenith, type XenithHarness } from '../../support/xenith-harness.js';
import { pendingAfterUpdate, readUpdateHistory } from '../../../src/shared/util/host-updates.js';
import { jobWaits, type JobWaits } from './job-waits.js';

/** Update timings for tests: a rebooting host looked at often, a busy updater tried again quickly. */
export const quickUpdates: ServerOptions = { rollingTimings: { pollMs: 100, rebootTimeoutMs: 60_000 }, updaterBusyRetry: { attempts: 3, delayMs: 100 } };

/** A simulated pool connected to a real Xenith, for update tests. */
export interface UpdateRig extends JobWaits {
  sim: SimulatedPool;
  xenith: XenithHarness;
  poolId: string;
  db(): Promise<SimDump>;
  /** POST to the simulator's control port; fails the test on an error answer. */
  control<T = Record<string, unknown>>(path: string, body?: unknown): Promise<T>;
  /** GET from the simulator's control port. */
  peek<T = Record<string, unknown>>(path: string): Promise<T>;
  /** Resolves with the first job event (seen or future) that matches. */
  job(predicate: (job: Job) => boolean, timeoutMs?: number): Promise<Job>;
  close(): Promise<void>;
}

export async function startUpdateRig(simOptions: SimulatedPoolOptions, server: ServerOptions = quickUpdates, dataDir?: string): Promise<UpdateRig> {
  const sim = await startSimulatedPool({ timeScale: 0.01, ...simOptions });
  const xenith = startXenith({ server, ...(dataDir ? { dataDir } : {}) });
  xenith.autoTrust();
  await xenith.server.start();
  const master = sim.hosts.find((host) => host.master)!;
  const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: `${master.address}:${new URL(master.url).port}`, user: 'root', password: 'xenith', save: true });
  return {
    sim, xenith, poolId,
    db: () => fetchSimDump(sim.controlUrl),
    async control(path, body = {}) {
      const response = await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      const answer = (await response.json()) as never;
      if (response.status !== 200) throw new Error(`${path}: ${JSON.stringify(answer)}`);
      return answer;
    },
    async peek(path) {
      return (await (await fetch(`${sim.controlUrl}${path}`)).json()) as never;
    },
    async job(predicate, timeoutMs = 60_000) {
      const event = await xenith.waitForEvent((e) => e.event === 'jobs.changed' && predicate((e.payload as { job: Job }).job), timeoutMs);
      return (event.payload as { job: Job }).job;
    },
    ...jobWaits(xenith),
    async close() {
      await xenith.close();
      await sim.stop();
    },
  };
}

/** Hard-stops the guests no host could be evacuated with (on a host's local storage, say): the rolling update needs every host evacuable. */
export async function stopUnmovableGuests(sim: SimulatedPool, call: <T>(method: string, input: unknown) => Promise<T>): Promise<void> {
  for (const host of sim.hosts) {
    const plan = await call<{ blocking: { vmId: string }[] }>('host.evacuationPlan', { hostId: host.ref });
    for (const { vmId } of plan.blocking) await fetch(`${sim.controlUrl}/vms/${vmId}/stop`, { method: 'POST', body: JSON.stringify({ hard: true }) });
  }
}

/** The outcome of an update as a person would compare two runs: where VMs run, and each host's state, by name. */
export async function updateOutcome(sim: SimulatedPool): Promise<Record<string, unknown>> {
  const dump = await fetchSimDump(sim.controlUrl);
  const hosts: Record<string, unknown> = {};
  for (const host of sim.hosts) {
    const record = dump.tables.host![host.ref]!;
    const rpms = (await (await fetch(`${sim.controlUrl}/updates/xcp-ng/hosts/${host.ref}`)).json()) as { installed: string[]; available: string[] };
    const config = record.other_config as Record<string, string>;
    hosts[host.name] = {
      enabled: record.enabled,
      live: dump.tables.host_metrics![String(record.metrics)]!.live,
      kernel: rpms.installed.find((p) => p.startsWith('kernel-')),
      available: rpms.available,
      history: readUpdateHistory(config).map((entry) => [...entry.updates].sort()),
      rebootPending: pendingAfterUpdate({ software_version: {}, other_config: config }).reboot,
    };
  }
  return { placement: placement(dump), hosts };
}

/** Where each running guest runs, by name: `{host name: [VM names]}`. */
export function placement(dump: SimDump): Record<string, string[]> {
  const hosts = dump.tables.host ?? {};
  const out: Record<string, string[]> = Object.fromEntries(Object.values(hosts).map((host) => [String(host.name_label), [] as string[]]));
  for (const vm of Object.values(dump.tables.VM ?? {})) {
    if (vm.is_control_domain || vm.is_a_template || vm.is_a_snapshot || vm.power_state !== 'Running') continue;
    out[String(hosts[String(vm.resident_on)]?.name_label)]?.push(String(vm.name_label));
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}
