import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Job } from '../../shared/api/job-schema.js';
import { EventBus } from '../events/event-bus.js';
import { JobCancelledError } from './job-cancelled.js';
import { JobRegistry, type JobControl, type JobSpec } from './job-registry.js';

const spec: JobSpec = { poolId: 'p1', title: "Starting VM 'web'", action: 'vm.start', objectIds: ['OpaqueRef:vm'], cancellable: true };

/** A job's work that waits until the test lets it go, exposing its control. */
function controllableWork() {
  let control!: JobControl;
  let finish!: (error?: unknown) => void;
  let ready!: () => void;
  const started = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const work = (job: JobControl): Promise<void> => {
    control = job;
    ready();
    return new Promise<void>((resolve, reject) => {
      finish = (error) => (error === undefined ? resolve() : reject(error));
    });
  };
  return { work, started, control: () => control, finish: (error?: unknown) => finish(error) };
}

let bus: EventBus;
let events: { job: Job; removed: boolean }[];
let registry: JobRegistry;
beforeEach(() => {
  vi.useFakeTimers();
  bus = new EventBus();
  events = [];
  bus.subscribe((event) => {
    if (event.event === 'jobs.changed') events.push(event.payload as { job: Job; removed: boolean });
  });
  registry = new JobRegistry(bus, { describeError: (error, poolId) => ({ code: 'X', message: String(error), poolId }), progressIntervalMs: 200, now: () => Date.now() });
});
afterEach(() => {
  registry.close();
  vi.useRealTimers();
});

const settle = () => vi.advanceTimersByTimeAsync(0);

describe('JobRegistry', () => {
  it('announces a job when it starts and when it succeeds, and keeps it until cleared', async () => {
    const run = controllableWork();
    const jobId = registry.start(spec, run.work);
    expect(events.at(-1)).toEqual({ removed: false, job: expect.objectContaining({ jobId, state: 'running', progress: 0, title: spec.title, finishedAt: null, cancellable: true }) });

    run.control().setResult('OpaqueRef:new');
    run.finish();
    await settle();

    expect(registry.get(jobId)).toMatchObject({ state: 'succeeded', progress: 1, resultObjectId: 'OpaqueRef:new', cancellable: false, taskRefs: [] });
    expect(registry.get(jobId)!.finishedAt).not.toBeNull();
    expect(registry.list().map((job) => job.jobId)).toEqual([jobId]);
    expect(registry.clearFinished()).toBe(1);
    expect(registry.list()).toEqual([]);
    expect(events.at(-1)).toMatchObject({ removed: true, job: { jobId } });
  });

  it('ends failed with the described error', async () => {
    const run = controllableWork();
    const jobId = registry.start(spec, run.work);
    run.finish(new Error('boom'));
    await settle();
    expect(registry.get(jobId)).toMatchObject({ state: 'failed', error: { code: 'X', message: 'Error: boom', poolId: 'p1' } });
  });

  it('throttles progress events to one per interval per job, but never delays a state change', async () => {
    const run = controllableWork();
    registry.start(spec, run.work);
    await run.started;
    const before = events.length;
    // The start event was just sent: 50 updates within the interval make one event, at its end, with the latest value.
    for (let i = 1; i <= 50; i++) run.control().setProgress(i / 100);
    expect(events.length - before).toBe(0);
    await vi.advanceTimersByTimeAsync(200);
    expect(events.length - before).toBe(1);
    expect(events.at(-1)!.job.progress).toBe(0.5);
    // Progress never goes backwards.
    run.control().setProgress(0.4);
    await vi.advanceTimersByTimeAsync(1000);
    expect(events.length - before).toBe(1);
    // After a quiet interval, an update goes out at once.
    run.control().setProgress(0.55);
    expect(events.length - before).toBe(2);
    run.control().setProgress(0.6);
    run.finish();
    await settle();
    expect(events.at(-1)!.job).toMatchObject({ state: 'succeeded', progress: 1 });
  });

  it('cancels: cancelling at once, the handlers run, and the job ends cancelled when the work stops', async () => {
    const run = controllableWork();
    const jobId = registry.start(spec, run.work);
    await run.started;
    const cancelTask = vi.fn();
    run.control().onCancel(cancelTask);

    expect(registry.cancel(jobId)).toBe(true);
    expect(registry.get(jobId)!.state).toBe('cancelling');
    expect(cancelTask).toHaveBeenCalledTimes(1);
    expect(() => run.control().throwIfCancelled()).toThrow(JobCancelledError);
    // A handler registered after the request runs at once (the step that starts next cancels its task).
    const late = vi.fn();
    run.control().onCancel(late);
    expect(late).toHaveBeenCalledTimes(1);

    run.finish(new JobCancelledError());
    await settle();
    expect(registry.get(jobId)).toMatchObject({ state: 'cancelled', error: null });
    expect(registry.cancel(jobId)).toBe(false);
  });

  it('treats an XAPI TASK_CANCELLED failure as cancelled, and refuses to cancel a job that cannot be', async () => {
    const run = controllableWork();
    const jobId = registry.start(spec, run.work);
    run.finish(Object.assign(new Error('TASK_CANCELLED'), { code: 'TASK_CANCELLED' }));
    await settle();
    expect(registry.get(jobId)!.state).toBe('cancelled');

    const other = registry.start({ ...spec, cancellable: false }, controllableWork().work);
    expect(registry.cancel(other)).toBe(false);
    expect(registry.get(other)!.state).toBe('running');
  });

  it('keeps a bounded number of finished jobs, dropping the oldest', async () => {
    registry = new JobRegistry(bus, { describeError: () => ({ code: 'X', message: '' }), keepFinished: 2 });
    const ids = [1, 2, 3].map(() => registry.start(spec, async () => {}));
    await settle();
    expect(registry.list().map((job) => job.jobId)).toEqual(ids.slice(1));
  });

  it('pauses with the decisions offered, resumes with the one chosen, and refuses a decision not offered', async () => {
    const run = controllableWork();
    const jobId = registry.start(spec, run.work);
    await run.started;
    run.control().setSteps([{ id: 's1', label: 'Reboot', hostId: null, state: 'failed', startedAt: 1, finishedAt: 2, error: null, note: null }]);
    const chosen = run.control().pause(['retry', 'abort'], { code: 'HOST_OFFLINE', message: 'down' });
    expect(registry.get(jobId)).toMatchObject({ state: 'paused', decisions: ['retry', 'abort'], error: { code: 'HOST_OFFLINE' }, steps: [{ id: 's1', state: 'failed' }] });
    expect(registry.cancel(jobId)).toBe(false);
    expect(registry.decide(jobId, 'skip')).toBe(false);
    expect(registry.decide(jobId, 'retry')).toBe(true);
    await expect(chosen).resolves.toBe('retry');
    expect(registry.get(jobId)).toMatchObject({ state: 'running', decisions: [], error: null });
    expect(registry.decide(jobId, 'retry')).toBe(false);
    run.control().setNotes(['Skipped server h2']);
    run.finish();
    await settle();
    expect(registry.get(jobId)).toMatchObject({ state: 'succeeded', notes: ['Skipped server h2'] });
  });
});
