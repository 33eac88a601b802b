/**
 * The timers of a pool's snapshot schedules. Each enabled VMSS with VMs fires at the times its schedule names on a
 * simulated clock that runs 1/timeScale as fast as the real one (an hourly schedule fires every 3.6 s of real time
 * at --time-scale 0.001; at 1 it fires at the real quarter hour). The clock follows a time-scale change from the
 * control port; timers are re-armed on every VMSS change and at least once a minute.
 */
import type { Engine } from '../api/engine.js';
import { runSchedule, scheduleRunning } from './vmss-runs.js';
import { isFrequency, nextRunAfter } from './vmss-schedule.js';

/** Re-arm at least this often (real ms), so a time-scale change is picked up. */
const MAX_WAIT_MS = 60_000;

/** Simulated wall-clock time: starts at the real time, advances 1/timeScale times as fast. */
class SimClock {
  private anchorReal = Date.now();
  private anchorSim = Date.now();
  private scale: number;

  constructor(private readonly engine: Engine) {
    this.scale = this.currentScale();
  }

  private currentScale(): number {
    return Math.max(1e-6, this.engine.config.timeScale);
  }

  now(): number {
    const scale = this.currentScale();
    const sim = this.anchorSim + (Date.now() - this.anchorReal) / this.scale;
    if (scale !== this.scale) {
      this.anchorSim = sim;
      this.anchorReal = Date.now();
      this.scale = scale;
    }
    return sim;
  }

  /** Real milliseconds until simulated time `at`. */
  realUntil(at: number): number {
    return Math.max(0, (at - this.now()) * this.scale);
  }
}

export class VmssTimers {
  private readonly clock: SimClock;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** The simulated time each schedule fires next, and the schedule it was worked out from. */
  private readonly due = new Map<string, { at: number; of: string }>();

  constructor(private readonly engine: Engine) {
    this.clock = new SimClock(engine);
    engine.store.onChange((c) => {
      if (c.cls === 'VMSS') this.arm(c.ref, c.op !== 'del');
    });
    engine.shutdownSignal.addEventListener('abort', () => {
      for (const timer of this.timers.values()) clearTimeout(timer);
      this.timers.clear();
    });
    for (const ref of engine.store.refs('VMSS')) this.arm(ref, true);
  }

  /** (Re)computes when a schedule fires next and sets its timer; `exists` false forgets it. */
  private arm(ref: string, exists: boolean): void {
    clearTimeout(this.timers.get(ref));
    this.timers.delete(ref);
    const vmss = exists ? this.engine.store.row('VMSS', ref)?.record : undefined;
    if (!vmss || vmss.enabled !== true || !isFrequency(vmss.frequency)) {
      this.due.delete(ref);
      return;
    }
    const schedule = (vmss.schedule ?? {}) as Record<string, string>;
    const of = JSON.stringify([vmss.frequency, schedule]);
    let due = this.due.get(ref);
    if (due?.of !== of) {
      due = { at: nextRunAfter(vmss.frequency, schedule, this.clock.now()), of };
      this.due.set(ref, due);
    }
    const wait = this.clock.realUntil(due.at);
    const timer = setTimeout(() => this.tick(ref), Math.min(wait, MAX_WAIT_MS));
    timer.unref();
    this.timers.set(ref, timer);
  }

  private tick(ref: string): void {
    this.timers.delete(ref);
    const due = this.due.get(ref);
    const vmss = this.engine.store.row('VMSS', ref)?.record;
    if (due === undefined || !vmss) return;
    if (this.clock.now() >= due.at) {
      this.due.delete(ref);
      const vms = (vmss.VMs as string[] | undefined) ?? [];
      if (vmss.enabled === true && vms.length > 0 && !scheduleRunning(this.engine, ref)) void runSchedule(this.engine, ref).catch(() => undefined);
    }
    // The run's own changes re-arm too; this covers a schedule the run did not touch.
    if (!this.timers.has(ref)) this.arm(ref, true);
  }
}
