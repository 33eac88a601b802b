import type { Xapi } from 'xen-api';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { Logger } from '../logging/logger.js';
import type { PinStore } from '../trust/pin-store.js';
import type { TrustBroker } from '../trust/trust-broker.js';
import { disconnectedStatus, type ConnectionStatus } from './connection-status.js';
import { pinMembersFromPoolDatabase } from './member-pins.js';
import { feedMirror } from './mirror-feed.js';
import { createPinnedClient } from './pinned-client.js';
import { formatEndpoint, type ServerEndpoint } from './server-address.js';
import { ensureTrusted } from './trust-gate.js';
import { describePoolError } from './xapi-error-sentences.js';

export interface PoolConnectionDeps {
  poolId: string;
  pins: PinStore;
  broker: TrustBroker;
  mirror: ObjectMirror;
  logger: Logger;
  onStatus(status: ConnectionStatus): void;
  /** Waits between reconnect rounds; the last one repeats (XenCenter retries every 15 s). */
  retryDelaysMs?: readonly number[];
  /** How long the first full fetch may take before the attempt counts as failed. */
  initialSyncTimeoutMs?: number;
}

/** Errors that retrying cannot fix: the user must act (credentials, certificates). */
const fatalCodes = new Set(['SESSION_AUTHENTICATION_FAILED', 'CERTIFICATE_REJECTED', 'CERTIFICATE_CHANGED', 'RBAC_PERMISSION_DENIED']);

/** Walks an error and its causes for a trust error raised by the pinned TLS layer. */
function findCode(error: unknown, codes: readonly string[]): (Error & { code: string; host?: string; port?: number }) | null {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; current = current.cause as typeof current, depth++) {
    if (typeof current.code === 'string' && codes.includes(current.code)) return current as never;
  }
  return null;
}

/**
 * One pool's live connection: trust first, then the xen-api client (which follows HOST_IS_SLAVE and re-logs
 * in on SESSION_INVALID), the mirror fed from its events, and — when the connection drops — reconnection
 * with backoff through every known member, following whichever host is master now.
 */
