import { randomUUID } from 'node:crypto';
import type { TrustRequest } from '../../shared/api/pool-schema.js';
import type { EventBus } from '../events/event-bus.js';
import type { CertificateInfo } from './certificate-info.js';
import type { CertificatePin } from './pin-store.js';

interface Pending {
  request: TrustRequest;
  settle(accepted: boolean): void;
}

/**
 * Asks the user about certificates: one question per host at a time, answered from any window; the
 * connection waits for the answer. Nothing is ever accepted without one.
 */
export class TrustBroker {
  readonly #pending = new Map<string, Pending>();
  readonly #bus: EventBus;

  constructor(bus: EventBus) {
    this.#bus = bus;
  }

  pending(): TrustRequest[] {
    return [...this.#pending.values()].map((entry) => entry.request);
  }

  /** Emits trust.request and resolves with the user's answer (false if withdrawn). */
  ask(poolId: string, certificate: CertificateInfo, previous: CertificatePin | undefined): Promise<boolean> {
    const existing = [...this.#pending.values()].find(
      (entry) => entry.request.host === certificate.host && entry.request.port === certificate.port && entry.request.fingerprint === certificate.fingerprint,
    );
    const request: TrustRequest = existing?.request ?? {
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
    return new Promise((resolve) => {
      const prior = this.#pending.get(request.requestId);
      this.#pending.set(request.requestId, {
        request,
        settle: (accepted) => {
          prior?.settle(accepted);
          resolve(accepted);
        },
      });
      if (!prior) this.#bus.emit('trust.request', request);
    });
  }

  /** Records the user's answer; false when the request is unknown (already answered elsewhere). */
  decide(requestId: string, accept: boolean): boolean {
    const entry = this.#pending.get(requestId);
    if (!entry) return false;
    this.#pending.delete(requestId);
    this.#bus.emit('trust.settled', { requestId });
    entry.settle(accept);
    return true;
  }

  /** Withdraws the questions of a pool (disconnected or forgotten meanwhile). */
  withdraw(poolId: string): void {
    for (const [requestId, entry] of this.#pending) {
      if (entry.request.poolId === poolId) this.decide(requestId, false);
    }
  }
}
