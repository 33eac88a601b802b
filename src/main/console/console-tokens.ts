import { randomBytes } from 'node:crypto';

/** What a console token lets its holder open. */
export interface ConsoleGrant {
  poolId: string;
  /** The VM or host the console belongs to. */
  objectId: string;
  /** The console object (rfb or vt100). */
  consoleRef: string;
}

/**
 * One-time console tokens: random, bound to one console, valid once and only for a few seconds, so a URL
 * that leaks (a log, a screenshot) opens nothing.
 */
export class ConsoleTokens {
  readonly #grants = new Map<string, { grant: ConsoleGrant; expires: number }>();
  readonly #lifetimeMs: number;

  constructor(lifetimeMs = 15_000) {
    this.#lifetimeMs = lifetimeMs;
  }

  get lifetimeMs(): number {
    return this.#lifetimeMs;
  }

  issue(grant: ConsoleGrant): string {
    this.#sweep();
    const token = randomBytes(24).toString('base64url');
    this.#grants.set(token, { grant, expires: Date.now() + this.#lifetimeMs });
    return token;
  }

  /** Redeems a token: returns its grant the first time, within its lifetime; null otherwise. */
  take(token: string): ConsoleGrant | null {
    const entry = this.#grants.get(token);
    this.#grants.delete(token);
    if (!entry || entry.expires < Date.now()) return null;
    return entry.grant;
  }

  #sweep(): void {
    const now = Date.now();
    for (const [token, entry] of this.#grants) if (entry.expires < now) this.#grants.delete(token);
  }
}
