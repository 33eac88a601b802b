import { randomUUID } from 'node:crypto';
import type { TrustRequest } from '../../shared/api/pool-schema.js';
import type { EventBus } from '../events/event-bus.js';
import type { CertificateInfo } from './certificate-info.js';
import type { CertificatePin } from './pin-store.js';

/** Nobody answered a certificate question in time: the connection that asked gives up, trusting nothing. */
export class CertificateNotAnsweredError extends Error {
  readonly code = 'CERTIFICATE_NOT_ANSWERED';
  constructor(readonly host: string, readonly port: number) {
    super(`Nobody answered the question about the certificate of ${host}:${port} in time.`);
  }
}

interface Waiter {
  resolve(accepted: boolean): void;
  reject(error: Error): void;
}

interface Pending {
  request: TrustRequest;
  /** Every connection waiting on this same certificate (one question is shown for all of them). */
  waiters: Waiter[];
  timer: NodeJS.Timeout;
}

export interface TrustBrokerOptions {
  /** How long a question waits for an answer before the connections that asked give up (default 10 minutes). */
  answerTimeoutMs?: number | undefined;
}

/**
 * Asks the user about certificates: one question per host at a time, answered from any window; the
 * connection waits for the answer, for a bounded time. Nothing is ever accepted without one.
 */
export class TrustBroker {
  readonly #pending = new Map<string, Pending>();
  readonly #bus: EventBus;
  readonly #answerTimeoutMs: number;

  constructor(bus: EventBus, options: TrustBrokerOptions = {}) {
    this.#bus = bus;
    this.#answerTimeoutMs = options.answerTimeoutMs ?? 10 * 60_000;
  }

  pending(): TrustRequest[] {
    return [...this.#pending.values()].map((entry) => entry.request);
  }

  /**
   * Emits trust.request and resolves with the user's answer (false if withdrawn); rejects with
   * CertificateNotAnsweredError when nobody answers in time (the question is then withdrawn from every window).
   */
  ask(poolId: string, certificate: CertificateInfo, previous: CertificatePin | undefined): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const existing = [...this.#pending.values()].find(
        (entry) => entry.request.host === certificate.host && entry.request.port === certificate.port && entry.request.fingerprint === certificate.fingerprint,
      );
      if (existing) {
        existing.waiters.push({ resolve, reject });
        return;
      }
      const request: TrustRequest = {
        requestId: randomUUID(),
        poolId,
        host: certificate.host,
        port: certificate.port,
        fingerprint: certificate.fingerprint,
        subject: certificate.subject,
        issuer: certificate.issuer,
        validFrom: certificate.validFrom,
        validTo: certificate.validTo,
        changed: previous !== undefined,
        previousFingerprint: previous?.fingerprint ?? null,
      };
      const timer = setTimeout(() => this.#expire(request.requestId), this.#answerTimeoutMs);
      this.#pending.set(request.requestId, { request, waiters: [{ resolve, reject }], timer });
      this.#bus.emit('trust.request', request);
    });
  }

  /** Records the user's answer; false when the request is unknown (already answered elsewhere, or expired). */
  decide(requestId: string, accept: boolean): boolean {
    const entry = this.#take(requestId);
    if (!entry) return false;
    for (const waiter of entry.waiters) waiter.resolve(accept);
    return true;
  }

  /** Withdraws the questions of a pool (disconnected or forgotten meanwhile). */
  withdraw(poolId: string): void {
    for (const [requestId, entry] of this.#pending) {
      if (entry.request.poolId === poolId) this.decide(requestId, false);
    }
  }

  #expire(requestId: string): void {
    const entry = this.#take(requestId);
    if (!entry) return;
    const error = new CertificateNotAnsweredError(entry.request.host, entry.request.port);
    for (const waiter of entry.waiters) waiter.reject(error);
  }

  /** Removes a question and tells every window to dismiss it. */
  #take(requestId: string): Pending | undefined {
    const entry = this.#pending.get(requestId);
    if (!entry) return undefined;
    this.#pending.delete(requestId);
    clearTimeout(entry.timer);
    this.#bus.emit('trust.settled', { requestId });
    return entry;
  }
}
