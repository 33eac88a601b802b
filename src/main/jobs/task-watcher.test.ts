import { describe, expect, it } from 'vitest';
import { ObjectMirror } from '../cache/object-mirror.js';
import { refsInTaskResult } from './job-xapi.js';
import { TaskWatcher } from './task-watcher.js';

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
