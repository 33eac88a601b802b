import { describe, expect, it } from 'vitest';
import type { Job } from '../../../shared/api/job-schema.js';
import type { XapiRecords } from '../../../shared/xapi/records.gen.js';
import { testIndex, testRecord } from '../../testing/test-record.js';
import { formatDuration } from './format-duration.js';
import { TaskObjectFinder } from './task-objects.js';
import { buildTaskRows, progressDisplay, type TaskRowInputs } from './task-rows.js';

const job = (jobId: string, extra: Partial<Job> = {}): Job => ({
  jobId,
  poolId: 'p1',
  title: `Starting VM '${jobId}'`,
  action: 'vm.start',
  objectIds: ['OpaqueRef:vm'],
  state: 'running',
  progress: 0.5,
  startedAt: 1_000,
  finishedAt: null,
  error: null,
  taskRefs: [],
  cancellable: true,
  resultObjectId: null,
  ...extra,
});

const task = (id: string, extra: Partial<XapiRecords['task']> = {}) =>
  testRecord('task', id, {
    name_label: 'Async.VM.clean_shutdown',
    status: 'pending',
    progress: 0.25,
    created: new Date(5_000).toISOString(),
    finished: new Date(0).toISOString(),
    error_info: [],
    allowed_operations: ['cancel'],
    subtask_of: 'OpaqueRef:NULL',
    ...extra,
  });

const inputs = (overrides: Partial<TaskRowInputs>): TaskRowInputs => ({
  jobs: [],
  tasks: [],
  jobTaskIds: new Set(),
  dismissedTaskIds: new Set(),
  since: 0,
  objectForTask: () => null,
  describe: ([code]) => ({ code: code!, message: `sentence for ${code}` }),
  limit: 100,
  ...overrides,
});

describe('task rows', () => {
  it('lists jobs and other clients’ tasks, newest first, without the tasks a job stands for', () => {
    const rows = buildTaskRows(
      inputs({
        jobs: [job('j1')],
        tasks: [task('OpaqueRef:mine'), task('OpaqueRef:theirs'), task('OpaqueRef:sub', { subtask_of: 'OpaqueRef:theirs' })],
        jobTaskIds: new Set(['OpaqueRef:mine']),
        objectForTask: (id) => (id === 'OpaqueRef:theirs' ? 'OpaqueRef:vm2' : null),
      }),
    );
    expect(rows.map((row) => [row.key, row.title, row.objectId, row.state, row.cancellable])).toEqual([
      ['task:OpaqueRef:theirs', 'VM.clean_shutdown', 'OpaqueRef:vm2', 'running', true],
      ['job:j1', "Starting VM 'j1'", 'OpaqueRef:vm', 'running', true],
    ]);
  });

  it("describes a failed task's error_info and leaves out old or cleared ones", () => {
    const failed = task('OpaqueRef:f', { status: 'failure', finished: new Date(9_000).toISOString(), error_info: ['HOST_NOT_ENOUGH_FREE_MEMORY', '1', '2'], allowed_operations: [] });
    const old = task('OpaqueRef:old', { status: 'success', finished: new Date(2_000).toISOString() });
    const cleared = task('OpaqueRef:c', { status: 'success', finished: new Date(9_000).toISOString() });
    const rows = buildTaskRows(inputs({ tasks: [failed, old, cleared], since: 3_000, dismissedTaskIds: new Set(['OpaqueRef:c']) }));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ state: 'failed', finishedAt: 9_000, cancellable: false, error: { code: 'HOST_NOT_ENOUGH_FREE_MEMORY', message: 'sentence for HOST_NOT_ENOUGH_FREE_MEMORY' } });
  });

  it('goes to the VM a job made once it exists, and keeps at most the limit', () => {
    const made = job('j2', { state: 'succeeded', resultObjectId: 'OpaqueRef:new', finishedAt: 2_000, cancellable: true });
    const [row] = buildTaskRows(inputs({ jobs: [made] }));
    expect(row).toMatchObject({ objectId: 'OpaqueRef:new', cancellable: false });
    const many = Array.from({ length: 5 }, (_, index) => job(`j${index}`, { startedAt: index }));
    expect(buildTaskRows(inputs({ jobs: many, limit: 3 })).map((r) => r.key)).toEqual(['job:j4', 'job:j3', 'job:j2']);
  });

  it('carries a transfer job\'s path and throughput, and none for other rows', () => {
    const transfer = { path: 'streaming' as const, bytesDone: 10, bytesTotal: 100, bytesPerSecond: 5, etaSeconds: 18 };
    const rows = buildTaskRows(inputs({ jobs: [job('copy', { action: 'vm.copyToPool', transfer }), job('start')], tasks: [task('OpaqueRef:t')] }));
    expect(rows.find((row) => row.key === 'job:copy')?.transfer).toEqual(transfer);
    expect(rows.filter((row) => row.key !== 'job:copy').map((row) => row.transfer)).toEqual([null, null]);
  });

  it('finds the object a task works on from current_operations, and remembers it after the task ends', () => {
    const vm = testRecord('VM', 'OpaqueRef:vm', { current_operations: { 'OpaqueRef:t': 'clean_shutdown' } });
    const finder = new TaskObjectFinder();
    finder.resolve(['OpaqueRef:t'], testIndex([vm]));
    expect(finder.objectFor('OpaqueRef:t')).toBe('OpaqueRef:vm');
    finder.resolve(['OpaqueRef:t'], testIndex([]));
    expect(finder.objectFor('OpaqueRef:t')).toBe('OpaqueRef:vm');
    expect(finder.objectFor('OpaqueRef:other')).toBeNull();
  });

  it('formats durations as the panel shows them', () => {
    expect(formatDuration(8_400)).toBe('8 s');
    expect(formatDuration(125_000)).toBe('2 min 05 s');
    expect(formatDuration(3_840_000)).toBe('1 h 04 min');
  });
});

describe('progressDisplay', () => {
  it('shows a running row with no progress as indeterminate, and never a full bar before success', () => {
    expect(progressDisplay({ state: 'running', progress: 0 })).toEqual({ kind: 'indeterminate' });
    expect(progressDisplay({ state: 'running', progress: 0.42 })).toEqual({ kind: 'bar', value: 0.42, percent: 42 });
    expect(progressDisplay({ state: 'running', progress: 1 })).toEqual({ kind: 'bar', value: 0.99, percent: 99 });
    expect(progressDisplay({ state: 'succeeded', progress: 0.3 })).toEqual({ kind: 'bar', value: 1, percent: 100 });
  });

  it('keeps where a failed or cancelled job stopped, and shows nothing for XAPI’s finished-task 1 or a job that never moved', () => {
    expect(progressDisplay({ state: 'cancelled', progress: 0.4 })).toEqual({ kind: 'bar', value: 0.4, percent: 40 });
    expect(progressDisplay({ state: 'cancelled', progress: 1 })).toEqual({ kind: 'none' });
    expect(progressDisplay({ state: 'failed', progress: 1 })).toEqual({ kind: 'none' });
    expect(progressDisplay({ state: 'failed', progress: 0 })).toEqual({ kind: 'none' });
  });
});