export class PoolConnection {
  readonly #deps: PoolConnectionDeps;
  #credentials: { user: string; password: string };
  #endpoints: ServerEndpoint[];
  #client: Xapi | null = null;
  #master: ServerEndpoint | null = null;
  #stopFeed: (() => void) | null = null;
  #status: ConnectionStatus = disconnectedStatus;
  #wanted = false;
  /** Bumped on every connect/disconnect so an attempt that was overtaken stops quietly. */
  #generation = 0;
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(deps: PoolConnectionDeps, endpoints: ServerEndpoint[], credentials: { user: string; password: string }) {
    this.#deps = deps;
    this.#endpoints = endpoints;
    this.#credentials = credentials;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** The connected client, for calls (null while not connected). */
  get client(): Xapi | null {
    return this.#status.state === 'connected' ? this.#client : null;
  }

  get master(): ServerEndpoint | null {
    return this.#master;
  }

  setCredentials(credentials: { user: string; password: string }): void {
    this.#credentials = credentials;
  }

  /**
   * Connects. With `retry`, transport failures are retried forever with backoff (saved pools at start);
   * without it, the first round's failure is reported (the Add Pool dialog). Fatal errors never retry.
   */
  async connect({ retry }: { retry: boolean }): Promise<void> {
    this.#wanted = true;
    const generation = ++this.#generation;
    this.#clearRetry();
    this.#setStatus({ state: 'connecting', masterAddress: null, nextRetryAt: null, error: null });
    await this.#round(generation, retry);
  }

  async disconnect(): Promise<void> {
    this.#wanted = false;
    this.#generation++;
    this.#clearRetry();
    await this.#dropClient();
    this.#deps.mirror.removePool(this.#deps.poolId);
    this.#deps.broker.withdraw(this.#deps.poolId);
    this.#setStatus(disconnectedStatus);
  }

  /** One pass over the candidate hosts; schedules the next pass or throws, as `retry` says. */
  async #round(generation: number, retry: boolean, attempt = 0): Promise<void> {
    let lastError: unknown = new Error('no address to connect to');
    for (const endpoint of this.#candidates()) {
      if (generation !== this.#generation) return;
      try {
        await this.#openVia(endpoint, generation);
        return;
      } catch (error) {
        lastError = error;
        const described = describePoolError(error, this.#deps.poolId);
        this.#deps.logger.warn('pool connection attempt failed', { poolId: this.#deps.poolId, endpoint: formatEndpoint(endpoint), code: described.code });
        if (fatalCodes.has(described.code) || findCode(error, [...fatalCodes])) {
          if (generation === this.#generation) this.#fail(error);
          throw error;
        }
      }
    }
    if (generation !== this.#generation) return;
    if (!retry) {
      this.#fail(lastError);
      throw lastError;
    }
    const delays = this.#deps.retryDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 15_000];
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 15_000;
    this.#setStatus({
      state: 'reconnecting',
      masterAddress: null,
      nextRetryAt: new Date(Date.now() + delay).toISOString(),
      error: describePoolError(lastError, this.#deps.poolId),
    });
    await new Promise<void>((resolve) => {
      this.#retryTimer = setTimeout(resolve, delay);
    });
    if (generation !== this.#generation) return;
    await this.#round(generation, retry, attempt + 1).catch(() => {});
  }

  /** Where to try, in order: the last master, what the user typed, then every member the pool told us about. */
  #candidates(): ServerEndpoint[] {
    const port = this.#master?.port ?? this.#endpoints[0]?.port ?? 443;
    const members: ServerEndpoint[] = [];
    for (const object of this.#deps.mirror.all(this.#deps.poolId)) {
      if (object.$type === 'host' && typeof object.address === 'string' && object.address !== '') members.push({ host: object.address, port });
    }
    const seen = new Set<string>();
    return [...(this.#master ? [this.#master] : []), ...this.#endpoints, ...members].filter((endpoint) => {
      const key = formatEndpoint(endpoint);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Trusts, logs in (following HOST_IS_SLAVE, trusting the master too), syncs, and goes live. */
  async #openVia(endpoint: ServerEndpoint, generation: number): Promise<void> {
    let target = endpoint;
    for (let hop = 0; hop < 3; hop++) {
      await ensureTrusted(this.#deps.poolId, target, this.#deps.pins, this.#deps.broker);
      const client = createPinnedClient(target, this.#credentials, this.#deps.pins);
      try {
        await client.connect();
        await this.#syncAndGoLive(client, generation);
        return;
      } catch (error) {
        await client.disconnect().catch(() => {});
        // HOST_IS_SLAVE sent the client to a master whose certificate is not trusted yet: trust it, go there.
        const untrusted = findCode(error, ['CERTIFICATE_UNTRUSTED']);
        if (untrusted?.host && untrusted.port) {
          target = { host: untrusted.host, port: untrusted.port };
          continue;
        }
        throw error;
      }
    }
    throw new Error('Too many redirections between pool members.');
  }

  async #syncAndGoLive(client: Xapi, generation: number): Promise<void> {
    const timeoutMs = this.#deps.initialSyncTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      client.objectsFetched,
      new Promise((_resolve, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('The pool did not send its objects in time.'), { code: 'ETIMEDOUT' })), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
    if (generation !== this.#generation) {
      await client.disconnect().catch(() => {});
      return;
    }
    await this.#dropClient();
    this.#client = client;
    const url = (client as unknown as { _url: { hostname: string; port: string } })._url;
    this.#master = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || 443 };
    this.#stopFeed = feedMirror(this.#deps.poolId, client, this.#deps.mirror);
    const onLost = (error?: unknown) => {
      if (this.#client === client) void this.#onLost(error);
    };
    client.on('eventFetchingError', onLost);
    client.on('disconnected', () => onLost(new Error('The pool session ended.')));
    this.#setStatus({ state: 'connected', masterAddress: formatEndpoint(this.#master), nextRetryAt: null, error: null });
    void pinMembersFromPoolDatabase(this.#deps.poolId, this.#master.port, this.#deps.mirror, this.#deps.pins, this.#deps.logger);
  }

  async #onLost(error: unknown): Promise<void> {
    if (!this.#wanted) return;
    this.#deps.logger.warn('pool connection lost', { poolId: this.#deps.poolId, error: String(error) });
    const generation = ++this.#generation;
    await this.#dropClient();
    this.#setStatus({ state: 'reconnecting', masterAddress: null, nextRetryAt: new Date().toISOString(), error: describePoolError(error, this.#deps.poolId) });
    await this.#round(generation, true).catch(() => {});
  }

  async #dropClient(): Promise<void> {
    this.#stopFeed?.();
    this.#stopFeed = null;
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners('eventFetchingError');
      client.removeAllListeners('disconnected');
      await client.disconnect().catch(() => {});
    }
  }

  #fail(error: unknown): void {
    this.#wanted = false;
    this.#setStatus({ state: 'error', masterAddress: null, nextRetryAt: null, error: describePoolError(error, this.#deps.poolId) });
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }

  #setStatus(status: ConnectionStatus): void {
    this.#status = status;
    this.#deps.onStatus(status);
  }
}
