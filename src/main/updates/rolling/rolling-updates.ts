import type { ApiError } from '../../../shared/api/errors.js';
import type { JobDecision } from '../../../shared/api/job-schema.js';
import type { UpdateSelection } from '../../../shared/api/update-schema.js';
import { nameOf } from '../../../shared/xapi/objects.js';
import { poolClient, type ActionDeps } from '../../actions/action-context.js';
import { ApiFailure } from '../../api/failure.js';
import type { JsonJournal } from '../../util/json-journal.js';
import { hostsInOrder, poolForUpdates } from '../pool-update-family.js';
import { updatedBy } from '../update-history.js';
import type { BusyRetry } from '../updater-plugin.js';
import type { RollingRecord } from './rolling-journal.js';
import { planRollingSteps } from './rolling-plan.js';
import { newUpdateId, runRollingUpdate, type RollingServices } from './rolling-runner.js';
import type { RollingTimings } from './rolling-steps.js';

export interface RollingStartInput {
  poolId: string;
  hostIds?: readonly string[] | undefined;
  selection: UpdateSelection;
  disableHa: boolean;
}

/**
 * The rolling pool updates of this Xenith: started from the Install Update wizard, resumed from the journal at
 * start-up (each shows in the task panel paused at the step it had reached), answered with `decide`.
 */
export class RollingUpdates {
  readonly #svc: RollingServices;

  constructor(deps: ActionDeps, journal: JsonJournal<RollingRecord>, options: { timings: RollingTimings; busyRetry?: BusyRetry | undefined }) {
    this.#svc = { deps, journal, timings: options.timings, busyRetry: options.busyRetry, jobs: new Map() };
  }

  /** Reads the journal; every update it holds comes back as a paused job (Xenith stopped while it ran). */
  async start(): Promise<void> {
    await this.#svc.journal.load();
    for (const record of this.#svc.journal.list()) {
      if (this.#svc.jobs.has(record.updateId)) continue;
      const step = record.steps.find((s) => s.state !== 'done' && s.state !== 'skipped');
      const reason: ApiError = record.pausedReason ?? {
        code: 'ROLLING_UPDATE_INTERRUPTED',
        message: `Xenith stopped during '${step?.label ?? 'the update'}'. Resume continues from there (reconnect the pool first if it is not connected).`,
        poolId: record.poolId,
      };
      runRollingUpdate(this.#svc, record.updateId, reason);
    }
  }

  /** Starts a rolling update (after its prechecks passed); refuses while another one of the pool is unfinished. */
  async begin(input: RollingStartInput): Promise<string> {
    const { deps, journal } = this.#svc;
    const facts = poolForUpdates(deps.mirror, input.poolId);
    const hosts = hostsInOrder(facts, input.hostIds);
    await journal.load();
    const unfinished = journal.list().find((r) => r.poolId === input.poolId);
    if (unfinished) {
      throw new ApiFailure('ROLLING_UPDATE_IN_PROGRESS', `A rolling update of '${unfinished.poolName}' is not finished (it is in the task panel). Resume or abort it first.`, { poolId: input.poolId });
    }
    if (input.selection.family !== facts.family) {
      throw new ApiFailure('VALIDATION', `This pool takes ${facts.family} updates, not ${input.selection.family} ones.`, { poolId: input.poolId });
    }
    const haOff = facts.pool.ha_enabled && input.disableHa;
    let ha: RollingRecord['ha'] = null;
    if (haOff) {
      // What turns HA back on: the SRs of its heartbeat state files and its configuration.
      const client = poolClient(deps.pools, input.poolId);
      const heartbeatSrs = await Promise.all(facts.pool.ha_statefiles.map((vdi) => client.call<string>('VDI.get_SR', vdi).catch(() => '')));
      ha = { heartbeatSrs: [...new Set(heartbeatSrs.filter(Boolean))], configuration: { ...facts.pool.ha_configuration } };
    }
    const record: RollingRecord = {
      updateId: newUpdateId(),
      poolId: input.poolId,
      poolRef: facts.pool.$id,
      poolName: nameOf(facts.pool) || nameOf(facts.master),
      startedAt: Date.now(),
      by: updatedBy(deps.pools, input.poolId),
      selection: input.selection,
      steps: planRollingSteps({ family: facts.family, hosts: hosts.map((h) => ({ ref: h.$id, name: h.name_label })), haOff }),
      vmsByHost: {},
      ha,
      pausedReason: null,
      notes: [],
    };
    await journal.put(record);
    return runRollingUpdate(this.#svc, record.updateId, null);
  }

  /**
   * Answers a paused rolling update. Resume, retry and skip need the pool connected; abort too, unless the pool
   * is no longer known to Xenith (then the run is simply forgotten: nothing may keep a pool from later updates).
   */
  async decide(jobId: string, decision: JobDecision): Promise<void> {
    const { deps, journal } = this.#svc;
    const job = deps.jobs.get(jobId);
    if (!job || job.action !== 'updates.rollingUpdate') throw new ApiFailure('NOT_FOUND', 'There is no such rolling update.', { params: [jobId] });
    if (job.state !== 'paused') throw new ApiFailure('VALIDATION', 'This rolling update is not waiting for a decision.', { params: [jobId] });
    const updateId = [...this.#svc.jobs].find(([, id]) => id === jobId)?.[0];
    const record = updateId ? journal.get(updateId) : undefined;
    const poolKnown = record ? deps.pools.has(record.poolId) : false;
    const connected = poolKnown && deps.pools.connection(record!.poolId).client !== null;
    if (!connected && !(decision === 'abort' && !poolKnown)) {
      throw new ApiFailure('POOL_NOT_CONNECTED', 'The pool is not connected. Connect it first, then choose again.', { poolId: job.poolId });
    }
    if (!deps.jobs.decide(jobId, decision)) throw new ApiFailure('VALIDATION', `This rolling update does not offer '${decision}' now.`, { params: [jobId] });
  }
}
