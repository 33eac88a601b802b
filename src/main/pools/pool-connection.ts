import type { Xapi } from 'xen-api';
import type { PoolLoading } from '../../shared/api/pool-schema.js';
import type { MirrorChange, ObjectMirror } from '../cache/object-mirror.js';
import { TaskWatcher } from '../jobs/task-watcher.js';
import type { Logger } from '../logging/logger.js';
import { deferred } from '../util/deferred.js';
import type { CertificateInfo } from '../trust/certificate-info.js';
import type { PinStore } from '../trust/pin-store.js';
import type { TrustBroker } from '../trust/trust-broker.js';
import { watchTasksThroughMirror } from './client-task-watch.js';
import { disconnectedStatus, type ConnectionStatus } from './connection-status.js';
import { pinMembersFromPoolDatabase } from './member-pins.js';
import { createPinnedClient } from './pinned-client.js';
import { PoolFeed } from './pool-feed.js';
import { PoolRpc } from './pool-rpc.js';
import { formatEndpoint, type ServerEndpoint } from './server-address.js';
import { ensureTrusted } from './trust-gate.js';
import { findCode, isFatal } from './connection-errors.js';
import { describePoolError } from './xapi-error-sentences.js';
import { listableClasses, logOutAndDisconnect, renewSession } from './xapi-session.js';

export interface PoolConnectionDeps {
  poolId: string;
  pins: PinStore;
  broker: TrustBroker;
  mirror: ObjectMirror;
  logger: Logger;
  onStatus(status: ConnectionStatus): void;
  /** The pool's member hosts as last known (saved in pools.json), tried when the typed addresses fail. */
  members?: readonly ServerEndpoint[];
  /** Told when the pool's member addresses change, so they can be saved for the next start. */
  onMembers?(members: readonly ServerEndpoint[]): void;
  /** Waits between reconnect rounds; the last one repeats (XenCenter retries every 15 s). */
  retryDelaysMs?: readonly number[];
  /** How long the first load may take (to the phase `connect` waits for) before the attempt counts as failed. */
  initialSyncTimeoutMs?: number;
  /** Reads a host's certificate (tests stand in for an unreachable network). */
  probe?: (host: string, port: number) => Promise<CertificateInfo>;
}

/** True when a mirror batch may have changed a host's address (a host added, removed, or its address edited). */
function touchesHostAddresses(changes: readonly MirrorChange[]): boolean {
  return changes.some((change) =>
    change.kind === 'remove' ? change.type === 'host' : change.object.$type === 'host' && (change.kind === 'add' || 'address' in change.change.fields),
  );
}

/** How far `connect` waits: until the whole pool is mirrored, or until its first rows (pool, hosts, storage) are. */
export type ConnectUntil = 'complete' | 'listed';

export interface ConnectOptions {
  retry: boolean;
  fingerprint?: string | undefined;
  /** Default `complete`. With `listed`, a failure after the first rows is a lost connection, retried as any. */
  until?: ConnectUntil | undefined;
  /** Refuses a pool by its uuid once logged in, before any object is loaded (throw to refuse: a duplicate). */
  admit?: ((poolUuid: string) => void) | undefined;
}

/**
 * One pool's live connection: trust first, then the xen-api client (which follows HOST_IS_SLAVE) for calls, the
 * pool feed loading the mirror progressively and following event.from, and — when the connection drops —
 * reconnection with backoff through every known member, following whichever host is master now. Every session it
 * opens is logged out when it is dropped.
 */
export class PoolConnection {
  readonly #deps: PoolConnectionDeps;
  #credentials: { user: string; password: string };
  #endpoints: ServerEndpoint[];
  #members: ServerEndpoint[];
  #client: Xapi | null = null;
  /** Clients still logging in or fetching, so a disconnect logs them out too. */
  readonly #attempts = new Set<Xapi>();
  #master: ServerEndpoint | null = null;
  #stopFeed: (() => void) | null = null;
  /** Settles once the members of the current connection are pinned (or could not be): see `membersPinned`. */
  #membersPinned: Promise<void> = Promise.resolve();
  #status: ConnectionStatus = disconnectedStatus;
  #wanted = false;
  /** Follows the tasks of the client's HTTP transfers through the mirror (made on first use). */
  #taskWatcher: TaskWatcher | null = null;
  /** Bumped on every connect/disconnect so an attempt that was overtaken stops quietly. */
  #generation = 0;
  #retryTimer: NodeJS.Timeout | null = null;

