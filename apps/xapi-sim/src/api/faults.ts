/** Faults injected through the control port: per-method latency, standing errors, and one-shot failures. */
import { XapiError } from '../model/xapi-error.js';

export interface StandingError { code: string; params: string[]; /** 0..1, default 1 */ probability: number }

export class FaultInjector {
  readonly latencyMs = new Map<string, number>();
  readonly errors = new Map<string, StandingError>();
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
    this.failNext.clear();
  }

  /** Applies latency and throws an injected error, if any, for a call of `method`. */
  async before(method: string): Promise<void> {
    const latency = this.latencyMs.get(method) ?? this.latencyMs.get('*');
    if (latency) await new Promise((r) => setTimeout(r, latency));
    for (const key of [method, '*']) {
      const q = this.failNext.get(key);
      const next = q?.shift();
      if (q && q.length === 0) this.failNext.delete(key);
      if (next) throw next;
    }
    const standing = this.errors.get(method) ?? this.errors.get('*');
    if (standing && Math.random() < standing.probability) throw new XapiError(standing.code, standing.params);
  }
}
