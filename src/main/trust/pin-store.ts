import { normalizeFingerprint } from './certificate-info.js';

/** A certificate the user (or the authenticated pool database) vouched for, for one host:port. */
export interface CertificatePin {
  fingerprint: string;
  /** The certificate itself, used as the only trust anchor for that host so TLS fails before any byte is sent. */
  pem: string;
  /** The pool whose connection pinned it, so forgetting the pool forgets its pins. */
  poolId?: string;
}

/** Key for a host and port. */
export function endpointKey(host: string, port: number): string {
  return `${host.toLowerCase()}:${port}`;
}

/** Pins by endpoint, shared by RPC, transfers and consoles. */
export class PinStore {
  readonly #pins = new Map<string, CertificatePin>();
  readonly #listeners = new Set<() => void>();

  get(host: string, port: number): CertificatePin | undefined {
    return this.#pins.get(endpointKey(host, port));
  }

  set(host: string, port: number, pin: CertificatePin): void {
    this.#pins.set(endpointKey(host, port), { ...pin, fingerprint: normalizeFingerprint(pin.fingerprint) });
    this.#changed();
  }

  /** Forgets every pin a pool made. */
  removePool(poolId: string): void {
    for (const [key, pin] of this.#pins) if (pin.poolId === poolId) this.#pins.delete(key);
    this.#changed();
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  /** Pins as plain data for the settings file (fingerprints and public certificates only). */
  toJSON(): Record<string, CertificatePin> {
    return Object.fromEntries(this.#pins);
  }

  load(pins: Record<string, CertificatePin>): void {
    for (const [key, pin] of Object.entries(pins)) this.#pins.set(key, pin);
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }
}
