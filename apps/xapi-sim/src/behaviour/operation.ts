/**
 * The framework long-running methods use: registers the operation in the object's current_operations (keyed by
 * the task ref, as xapi does), keeps allowed_operations right, advances task progress in steps over a
 * time-scaled duration (or the one fixed for the method on the control port), honours task.cancel
 * (TASK_CANCELLED), then applies the outcome and clears the operation.
 */
import { abortableDelay } from '../api/abortable-delay.js';
import type { CallContext } from '../api/call-context.js';
import { newRef } from '../model/store.js';
import { fail } from '../model/xapi-error.js';

export interface OperationSpec<T> {
  cls: string;
  ref: string;
  /** Operation name as in the class's `*_operations` enum, e.g. `start`. */
  op: string;
  /** Simulated duration (before time scaling). */
  durationMs: number;
  /** Number of progress updates (default 10). */
  steps?: number;
  /** Runs at the end, before the operation is cleared: the state change. */
  apply: () => T;
  /** Allow other operations to be in progress at the same time (default false). */
  concurrent?: boolean;
}

const sleep = abortableDelay;

/** Fails with OTHER_OPERATION_IN_PROGRESS [cls, ref, op, opRef] if the object is busy. */
export function assertNotBusy(ctx: CallContext, cls: string, ref: string): void {
  const ops = Object.entries(ctx.engine.store.get(cls, ref).current_operations as Record<string, string>);
  if (ops.length > 0) fail('OTHER_OPERATION_IN_PROGRESS', cls, ref, ops[0]![1], ops[0]![0]);
}

export async function runOperation<T>(ctx: CallContext, spec: OperationSpec<T>): Promise<T> {
  const { engine } = ctx;
  // A duration fixed through the control port (POST /faults/duration) is real time; steps of at most half a
  // second keep progress moving and task.cancel prompt over such long runs.
  const fixedMs = engine.faults.durationFor(ctx.method);
  const realMs = fixedMs ?? engine.scaled(spec.durationMs);
  const steps = Math.max(1, spec.steps ?? 10, fixedMs === undefined ? 0 : Math.ceil(fixedMs / 500));
  return withOperation(ctx, spec, async () => {
    const stepMs = realMs / steps;
    for (let i = 1; i <= steps; i++) {
      await sleep(stepMs, engine.shutdownSignal);
      if (engine.tasks.cancelRequested(ctx.taskRef)) fail('TASK_CANCELLED', ctx.taskRef);
      if (ctx.taskRef && i < steps) engine.tasks.setProgress(ctx.taskRef, i / steps);
    }
    return spec.apply();
  });
}

/**
 * Puts an operation in the object's `current_operations` (keyed by the task ref) until `work` settles, with
 * allowed_operations refreshed on both edges; runOperation is this with timed, cancellable steps.
 */
export async function withOperation<T>(ctx: CallContext, spec: { cls: string; ref: string; op: string; concurrent?: boolean }, work: () => Promise<T>): Promise<T> {
  const { engine } = ctx;
  const { store } = engine;
  if (!spec.concurrent) assertNotBusy(ctx, spec.cls, spec.ref);
  const opRef = ctx.taskRef ?? newRef();
  const setOps = (mutate: (ops: Record<string, string>) => void): void => {
    const row = store.row(spec.cls, spec.ref);
    if (!row) return;
    const ops = { ...(row.record.current_operations as Record<string, string>) };
    mutate(ops);
    store.update(spec.cls, spec.ref, { current_operations: ops });
    engine.refreshAllowedOperations(spec.cls, spec.ref);
  };
  setOps((ops) => { ops[opRef] = spec.op; });
  try {
    return await work();
  } finally {
    setOps((ops) => { delete ops[opRef]; });
  }
}
