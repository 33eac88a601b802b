/**
 * Task objects as xapi's TaskHelper maintains them: creation, progress, completion with an XML-RPC `<value>`
 * result, failure with error_info, cancellation requests, and GC (ocaml/xapi/taskHelper.ml, db_gc_util.ml).
 */
import { newRef, type Store } from '../model/store.js';
import { XapiError } from '../model/xapi-error.js';

export const TASK_LIMITS = { maxTasks: 200, completedTtlMs: 3_900_000, pendingTtlMs: 86_400_000 } as const;

export class TaskManager {
  constructor(private readonly store: Store) {}

  /** Creates a pending task (name_label = the wire name for Async calls). */
  create(nameLabel: string, description: string, hostRef: string, subtaskOf = 'OpaqueRef:NULL'): string {
    return this.store.create('task', {
      name_label: nameLabel,
      name_description: description,
      status: 'pending',
      progress: 0,
      created: new Date(),
      finished: new Date(0),
      resident_on: hostRef,
      allowed_operations: ['cancel'],
      subtask_of: subtaskOf,
      result: '',
      error_info: [],
    });
  }

  isPending(ref: string): boolean {
    return this.store.row('task', ref)?.record.status === 'pending';
  }

  setProgress(ref: string, progress: number): void {
    if (!this.isPending(ref)) return;
    this.store.update('task', ref, { progress: Math.max(0, Math.min(1, progress)) });
  }

  /** Success: result is the XML-RPC serialisation of the value (no header), '' for void. */
  complete(ref: string, resultXml: string): void {
    if (!this.isPending(ref)) return;
    this.store.update('task', ref, { progress: 1, result: resultXml, finished: new Date(), allowed_operations: [], current_operations: {}, status: 'success' });
  }

  /** Failure: TASK_CANCELLED makes the status `cancelled`, anything else `failure`. */
  fail(ref: string, error: XapiError): void {
    if (!this.isPending(ref) && this.store.row('task', ref)?.record.status !== 'cancelling') return;
    this.store.update('task', ref, {
      progress: 1,
      error_info: error.description,
      backtrace: `(${error.code})`,
      finished: new Date(),
      allowed_operations: [],
      current_operations: {},
      status: error.code === 'TASK_CANCELLED' ? 'cancelled' : 'failure',
    });
  }

  /** task.cancel: records `{<caller>: cancel}` in current_operations; long operations poll it. */
  requestCancel(ref: string, callerTask = newRef()): void {
    const rec = this.store.get('task', ref);
    if (rec.status !== 'pending') return;
    const ops = rec.current_operations as Record<string, string>;
    this.store.update('task', ref, { current_operations: { ...ops, [callerTask]: 'cancel' } });
  }

  cancelRequested(ref: string | undefined): boolean {
    if (!ref) return false;
    const ops = this.store.row('task', ref)?.record.current_operations as Record<string, string> | undefined;
    return ops !== undefined && Object.values(ops).includes('cancel');
  }

  /** task.destroy: removes a finished task; an unfinished one only gets a `destroy` current operation. */
  destroy(ref: string): void {
    const rec = this.store.get('task', ref);
    if (rec.status === 'pending' || rec.status === 'cancelling') {
      const ops = rec.current_operations as Record<string, string>;
      this.store.update('task', ref, { current_operations: { ...ops, [newRef()]: 'destroy' } });
    } else this.store.destroy('task', ref);
  }

  /** Deletes expired tasks and the oldest completed ones beyond the limit. */
  gc(now = Date.now()): void {
    const done: { ref: string; finished: number }[] = [];
    for (const row of [...this.store.rows('task')]) {
      const r = row.record;
      const pending = r.status === 'pending' || r.status === 'cancelling';
      const created = r.created instanceof Date ? r.created.getTime() : now;
      const finished = r.finished instanceof Date ? r.finished.getTime() : now;
      if (pending) {
        if (now - created > TASK_LIMITS.pendingTtlMs) this.store.destroy('task', row.ref);
      } else if (now - finished > TASK_LIMITS.completedTtlMs) this.store.destroy('task', row.ref);
      else done.push({ ref: row.ref, finished });
    }
    const excess = this.store.count('task') - TASK_LIMITS.maxTasks;
    if (excess > 0) {
      done.sort((a, b) => a.finished - b.finished);
      for (const d of done.slice(0, excess)) this.store.destroy('task', d.ref);
    }
  }
}
