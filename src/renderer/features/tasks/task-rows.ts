import type { Job, JobDecision, JobState, JobStep, JobTransfer } from '../../../shared/api/job-schema.js';
import { nullRef, type XapiRecord } from '../../../shared/xapi/objects.js';

/** One line of the task panel: a Xenith job, or an XAPI task some other client started. */
export interface TaskRow {
  /** `job:<jobId>` or `task:<ref>`: unique across both kinds. */
  readonly key: string;
  readonly source: { kind: 'job'; jobId: string } | { kind: 'task'; taskId: string };
  readonly title: string;
  /** The object to select for Go To (a job's new VM once it exists, else what it acts on). */
  readonly objectId: string | null;
  readonly poolId: string;
  readonly state: JobState;
  /** 0..1 */
  readonly progress: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
  readonly finishedAt: number | null;
  readonly error: { readonly code: string; readonly message: string } | null;
  readonly cancellable: boolean;
  /** A VM moving between pools: its path, bytes, rate and time left (jobs only). */
  readonly transfer: JobTransfer | null;
  /** A multi-step job's steps (a rolling pool update), for its detail view; null for the others. */
  readonly steps: readonly JobStep[] | null;
  /** While paused: what the person may choose. */
  readonly decisions: readonly JobDecision[];
  /** What the job says about how it went. */
  readonly notes: readonly string[];
}

export function isFinished(row: Pick<TaskRow, 'state'>): boolean {
  return row.state === 'succeeded' || row.state === 'failed' || row.state === 'cancelled';
}

/** How a row's progress shows: a bar at a value, a moving bar while nothing is known yet, or nothing. */
export type ProgressDisplay = { readonly kind: 'bar'; readonly value: number; readonly percent: number } | { readonly kind: 'indeterminate' } | { readonly kind: 'none' };

/**
 * Progress that never lies: a running row with no progress yet is indeterminate (not a 0 % that looks stuck); a
 * failed or cancelled one keeps the point it reached, never a full bar (XAPI sets a finished task's progress to 1
 * whatever its outcome), and shows nothing when it never moved; only success is full.
 */
export function progressDisplay(row: Pick<TaskRow, 'state' | 'progress'>): ProgressDisplay {
  const bar = (value: number): ProgressDisplay => ({ kind: 'bar', value, percent: Math.floor(value * 100) });
  switch (row.state) {
    case 'succeeded':
      return bar(1);
    case 'running':
    case 'cancelling':
      return row.progress > 0 ? bar(Math.min(row.progress, 0.99)) : { kind: 'indeterminate' };
    case 'paused':
      // Nothing moves while it waits for the person: the point it reached, never a moving bar.
      return row.progress > 0 ? bar(Math.min(row.progress, 0.99)) : { kind: 'none' };
    case 'failed':
    case 'cancelled':
      return row.progress > 0 && row.progress < 1 ? bar(row.progress) : { kind: 'none' };
  }
}

export function jobRow(job: Job): TaskRow {
  return {
    key: `job:${job.jobId}`,
    source: { kind: 'job', jobId: job.jobId },
    title: job.title,
    objectId: job.resultObjectId ?? job.objectIds[0] ?? null,
    poolId: job.poolId,
    state: job.state,
    progress: job.progress,
    startedAt: job.startedAt,
    finishedAt: job.finishedAt,
    error: job.error,
    cancellable: job.cancellable && job.state === 'running',
    transfer: job.transfer ?? null,
    steps: job.steps ?? null,
    decisions: job.state === 'paused' ? (job.decisions ?? []) : [],
    notes: job.notes ?? [],
  };
}

const taskStates: Record<XapiRecord<'task'>['status'], JobState> = {
  pending: 'running',
  cancelling: 'cancelling',
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'cancelled',
};

function time(value: unknown): number | null {
  const ms = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isFinite(ms) ? ms : null;
}

/** "Async.VM.clean_shutdown" → "VM.clean_shutdown": the call the other client made. */
function taskTitle(task: XapiRecord<'task'>): string {
  const name = task.name_label || 'XAPI task';
  return name.replace(/^Async\./, '');
}

/** Turns a failed task's error_info (code first, then params) into the sentence a person reads. */
export type DescribeTaskError = (errorInfo: readonly string[]) => { code: string; message: string };

export function xapiTaskRow(task: XapiRecord<'task'>, objectId: string | null, describe: DescribeTaskError): TaskRow {
  // A status newer than the datamodel Xenith knows reads as running.
  const state = (taskStates as Partial<Record<string, JobState>>)[task.status] ?? 'running';
  const errorInfo = task.error_info;
  const finished = state === 'running' || state === 'cancelling' ? null : time(task.finished);
  const progress = Math.min(1, Math.max(0, task.progress));
  return {
    key: `task:${task.$id}`,
    source: { kind: 'task', taskId: task.$id },
    title: taskTitle(task),
    objectId,
    poolId: task.$pool,
    state,
    progress,
    startedAt: time(task.created) ?? Date.now(),
    finishedAt: finished,
    error: state === 'failed' && errorInfo.length > 0 ? describe(errorInfo) : null,
    cancellable: state === 'running' && task.allowed_operations.includes('cancel'),
    transfer: null,
    steps: null,
    decisions: [],
    notes: [],
  };
}

export interface TaskRowInputs {
  readonly jobs: Iterable<Job>;
  readonly tasks: Iterable<XapiRecord<'task'>>;
  /** XAPI tasks that are (or were) a job's: the job's own row stands for them. */
  readonly jobTaskIds: ReadonlySet<string>;
  /** Tasks a person cleared from the panel. */
  readonly dismissedTaskIds: ReadonlySet<string>;
  /** Finished tasks of other clients older than this (epoch ms) are history from before this window opened. */
  readonly since: number;
  readonly objectForTask: (taskId: string) => string | null;
  readonly describe: DescribeTaskError;
  /** At most this many rows, newest first (a pool keeps up to hundreds of finished tasks). */
  readonly limit: number;
}

/**
 * The task panel's rows: every Xenith job, and the top-level XAPI tasks of other clients that are running or
 * finished while this window was open, newest first.
 */
export function buildTaskRows(inputs: TaskRowInputs): TaskRow[] {
  const rows = [...inputs.jobs].map(jobRow);
  for (const task of inputs.tasks) {
    if (inputs.jobTaskIds.has(task.$id) || inputs.dismissedTaskIds.has(task.$id)) continue;
    if (task.subtask_of !== '' && task.subtask_of !== nullRef) continue;
    const row = xapiTaskRow(task, inputs.objectForTask(task.$id), inputs.describe);
    if (row.finishedAt !== null && row.finishedAt < inputs.since) continue;
    rows.push(row);
  }
  rows.sort((a, b) => b.startedAt - a.startedAt);
  return rows.slice(0, inputs.limit);
}
