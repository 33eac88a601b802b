import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Xapi } from 'xen-api';
import { describeJobError } from '../actions/action-context.js';
import { ObjectMirror } from '../cache/object-mirror.js';
import { EventBus } from '../events/event-bus.js';
import { JobRegistry } from './job-registry.js';
import { JobXapi, refsInTaskResult } from './job-xapi.js';
import { TaskWatcher, TaskWatchTimeoutError } from './task-watcher.js';

const task = (fields: Record<string, unknown>) => ({ ref: 'OpaqueRef:t1', type: 'task', fields: { status: 'pending', progress: 0, result: '', error_info: [], ...fields } });

describe('TaskWatcher', () => {
  it('reports progress and resolves with the result when the task succeeds', async () => {
    const mirror = new ObjectMirror();
    mirror.apply('p', [task({})]);
    const progress: number[] = [];
    const outcome = new TaskWatcher(mirror).watch('OpaqueRef:t1', (value) => progress.push(value));
    mirror.apply('p', [task({ progress: 0.5 })]);
    mirror.apply('p', [task({ status: 'success', progress: 1, result: '<value>OpaqueRef:vm</value>' })]);
    expect(await outcome).toEqual({ status: 'success', result: '<value>OpaqueRef:vm</value>' });
    expect(progress).toEqual([0, 0.5]);
  });

  it('resolves at once for a task that already ended before it was watched', async () => {
    const mirror = new ObjectMirror();
    mirror.apply('p', [task({ status: 'failure', error_info: ['SR_FULL', '10', '5'] })]);
    expect(await new TaskWatcher(mirror).watch('OpaqueRef:t1')).toEqual({ status: 'failure', errorInfo: ['SR_FULL', '10', '5'] });
  });

  it('waits for a task the mirror has not seen yet, and tells cancelled and lost tasks apart', async () => {
    const mirror = new ObjectMirror();
    const watcher = new TaskWatcher(mirror);
    const cancelled = watcher.watch('OpaqueRef:t1');
    mirror.apply('p', [task({})]);
    mirror.apply('p', [task({ status: 'failure', error_info: ['TASK_CANCELLED', 'OpaqueRef:t1'] })]);
    expect(await cancelled).toEqual({ status: 'cancelled' });

    mirror.apply('p', [{ ...task({}), ref: 'OpaqueRef:t2' }]);
    const lost = watcher.watch('OpaqueRef:t2');
    mirror.apply('p', [], ['OpaqueRef:t2']);
    expect(await lost).toEqual({ status: 'lost' });
  });

  it('reads refs out of XAPI task results (a ref, or an array of refs)', () => {
    expect(refsInTaskResult('<value>OpaqueRef:a-1</value>')).toEqual(['OpaqueRef:a-1']);
    expect(refsInTaskResult('<value><array><data><value>OpaqueRef:a</value><value>OpaqueRef:b</value></data></array></value>')).toEqual(['OpaqueRef:a', 'OpaqueRef:b']);
    expect(refsInTaskResult('')).toEqual([]);
  });
});

describe('TaskWatcher idle bound', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fails a watch whose task shows no change for the bound; every change restarts the clock', async () => {
    vi.useFakeTimers();
    const mirror = new ObjectMirror();
    mirror.apply('p', [task({ name_label: 'Async.VM.start' })]);
    const progress: number[] = [];
    const outcome = new TaskWatcher(mirror, { idleTimeoutMs: 60_000 }).watch('OpaqueRef:t1', (value) => progress.push(value));
    const failed = outcome.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(50_000);
    mirror.apply('p', [task({ name_label: 'Async.VM.start', progress: 0.2 })]);
    await vi.advanceTimersByTimeAsync(50_000);
    expect(vi.getTimerCount()).toBe(1);
    await vi.advanceTimersByTimeAsync(10_000);
    const error = await failed;
    expect(error).toBeInstanceOf(TaskWatchTimeoutError);
    expect((error as TaskWatchTimeoutError).apiError).toEqual({
      code: 'TASK_TIMEOUT',
      message: "The task 'Async.VM.start' showed no progress for 1 min, so Xenith stopped waiting for it. It may still end on the pool: check the pool's tasks before trying again.",
      params: ['OpaqueRef:t1'],
    });
    // The watch is gone: later news of the task reaches nobody, and no timer is left.
    mirror.apply('p', [task({ progress: 0.9 })]);
    expect(progress).toEqual([0, 0.2]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("a job whose task never ends in the mirror fails with TASK_TIMEOUT and the sentence, after the watcher's bound", async () => {
    vi.useFakeTimers();
    const mirror = new ObjectMirror();
    mirror.apply('p', [task({ name_label: 'Async.VM.clean_shutdown' })]);
    const watcher = new TaskWatcher(mirror, { idleTimeoutMs: 5 * 60_000 });
    const jobs = new JobRegistry(new EventBus(), { describeError: describeJobError(mirror) });
    // The pool accepts the Async call and returns the task; the task then never moves.
    const client = { call: async (method: string) => (method.startsWith('Async.') ? 'OpaqueRef:t1' : '') } as unknown as Xapi;
    const jobId = jobs.start({ poolId: 'p', title: 'Shutting down', action: 'vm.shutdown', objectIds: [], cancellable: true }, async (job) => {
      await new JobXapi(() => client, watcher, job).task('VM.clean_shutdown', ['OpaqueRef:vm']);
    });
    await vi.advanceTimersByTimeAsync(5 * 60_000 - 1);
    expect(jobs.get(jobId)?.state).toBe('running');
    await vi.advanceTimersByTimeAsync(1);
    expect(jobs.get(jobId)).toMatchObject({ state: 'failed', error: { code: 'TASK_TIMEOUT', poolId: 'p', message: expect.stringContaining("'Async.VM.clean_shutdown' showed no progress for 5 min") } });
    jobs.close();
  });
});
