/**
 * Reboots that go wrong, for tests of clients that reboot hosts (a rolling pool update): a host marked `hang` goes
 * down when rebooted and stays down (`host_metrics.live` false, the reboot still in `current_operations`) until the
 * mark is cleared, when it finishes booting at once. Control port:
 * `POST /hosts/<ref|uuid|address>/reboot-fault {hang: true}` / `{hang: false}`, `GET /hosts/<id>/reboot-fault`.
 */
import type { Engine } from '../api/engine.js';
import { controlTarget, type ControlRoute } from '../rrd/rrd-control-routes.js';

/** The hosts whose reboot never completes, and the boots parked until their mark is cleared. */
export class RebootFaults {
  readonly hanging = new Set<string>();
  readonly #parked = new Map<string, () => void>();

  /** Whether a reboot of `hostRef` starting now should hang. */
  hangs(hostRef: string): boolean {
    return this.hanging.has(hostRef);
  }

  /** Keeps the end of a hanging reboot until the host's mark is cleared. */
  park(hostRef: string, finishBoot: () => void): void {
    this.#parked.set(hostRef, finishBoot);
  }

  /** Whether a reboot of the host is parked (the host is down, waiting for the fault to clear). */
  isParked(hostRef: string): boolean {
    return this.#parked.has(hostRef);
  }

  /** Sets or clears the mark; clearing it lets a parked reboot finish now. */
  set(hostRef: string, hang: boolean): void {
    if (hang) {
      this.hanging.add(hostRef);
      return;
    }
    this.hanging.delete(hostRef);
    const finish = this.#parked.get(hostRef);
    this.#parked.delete(hostRef);
    finish?.();
  }

  /** Clears every mark (the control port's `/faults/clear`): parked reboots finish. */
  clear(): void {
    for (const host of [...this.hanging, ...this.#parked.keys()]) this.set(host, false);
  }
}

const faults = new WeakMap<Engine, RebootFaults>();

/** The pool's reboot faults. */
export function rebootFaultsFor(engine: Engine): RebootFaults {
  let f = faults.get(engine);
  if (!f) {
    f = new RebootFaults();
    faults.set(engine, f);
  }
  return f;
}

export function hostRebootFaultRoutes(engine: Engine): ControlRoute[] {
  const state = (host: string): { host: string; hang: boolean; parked: boolean } => ({
    host, hang: rebootFaultsFor(engine).hangs(host), parked: rebootFaultsFor(engine).isParked(host),
  });
  return [
    ['POST', /^\/hosts\/([^/]+)\/reboot-fault$/, ([id], b) => {
      const host = controlTarget(engine, 'host', id!);
      rebootFaultsFor(engine).set(host, b.hang === true);
      return state(host);
    }],
    ['GET', /^\/hosts\/([^/]+)\/reboot-fault$/, ([id]) => state(controlTarget(engine, 'host', id!))],
  ];
}
