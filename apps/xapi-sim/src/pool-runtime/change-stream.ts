/** A steady stream of object changes (for load tests): N changes per second spread over VMs' other_config. */
import type { Engine } from '../api/engine.js';

export class ChangeStream {
  private timer?: NodeJS.Timeout;
  private counter = 0;
  ratePerSecond = 0;

  constructor(private readonly engine: Engine) {}

  /** Starts (or retunes) the stream; 0 stops it. Changes are applied in 10 ms ticks. */
  start(ratePerSecond: number): void {
    this.stop();
    this.ratePerSecond = ratePerSecond;
    if (ratePerSecond <= 0) return;
    const tickMs = 10;
    let due = 0;
    let last = Date.now();
    this.timer = setInterval(() => {
      const now = Date.now();
      due += ((now - last) / 1000) * ratePerSecond;
      last = now;
      const vms = [...this.engine.store.rows('VM')].filter((r) => !r.record.is_control_domain);
      if (vms.length === 0) return;
      for (; due >= 1; due--) {
        const row = vms[this.counter++ % vms.length]!;
        // The wall-clock time of the change lets a client measure how long it took to reach it.
        const oc = { ...(row.record.other_config as Record<string, string>), 'xapi-sim:tick': String(this.counter), 'xapi-sim:at': String(Date.now()) };
        this.engine.store.update('VM', row.ref, { other_config: oc });
      }
    }, tickMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.ratePerSecond = 0;
  }

  /** Changes made so far. */
  get changes(): number {
    return this.counter;
  }
}
