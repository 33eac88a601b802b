import { randomBytes } from 'node:crypto';
import type { ApiError } from '../../../shared/api/errors.js';
import type { JobDecision } from '../../../shared/api/job-schema.js';
import { describeJobError, poolClient, type ActionDeps } from '../../actions/action-context.js';
import { JobCancelledError } from '../../jobs/job-cancelled.js';
import type { JobControl } from '../../jobs/job-registry.js';
import { JobXapi } from '../../jobs/job-xapi.js';
import type { JsonJournal } from '../../util/json-journal.js';
import type { BusyRetry } from '../updater-plugin.js';
import type { RollingRecord, RollingStep } from './rolling-journal.js';
import { visibleSteps } from './rolling-plan.js';
import { runRollingStep, type RollingTimings, type StepContext } from './rolling-steps.js';

/** What running rolling updates needs. */
export interface RollingServices {
  deps: ActionDeps;
  journal: JsonJournal<RollingRecord>;
  timings: RollingTimings;
  busyRetry?: BusyRetry | undefined;
  /** Update id → the job running it in this process. */
  jobs: Map<string, string>;
}

const allDecisions: readonly JobDecision[] = ['resume', 'retry', 'skip', 'abort'];

const skippedByYou = 'Skipped by you';
const skippedWithServer = 'Skipped with its server';

const settled = (step: RollingStep): boolean => step.state === 'done' || step.state === 'skipped';

/** The job's title: what it updates. */
export function rollingTitle(record: Pick<RollingRecord, 'poolName'>): string {
  return `Rolling pool update of '${record.poolName}'`;
}

/**
 * Runs (or resumes) one rolling pool update as a job. Every step is journalled before it starts and after it ends;
 * a step that fails — or a run interrupted by a crash (`interrupted`) — pauses the job with Resume (continue the
 * step where it stood), Retry step (run it again from its start), Skip host (leave that server out and say so)
 * and Abort (enable the servers it disabled, restore what the prechecks changed, forget the run). Nothing it
 * leaves blocks a later update: an aborted or finished run leaves the journal.
 */
export function runRollingUpdate(svc: RollingServices, updateId: string, interrupted: ApiError | null): string {
  const first = svc.journal.get(updateId);
  if (!first) throw new Error(`no rolling update ${updateId} in the journal`);
  const { poolId } = first;
  const jobId = svc.deps.jobs.start({ poolId, title: rollingTitle(first), action: 'updates.rollingUpdate', objectIds: [first.poolRef], cancellable: true }, async (job) => {
    try {
      await runLoop(svc, updateId, job, interrupted);
    } finally {
      svc.jobs.delete(updateId);
    }
  });
  svc.jobs.set(updateId, jobId);
  return jobId;
}

async function runLoop(svc: RollingServices, updateId: string, job: JobControl, interrupted: ApiError | null): Promise<void> {
  const { journal, deps } = svc;
  const record = (): RollingRecord => {
    const current = journal.get(updateId);
    if (!current) throw new Error(`rolling update ${updateId} left the journal`);
    return current;
  };
  const update = async (change: (r: RollingRecord) => RollingRecord): Promise<void> => {
    await journal.update(updateId, change);
    const now = record();
    job.setSteps(visibleSteps(now.steps));
    job.setNotes(now.notes);
    job.setProgress(now.steps.filter(settled).length / Math.max(1, now.steps.length));
  };
  const setStep = (id: string, fields: Partial<RollingStep>): Promise<void> => update((r) => ({ ...r, steps: r.steps.map((s) => (s.id === id ? { ...s, ...fields } : s)) }));
  const xapi = new JobXapi(() => poolClient(deps.pools, record().poolId), deps.watcher, job);
  const describe = describeJobError(deps.mirror);
  const ctx: StepContext = {
    deps, xapi, job, timings: svc.timings, record, update,
    install: { deps, poolId: record().poolId, selection: record().selection, by: record().by, busyRetry: svc.busyRetry },
  };

  await update((r) => r);
  let pause: ApiError | null = interrupted ?? record().pausedReason;
  for (;;) {
    if (pause) {
      const reason = pause;
      await update((r) => ({ ...r, pausedReason: reason }));
      const decision = await job.pause(allDecisions, reason);
      pause = null;
      await update((r) => ({ ...r, pausedReason: null }));
      const stopped = record().steps.find((s) => !settled(s));
      if (decision === 'abort') return abort(svc, ctx, stopped ?? null, job);
      if (decision === 'skip' && stopped) await skip(ctx, stopped, reason);
      if (decision === 'retry' && stopped) await setStep(stopped.id, { bootMarker: null, error: null });
    }
    const step = record().steps.find((s) => !settled(s));
    if (!step) break;
    try {
      // After the master's reboot the pool reconnects on its own: a step waits for it rather than failing at once.
      await untilConnected(svc, record().poolId, job);
      await setStep(step.id, { state: 'running', startedAt: Date.now(), finishedAt: null, error: null });
      const outcome = await runRollingStep(ctx, record().steps.find((s) => s.id === step.id)!);
      await update((r) => ({
        ...r,
        steps: r.steps.map((s) => {
          if (s.id === step.id) return { ...s, state: 'done', finishedAt: Date.now(), note: outcome.note };
          if (s.hostId === step.hostId && outcome.skip?.includes(s.kind)) return { ...s, state: 'skipped', note: outcome.note };
          return s;
        }),
      }));
    } catch (error) {
      const cancelled = error instanceof JobCancelledError || (error as { code?: unknown }).code === 'TASK_CANCELLED';
      const reason: ApiError = cancelled
        ? { code: 'ROLLING_UPDATE_PAUSED', message: `Paused at your request during '${step.label}'. Resume to go on, or Abort.` }
        : describe(error, record().poolId);
      await setStep(step.id, { state: 'failed', finishedAt: Date.now(), error: reason });
      pause = reason;
    }
  }
  const leftOut = new Set(record().steps.filter((s) => s.hostId && s.state === 'skipped' && (s.note === skippedByYou || s.note === skippedWithServer)).map((s) => s.hostId));
  const skipped = leftOut.size;
  const hosts = record().steps.filter((s) => s.kind === 'disable').length;
  await update((r) => ({ ...r, notes: [...r.notes, `${hosts - skipped} of ${hosts} server(s) updated${skipped > 0 ? `, ${skipped} left out` : ''}.`] }));
  job.setTitle(`${rollingTitle(record())}: done`);
  await journal.remove(updateId);
}

