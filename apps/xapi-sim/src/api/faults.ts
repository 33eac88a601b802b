/**
 * Faults injected through the control port: per-method latency, standing errors, one-shot failures, and fixed
 * durations for the long-running operations a method runs.
 */
import { XapiError } from '../model/xapi-error.js';

export interface StandingError { code: string; params: string[]; /** 0..1, default 1 */ probability: number }

export class FaultInjector {
  readonly latencyMs = new Map<string, number>();
  readonly errors = new Map<string, StandingError>();
  /** Method (without `Async.`) → real milliseconds its operations take, whatever the time scale and data size. */
  readonly durationMs = new Map<string, number>();
  private readonly failNext = new Map<string, XapiError[]>();

  /** Queues one failure for the next call of `method` (`*` matches any method). */
  addFailNext(method: string, code: string, params: string[] = []): void {
    const q = this.failNext.get(method) ?? [];
    q.push(new XapiError(code, params));
    this.failNext.set(method, q);
  }

  clear(): void {
    this.latencyMs.clear();
    this.errors.clear();
    this.durationMs.clear();
    this.failNext.clear();
  }

  /** The fixed duration (real ms) set for operations run by a call of `method` (`Async.` ignored), if any. */
  durationFor(method: string): number | undefined {
    return this.durationMs.get(method.startsWith('Async.') ? method.slice('Async.'.length) : method);
  }

  /**
   * Applies latency and throws an injected error, if any, for a call of `method`. `wildcard: false` skips the `*`
   * entries: an Async call checks them once for `Async.<method>`, then its task checks `<method>` alone, so a fault
   * set on `VM.start` fails `Async.VM.start`'s task as xapi would ([code, ...params] in error_info).
   */
  async before(method: string, { wildcard = true } = {}): Promise<void> {
    const keys = wildcard ? [method, '*'] : [method];
    const latency = this.latencyMs.get(method) ?? (wildcard ? this.latencyMs.get('*') : undefined);
    if (latency) await new Promise((r) => setTimeout(r, latency));
    for (const key of keys) {
      const q = this.failNext.get(key);
      const next = q?.shift();
      if (q && q.length === 0) this.failNext.delete(key);
      if (next) throw next;
    }
    const standing = this.errors.get(method) ?? (wildcard ? this.errors.get('*') : undefined);
    if (standing && Math.random() < standing.probability) throw new XapiError(standing.code, standing.params);
  }
}
