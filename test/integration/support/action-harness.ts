import { startSimulatedPool, type SimulatedPool, type SimulatedPoolOptions } from '../../../apps/xapi-sim/src/index.js';
import type { Job } from '../../../src/shared/api/job-schema.js';
import type { PoolSummary } from '../../../src/shared/api/pool-schema.js';
import { fetchSimDump, type SimDump } from '../../support/mirror-vs-sim.js';
import { startXenith, type XenithHarness } from '../../support/xenith-harness.js';
import { jobWaits } from './job-waits.js';

/** A simulated pool connected to a real Xenith server, for action tests. */
export interface ActionRig {
  sim: SimulatedPool;
  xenith: XenithHarness;
  poolId: string;
  /** The simulator's database now (the pool's truth, not Xenith's mirror). */
  db(): Promise<SimDump>;
  /** A POST to the simulator's control port. */
  control(path: string, body?: unknown): Promise<unknown>;
  /** Calls an action and waits for its single job to finish. */
  runJob(method: string, input: unknown, timeoutMs?: number): Promise<Job>;
  /** Waits for a job to reach a finished state. */
  finished(jobId: string, timeoutMs?: number): Promise<Job>;
  close(): Promise<void>;
}

export async function startActionRig(options: SimulatedPoolOptions): Promise<ActionRig> {
  const sim = await startSimulatedPool({ timeScale: 0.02, ...options });
  const xenith = startXenith();
  xenith.autoTrust();
  const master = sim.hosts.find((host) => host.master)!;
  const { poolId } = await xenith.call<PoolSummary>('pool.add', { address: `${master.address}:${new URL(master.url).port}`, user: 'root', password: 'xenith', save: false });
  const rig: ActionRig = {
    sim, xenith, poolId,
    db: () => fetchSimDump(sim.controlUrl),
    async control(path, body = {}) {
      const response = await fetch(`${sim.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return response.json();
    },
    ...jobWaits(xenith),
    async close() {
      await xenith.close();
      await sim.stop();
    },
  };
  return rig;
}

/** Rows of one class in a dump, as [ref, record] pairs. */
export function rows(dump: SimDump, cls: string): [string, Record<string, unknown>][] {
  return Object.entries(dump.tables[cls] ?? {});
}

/** Guest VMs (not templates, snapshots or control domains) of a dump. */
export function guests(dump: SimDump): [string, Record<string, unknown>][] {
  return rows(dump, 'VM').filter(([, vm]) => vm.is_a_template === false && vm.is_a_snapshot === false && vm.is_control_domain === false);
}

/** A halted guest VM: one that is, or a running one the simulator stops. */
export async function haltedGuest(rig: ActionRig): Promise<string> {
  const all = guests(await rig.db());
  const halted = all.find(([, vm]) => vm.power_state === 'Halted');
  if (halted) return halted[0];
  const [ref] = all[0]!;
  await rig.control(`/vms/${ref}/stop`, { hard: true });
  return ref;
}