/** Waits (up to the reboot timeout) for the pool's connection; throws POOL_NOT_CONNECTED after that. */
async function untilConnected(svc: RollingServices, poolId: string, job: JobControl): Promise<void> {
  const connected = (): boolean => svc.deps.pools.has(poolId) && svc.deps.pools.connection(poolId).client !== null;
  const deadline = Date.now() + svc.timings.rebootTimeoutMs;
  while (!connected()) {
    job.throwIfCancelled();
    if (!svc.deps.pools.has(poolId) || Date.now() >= deadline) poolClient(svc.deps.pools, poolId);
    await new Promise((resolve) => setTimeout(resolve, svc.timings.pollMs));
  }
}

/** Leaves a host out: its remaining steps are skipped (said in the notes), and it is enabled again if it is up. */
async function skip(ctx: StepContext, stopped: RollingStep, reason: ApiError): Promise<void> {
  const hostRef = stopped.hostId;
  const note = hostRef
    ? `Left out '${stopped.hostName}' at '${stopped.label}': ${reason.message}`
    : `Skipped '${stopped.label}': ${reason.message}`;
  await ctx.update((r) => ({
    ...r,
    notes: [...r.notes, note],
    steps: r.steps.map((s) => {
      const ofIt = hostRef ? s.hostId === hostRef : s.id === stopped.id;
      return ofIt && !settled(s) ? { ...s, state: 'skipped', note: s.id === stopped.id ? skippedByYou : skippedWithServer } : s;
    }),
  }));
  if (hostRef) {
    // Best effort: a server left out should not also stay out of service; one still down is left as it is.
    const live = await ctx.xapi.call<boolean>('host_metrics.get_live', (await ctx.xapi.call<{ metrics: string }>('host.get_record', hostRef)).metrics).catch(() => false);
    if (live) await ctx.xapi.call('host.enable', hostRef).catch(() => {});
  }
}

/** Gives up: enables every server the run disabled that is up, turns HA back on if the run turned it off, and forgets the run. */
async function abort(svc: RollingServices, ctx: StepContext, stopped: RollingStep | null, job: JobControl): Promise<never> {
  const record = ctx.record();
  const enabled: string[] = [];
  for (const step of record.steps) {
    if (step.kind !== 'disable' || step.state !== 'done') continue;
    const enableStep = record.steps.find((s) => s.kind === 'enable' && s.hostId === step.hostId);
    if (enableStep?.state === 'done') continue;
    try {
      await ctx.xapi.call('host.enable', step.hostId);
      enabled.push(`'${step.hostName}'`);
    } catch {
      // A server still down cannot be enabled now; XAPI enables it when it comes back from a reboot.
    }
  }
  const haOff = record.steps.find((s) => s.kind === 'ha-off');
  if (record.ha && haOff?.state === 'done') await ctx.xapi.task('pool.enable_ha', [record.ha.heartbeatSrs, record.ha.configuration]).catch(() => {});
  job.setNotes([...record.notes, `Aborted${stopped ? ` at '${stopped.label}'` : ''}.${enabled.length > 0 ? ` Enabled again: ${enabled.join(', ')}.` : ''}`]);
  job.setTitle(`${rollingTitle(record)}: aborted`);
  await svc.journal.remove(record.updateId);
  throw new JobCancelledError();
}

/** A new update id (journal key). */
export function newUpdateId(): string {
  return randomBytes(8).toString('hex');
}
