/**
 * Simulated time of a storage migration: setup, disk data and memory phases, each a share of the task's progress,
 * lasting their time-scaled durations — or, when the control port fixed one for the method (POST /faults/duration),
 * sharing that many real milliseconds. Disk bytes are paced so that they arrive over their phase; every wait checks
 * task.cancel (TASK_CANCELLED) and pool shutdown at least every 100 ms.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { abortableDelay } from '../api/abortable-delay.js';
import type { CallContext } from '../api/call-context.js';
import { XapiError } from '../model/xapi-error.js';
import { MiB } from './sr-usage.js';

/** Simulated durations of a storage migration: a fixed setup, then disk data at SXM_BYTES_PER_S. */
export const MIGRATE_SEND_MS = { setup: 1000 };
export const SXM_BYTES_PER_S = 100 * MiB;

/** Phase lengths in simulated milliseconds (before time scaling). */
export interface MigrationPhases { setupMs: number; dataMs: number; memoryMs: number }

const STEP_MS = 100;

export class MigrationClock {
  /** Real milliseconds of each phase. */
  readonly setupMs: number;
  readonly dataMs: number;
  readonly memoryMs: number;
  private readonly total: number;
  private cancellable = true;

  constructor(private readonly ctx: CallContext, phases: MigrationPhases) {
    const { engine } = ctx;
    const planned = phases.setupMs + phases.dataMs + phases.memoryMs;
    const fixed = engine.faults.durationFor(ctx.method);
    const factor = fixed !== undefined && planned > 0 ? fixed / planned : engine.config.timeScale;
    this.setupMs = phases.setupMs * factor;
    this.dataMs = phases.dataMs * factor;
    this.memoryMs = phases.memoryMs * factor;
    this.total = this.setupMs + this.dataMs + this.memoryMs;
  }

  /** Progress fraction at the start of each phase. */
  get dataStart(): number {
    return this.total > 0 ? this.setupMs / this.total : 0;
  }

  get memoryStart(): number {
    return this.total > 0 ? (this.setupMs + this.dataMs) / this.total : 0;
  }

  /** TASK_CANCELLED once task.cancel was called (while still cancellable), or the pool stopping. */
  cancelled(): XapiError | undefined {
    const { engine, taskRef } = this.ctx;
    if (engine.shutdownSignal.aborted) return new XapiError('TASK_CANCELLED', [taskRef ?? '']);
    return this.cancellable && engine.tasks.cancelRequested(taskRef) ? new XapiError('TASK_CANCELLED', [taskRef ?? '']) : undefined;
  }

  check(): void {
    const e = this.cancelled();
    if (e) throw e;
  }

  /** From here on the migration runs to its end (xapi's set_not_cancellable once the domain has moved). */
  setNotCancellable(): void {
    this.cancellable = false;
  }

  progress(fraction: number): void {
    if (this.ctx.taskRef) this.ctx.engine.tasks.setProgress(this.ctx.taskRef, Math.min(0.99, fraction));
  }

  /** Waits `ms`, moving progress from `from` to `to` and checking for cancellation as it goes. */
  async wait(ms: number, from: number, to: number): Promise<void> {
    const start = Date.now();
    for (;;) {
      this.check();
      const elapsed = Date.now() - start;
      this.progress(from + (to - from) * (ms > 0 ? Math.min(1, elapsed / ms) : 1));
      if (elapsed >= ms) return;
      await abortableDelay(Math.min(STEP_MS, ms - elapsed), this.ctx.engine.shutdownSignal);
    }
  }

  /** Waits until the real time `due` (ms since the epoch), checking for cancellation. */
  async until(due: number): Promise<void> {
    for (;;) {
      this.check();
      const left = due - Date.now();
      if (left <= 0) return;
      await abortableDelay(Math.min(STEP_MS, left), this.ctx.engine.shutdownSignal);
    }
  }

  /**
   * A pass-through pacing `bytes` over `ms`, progress going from `from` to `to`; it fails with TASK_CANCELLED when
   * the task is cancelled.
   */
  pacer(bytes: number, ms: number, from: number, to: number): Transform {
    let sent = 0;
    let start = 0;
    return new Transform({
      transform: (chunk: Buffer, _enc, done: TransformCallback) => {
        if (start === 0) start = Date.now();
        sent += chunk.length;
        const share = bytes > 0 ? Math.min(1, sent / bytes) : 1;
        this.until(start + ms * share).then(() => {
          this.progress(from + (to - from) * share);
          done(null, chunk);
        }, (e: unknown) => done(e as Error));
      },
    });
  }
}