  constructor(deps: PoolConnectionDeps, endpoints: ServerEndpoint[], credentials: { user: string; password: string }) {
    this.#deps = deps;
    this.#endpoints = endpoints;
    this.#members = [...(deps.members ?? [])];
    this.#credentials = credentials;
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  /** The connected client, for calls (null while not connected). */
  get client(): Xapi | null {
    return this.#status.state === 'connected' ? this.#client : null;
  }

  /**
   * Settles when member hosts have been pinned from the pool database after the last connect. Whoever contacts a
   * member directly (stats, consoles) waits for it: before that, a member's self-signed certificate is refused.
   */
  get membersPinned(): Promise<void> {
    return this.#membersPinned;
  }

  get master(): ServerEndpoint | null {
    return this.#master;
  }

  /** Whether a session is open (connected, or logged in and still loading the pool's objects). */
  get live(): boolean {
    return this.#client !== null;
  }

  /** The uuid of the pool the open session is on (null without one). */
  get poolUuid(): string | null {
    const uuid = this.#client?.pool?.uuid;
    return typeof uuid === 'string' ? uuid : null;
  }

  setCredentials(credentials: { user: string; password: string }): void {
    this.#credentials = credentials;
  }

  /**
   * Connects. With `retry`, transport failures are retried forever with backoff (saved pools at start): the
   * promise settles after the first round and later rounds run from a timer. Without it, the first round's
   * failure is reported (the Add Pool dialog). Fatal errors never retry. With `fingerprint`, the typed addresses'
   * certificates must have it (pool.add from a script): they are pinned without a question, or refused.
   */
  async connect({ retry, fingerprint, until = 'complete', admit }: ConnectOptions): Promise<void> {
    this.#wanted = true;
    const generation = ++this.#generation;
    this.#clearRetry();
    this.#setStatus({ state: 'connecting', masterAddress: null, nextRetryAt: null, error: null });
    try {
      await this.#round(generation, { fingerprint, until, admit });
    } catch (error) {
      if (generation !== this.#generation) return;
      if (!retry || isFatal(error, this.#deps.poolId)) {
        this.#fail(error);
        throw error;
      }
      this.#scheduleRetry(generation, 0, error);
    }
  }

  /** Stops (re)connecting and logs out of the pool, waiting for the logout a bounded time. */
  async disconnect(): Promise<void> {
    this.#wanted = false;
    this.#generation++;
    this.#clearRetry();
    this.#deps.broker.withdraw(this.#deps.poolId);
    const attempts = [...this.#attempts];
    this.#attempts.clear();
    await Promise.all([this.#dropClient(), ...attempts.map((client) => logOutAndDisconnect(client))]);
    this.#deps.mirror.removePool(this.#deps.poolId);
    this.#setStatus(disconnectedStatus);
  }

  /** One pass over the candidate hosts: returns once connected (or overtaken), throws the last failure. */
  async #round(generation: number, options: Omit<ConnectOptions, 'retry'> = {}): Promise<void> {
    let lastError: unknown = new Error('no address to connect to');
    for (const endpoint of this.#candidates()) {
      if (generation !== this.#generation) return;
      try {
        await this.#openVia(endpoint, generation, { ...options, fingerprint: this.#endpoints.includes(endpoint) ? options.fingerprint : undefined });
        return;
      } catch (error) {
        lastError = error;
        const described = describePoolError(error, this.#deps.poolId);
        this.#deps.logger.warn('pool connection attempt failed', { poolId: this.#deps.poolId, endpoint: formatEndpoint(endpoint), code: described.code });
        if (isFatal(error, this.#deps.poolId)) throw error;
      }
    }
    throw lastError;
  }

  /**
   * Arms the timer for the next round. Each round runs from its own timer callback and nothing waits on it,
   * so a pool that stays down for days holds one timer, never a chain of rounds awaiting each other.
   */
  #scheduleRetry(generation: number, attempt: number, lastError: unknown): void {
    const delays = this.#deps.retryDelaysMs ?? [1_000, 2_000, 5_000, 10_000, 15_000];
    const delay = delays[Math.min(attempt, delays.length - 1)] ?? 15_000;
    this.#setStatus({
      state: 'reconnecting',
      masterAddress: null,
      nextRetryAt: new Date(Date.now() + delay).toISOString(),
      error: describePoolError(lastError, this.#deps.poolId),
    });
    this.#clearRetry();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      void this.#retryRound(generation, attempt + 1);
    }, delay);
  }

  async #retryRound(generation: number, attempt: number): Promise<void> {
    if (generation !== this.#generation) return;
    try {
      await this.#round(generation);
    } catch (error) {
      if (generation !== this.#generation) return;
      if (isFatal(error, this.#deps.poolId)) this.#fail(error);
      else this.#scheduleRetry(generation, attempt, error);
    }
  }

  /** Where to try, in order: the last master, what the user typed, then every member the pool told us about. */
  #candidates(): ServerEndpoint[] {
    const seen = new Set<string>();
    return [...(this.#master ? [this.#master] : []), ...this.#endpoints, ...this.#members].filter((endpoint) => {
      const key = formatEndpoint(endpoint);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }

  /** Trusts, logs in (following HOST_IS_SLAVE, trusting the master too), loads, and goes live. */
  async #openVia(endpoint: ServerEndpoint, generation: number, options: Omit<ConnectOptions, 'retry'>): Promise<void> {
    let target = endpoint;
    for (let hop = 0; hop < 3; hop++) {
      // A given fingerprint is the typed address's; a master found through HOST_IS_SLAVE is asked about as usual.
      await ensureTrusted(this.#deps.poolId, target, this.#deps.pins, this.#deps.broker, this.#deps.probe, hop === 0 ? options.fingerprint : undefined);
      if (generation !== this.#generation) return;
      const client = createPinnedClient(target, this.#credentials, this.#deps.pins);
      watchTasksThroughMirror(client, (this.#taskWatcher ??= new TaskWatcher(this.#deps.mirror)));
      this.#attempts.add(client);
      try {
        await client.connect();
        await this.#loadAndGoLive(client, generation, options);
        return;
      } catch (error) {
        await logOutAndDisconnect(client);
        // HOST_IS_SLAVE sent the client to a master whose certificate is not trusted yet: trust it, go there.
        const untrusted = findCode(error, ['CERTIFICATE_UNTRUSTED']);
        if (untrusted?.host && untrusted.port) {
          target = { host: untrusted.host, port: untrusted.port };
          continue;
        }
        throw error;
      } finally {
        this.#attempts.delete(client);
      }
    }
    throw new Error('Too many redirections between pool members.');
  }

  /**
   * Starts the pool feed on a logged-in client and waits for the phase asked (`listed` or `complete`), at most
   * `initialSyncTimeoutMs`. The connection is `connecting`, with the load's progress, until the pool is complete,
   * then `connected`. A failure before the awaited phase fails this attempt; after it, the connection is lost.
   */
  async #loadAndGoLive(client: Xapi, generation: number, { until = 'complete', admit }: Omit<ConnectOptions, 'retry'>): Promise<void> {
    if (generation !== this.#generation) {
      await logOutAndDisconnect(client);
      return;
    }
    const poolRecord = client.pool as { $ref?: unknown; uuid?: unknown } | null;
    if (typeof poolRecord?.$ref !== 'string') throw new Error('The pool did not say which pool it is.');
    if (admit && typeof poolRecord.uuid === 'string') admit(poolRecord.uuid);
    await this.#dropClient();
    this.#client = client;
    const url = (client as unknown as { _url: { hostname: string; port: string } })._url;
    const master = { host: url.hostname.replace(/^\[|\]$/g, ''), port: Number(url.port) || 443 };
    this.#master = master;
    const masterAddress = formatEndpoint(master);
    const current = () => this.#client === client && generation === this.#generation;
    const listed = deferred();
    const complete = deferred();
    const awaited = until === 'listed' ? listed : complete;
    // A bound on silence, not on the whole load: a big pool keeps sending, a stuck one stops.
    const timeoutMs = this.#deps.initialSyncTimeoutMs ?? 60_000;
    let timer: NodeJS.Timeout | undefined;
    let waiting = true;
    let failTimeout: (error: unknown) => void = () => {};
    const timedOut = new Promise<never>((_resolve, reject) => {
      failTimeout = reject;
    });
    timedOut.catch(() => {});
    const armTimeout = () => {
      clearTimeout(timer);
      if (!waiting) return;
      timer = setTimeout(() => failTimeout(Object.assign(new Error('The pool did not send its objects in time.'), { code: 'ETIMEDOUT' })), timeoutMs);
    };
    armTimeout();
    const feed = new PoolFeed({
      poolId: this.#deps.poolId,
      poolRef: poolRecord.$ref,
      classes: listableClasses(client),
      mirror: this.#deps.mirror,
      rpc: new PoolRpc(client),
      logger: this.#deps.logger,
      renewSession: () => renewSession(client),
      onProgress: (loading) => {
        armTimeout();
        if (current()) this.#setLoading(loading, masterAddress);
      },
      onListed: () => listed.resolve(),
      onComplete: () => {
        complete.resolve();
        if (!current()) return;
        this.#setStatus({ state: 'connected', masterAddress, nextRetryAt: null, error: null, loading: null });
        this.#refreshMembers(master.port);
        this.#membersPinned = pinMembersFromPoolDatabase(this.#deps.poolId, master.port, this.#deps.mirror, this.#deps.pins, this.#deps.logger, current).then(
          () => undefined,
          () => undefined,
        );
      },
      onLost: (error) => {
        if (!awaited.settled) awaited.reject(error);
        else if (current()) void this.#onLost(error);
      },
    });
    const stopMembers = this.#deps.mirror.onChanges((changes) => {
      if (touchesHostAddresses(changes)) this.#refreshMembers(master.port);
    });
    this.#stopFeed = () => {
      feed.stop();
      stopMembers();
    };
    client.on('disconnected', () => {
      if (current()) void this.#onLost(new Error('The pool session ended.'));
    });
    this.#setLoading({ vms: 0, vmsTotal: null, objects: 0, objectsTotal: null }, masterAddress);
    feed.start();
    try {
      await Promise.race([awaited.promise, timedOut]);
    } catch (error) {
      // This attempt failed: the caller logs the client out; nothing of it may run on.
      if (this.#client === client) {
        this.#stopFeed();
        this.#stopFeed = null;
        this.#client = null;
        client.removeAllListeners('disconnected');
      }
      throw error;
    } finally {
      waiting = false;
      clearTimeout(timer);
    }
  }

  /** The load's progress on the status: `connecting` until the first load completes; a reload keeps `connected`. */
  #setLoading(loading: PoolLoading | null, masterAddress: string): void {
    const state = this.#status.state === 'connected' ? 'connected' : 'connecting';
    this.#setStatus({ state, masterAddress, nextRetryAt: null, error: null, loading });
  }

  /** Reads the members' addresses from the mirror; reports them when they differ from the known ones. */
  #refreshMembers(port: number): void {
    const members: ServerEndpoint[] = [];
    for (const host of this.#deps.mirror.ofType('host', this.#deps.poolId)) {
      if (host.address !== '') members.push({ host: host.address, port });
    }
    const key = (list: readonly ServerEndpoint[]) => list.map(formatEndpoint).sort().join(';');
    if (members.length === 0 || key(members) === key(this.#members)) return;
    this.#members = members;
    this.#deps.onMembers?.(members);
  }

  async #onLost(error: unknown): Promise<void> {
    if (!this.#wanted) return;
    this.#deps.logger.warn('pool connection lost', { poolId: this.#deps.poolId, error: String(error) });
    const generation = ++this.#generation;
    this.#clearRetry();
    await this.#dropClient();
    if (generation !== this.#generation) return;
    this.#setStatus({ state: 'reconnecting', masterAddress: null, nextRetryAt: new Date().toISOString(), error: describePoolError(error, this.#deps.poolId) });
    await this.#retryRound(generation, 0);
  }

  async #dropClient(): Promise<void> {
    this.#stopFeed?.();
    this.#stopFeed = null;
    const client = this.#client;
    this.#client = null;
    if (client) {
      client.removeAllListeners('disconnected');
      await logOutAndDisconnect(client);
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
