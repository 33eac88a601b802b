import { randomBytes } from 'node:crypto';
import type { PoolSummary } from '../../shared/api/pool-schema.js';
import { ApiFailure } from '../api/failure.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logging/logger.js';
import type { SecretStore } from '../secrets/secret-store.js';
import type { PinStore } from '../trust/pin-store.js';
import type { TrustBroker } from '../trust/trust-broker.js';
import { PoolConnection } from './pool-connection.js';
import type { SavedPool, SavedPoolsFile } from './saved-pools-file.js';
import { formatEndpoint, parseServerAddresses, type ServerEndpoint } from './server-address.js';
import { describePoolError } from './xapi-error-sentences.js';

interface PoolEntry {
  saved: SavedPool;
  isSaved: boolean;
  passwordInKeychain: boolean;
  connection: PoolConnection;
}

export interface PoolManagerDeps {
  mirror: ObjectMirror;
  pins: PinStore;
  broker: TrustBroker;
  secrets: SecretStore;
  file: SavedPoolsFile;
  bus: EventBus;
  logger: Logger;
  retryDelaysMs?: readonly number[];
}

/** Saved member addresses that still parse (a hand-edited pools.json must not stop Xenith from starting). */
function savedMembers(members: readonly string[] = []): ServerEndpoint[] {
  return members.flatMap((member) => {
    try {
      return parseServerAddresses(member);
    } catch {
      return [];
    }
  });
}

/** The keychain account holding one pool's password. */
export function secretAccount(poolId: string): string {
  return `pool:${poolId}`;
}

/** Every pool Xenith knows: adds, connects, remembers (password in the keychain only) and forgets them. */
export class PoolManager {
  readonly #deps: PoolManagerDeps;
  readonly #pools = new Map<string, PoolEntry>();

  constructor(deps: PoolManagerDeps) {
    this.#deps = deps;
    deps.pins.onChange(() => void this.#persist());
    // The pool's own name is its name everywhere (F2 on the pool, another client renaming it): follow it live.
    deps.mirror.onChanges((changes) => {
      const touched = new Set<string>();
      for (const change of changes) if (change.kind !== 'remove' && (change.object.$type === 'pool' || change.object.$type === 'host')) touched.add(change.object.$pool);
      for (const poolId of touched) {
        const entry = this.#pools.get(poolId);
        if (entry) this.#adoptPoolName(entry);
      }
    });
  }

  /** Loads saved pools and pins, and reconnects the auto-connect ones in the background. */
  async start(): Promise<void> {
    const data = await this.#deps.file.load();
    // Pins of pools that are not saved (left by older versions after a failed Add) are dropped.
    const savedIds = new Set(data.pools.map((pool) => pool.poolId));
    this.#deps.pins.load(Object.fromEntries(Object.entries(data.pins).filter(([, pin]) => pin.poolId === undefined || savedIds.has(pin.poolId))));
    for (const saved of data.pools) {
      const password = await this.#deps.secrets.get(secretAccount(saved.poolId)).catch(() => null);
      const entry = this.#register(saved, true, password ?? '', password !== null && this.#deps.secrets.persistent);
      if (saved.autoConnect && password !== null) void entry.connection.connect({ retry: true }).catch(() => {});
    }
  }

  list(): PoolSummary[] {
    return [...this.#pools.values()].map((entry) => this.#summary(entry));
  }

  /**
   * How many pools there are, are connected, and are not where they should be (connecting, reconnecting, in error).
   * A pool the person disconnected on purpose is neither: it does not make the server "degraded".
   */
  counts(): { total: number; connected: number; failing: number } {
    const states = [...this.#pools.values()].map((entry) => entry.connection.status.state);
    return {
      total: states.length,
      connected: states.filter((state) => state === 'connected').length,
      failing: states.filter((state) => state !== 'connected' && state !== 'disconnected').length,
    };
  }

  has(poolId: string): boolean {
    return this.#pools.has(poolId);
  }

  connection(poolId: string): PoolConnection {
    return this.#entry(poolId).connection;
  }

  /** XenCenter's Add New Server: connects first; only a pool that connected is kept (and saved if asked). */
  async add(input: {
    address: string;
    user: string;
    password: string;
    label?: string | undefined;
    save: boolean;
    fingerprint?: string | undefined;
    waitFor?: 'complete' | 'listed' | undefined;
  }): Promise<PoolSummary> {
    let endpoints;
    try {
      endpoints = parseServerAddresses(input.address);
    } catch (error) {
      throw new ApiFailure('VALIDATION', (error as Error).message, { params: ['address'] });
    }
    const address = endpoints.map(formatEndpoint).join('; ');
    const duplicate = [...this.#pools.values()].find((entry) => entry.saved.address === address);
    if (duplicate) {
      throw new ApiFailure('POOL_ALREADY_ADDED', `${address} is already in the list as "${duplicate.saved.label}". Connect it from there.`, { poolId: duplicate.saved.poolId });
    }
    const poolId = randomBytes(6).toString('hex');
    const saved: SavedPool = { poolId, address, user: input.user, label: input.label ?? '', autoConnect: input.save };
    const entry = this.#register(saved, false, input.password, false);
    // Refused once logged in, before any of its objects reach the mirror (which keys them by ref: a second
    // connection to one pool would share the first one's objects).
    const admit = (poolUuid: string) => {
      const samePool = [...this.#pools.values()].find((other) => other !== entry && other.connection.poolUuid === poolUuid);
      if (samePool) throw new ApiFailure('POOL_ALREADY_CONNECTED', `This pool is already connected as "${samePool.saved.label}".`, { poolId: samePool.saved.poolId });
    };
    try {
      await entry.connection.connect({ retry: false, fingerprint: input.fingerprint, until: input.waitFor ?? 'complete', admit });
    } catch (error) {
      await this.#discard(poolId);
      if (error instanceof ApiFailure) throw error;
      const described = describePoolError(error, poolId);
      throw new ApiFailure(described.code, described.message, { params: described.params ?? [] });
    }
    if (this.#pools.get(poolId) !== entry || !entry.connection.live) {
      await this.#discard(poolId);
      throw new ApiFailure('POOL_NOT_CONNECTED', `${address} was disconnected before it finished connecting.`, { params: [address] });
    }
    this.#adoptPoolName(entry);
    if (input.save) await this.#remember(entry, input.password);
    this.#announce(entry);
    return this.#summary(entry);
  }

  async connect(poolId: string): Promise<PoolSummary> {
    const entry = this.#entry(poolId);
    const password = await this.#deps.secrets.get(secretAccount(poolId)).catch(() => null);
    if (password !== null) entry.connection.setCredentials({ user: entry.saved.user, password });
    await this.#connectReporting(entry);
    return this.#summary(entry);
  }

  async disconnect(poolId: string): Promise<PoolSummary> {
    const entry = this.#entry(poolId);
    await entry.connection.disconnect();
    return this.#summary(entry);
  }

  async reconnectAs(poolId: string, user: string, password: string): Promise<PoolSummary> {
    const entry = this.#entry(poolId);
    await entry.connection.disconnect();
    entry.saved = { ...entry.saved, user };
    entry.connection.setCredentials({ user, password });
    await this.#connectReporting(entry);
    if (entry.isSaved) await this.#remember(entry, password);
    return this.#summary(entry);
  }

  async forget(poolId: string): Promise<boolean> {
    if (!this.#pools.has(poolId)) return false;
    await this.#drop(poolId);
    await this.#deps.secrets.delete(secretAccount(poolId)).catch(() => false);
    this.#deps.pins.removePool(poolId);
    await this.#persist();
    return true;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#pools.values()].map((entry) => entry.connection.disconnect()));
  }

  async #connectReporting(entry: PoolEntry): Promise<void> {
    try {
      await entry.connection.connect({ retry: false });
    } catch (error) {
      const described = describePoolError(error, entry.saved.poolId);
      throw new ApiFailure(described.code, described.message, { params: described.params ?? [], poolId: entry.saved.poolId });
    }
  }

  #register(saved: SavedPool, isSaved: boolean, password: string, passwordInKeychain: boolean): PoolEntry {
    const { mirror, pins, broker, logger, retryDelaysMs } = this.#deps;
    const entry = {} as PoolEntry;
    entry.saved = saved;
    entry.isSaved = isSaved;
    entry.passwordInKeychain = passwordInKeychain;
    entry.connection = new PoolConnection(
      {
        poolId: saved.poolId, pins, broker, mirror, logger,
        ...(retryDelaysMs ? { retryDelaysMs } : {}),
        members: savedMembers(saved.members),
        onStatus: () => this.#announce(entry),
        onMembers: (members) => this.#rememberMembers(entry, members),
      },
      parseServerAddresses(saved.address),
      { user: saved.user, password },
    );
    this.#pools.set(saved.poolId, entry);
    return entry;
  }

  async #drop(poolId: string): Promise<void> {
    const entry = this.#pools.get(poolId);
    if (!entry) return;
    this.#pools.delete(poolId);
    await entry.connection.disconnect();
    this.#deps.bus.emit('pool.removed', { poolId });
  }

  /** A pool that was being added and failed: gone, with every pin its attempt made (nothing left in pools.json). */
  async #discard(poolId: string): Promise<void> {
    await this.#drop(poolId);
    this.#deps.pins.removePool(poolId);
  }

  #rememberMembers(entry: PoolEntry, members: readonly ServerEndpoint[]): void {
    entry.saved = { ...entry.saved, members: members.map(formatEndpoint) };
    if (entry.isSaved && this.#pools.get(entry.saved.poolId) === entry) void this.#persist();
  }

  async #remember(entry: PoolEntry, password: string): Promise<void> {
    entry.isSaved = true;
    try {
      await this.#deps.secrets.set(secretAccount(entry.saved.poolId), password);
      entry.passwordInKeychain = this.#deps.secrets.persistent;
    } catch (error) {
      entry.passwordInKeychain = false;
      this.#deps.logger.warn('the OS keychain refused the password; it is kept for this session only', { error: String(error) });
    }
    await this.#persist();
  }

  /**
   * XenCenter names a pool after the pool object, or after its master when the pool has no name; the saved label
   * is that name as last seen, shown only while the pool is not connected yet (a label typed in Add Pool, too).
   */
  #adoptPoolName(entry: PoolEntry): void {
    const [pool] = this.#deps.mirror.ofType('pool', entry.saved.poolId);
    const master = pool ? this.#deps.mirror.get(pool.master, 'host') : undefined;
    const name = pool?.name_label || master?.name_label || entry.saved.label || entry.saved.address;
    if (name === entry.saved.label) return;
    entry.saved = { ...entry.saved, label: name };
    if (this.#pools.get(entry.saved.poolId) !== entry) return;
    if (entry.isSaved) void this.#persist();
    this.#announce(entry);
  }

  async #persist(): Promise<void> {
    const pools = [...this.#pools.values()].filter((entry) => entry.isSaved).map((entry) => entry.saved);
    // Only the pins of saved pools outlive the process: an unsaved or failed pool's pins die with it.
    const savedIds = new Set(pools.map((pool) => pool.poolId));
    const pins = Object.fromEntries(Object.entries(this.#deps.pins.toJSON()).filter(([, pin]) => pin.poolId === undefined || savedIds.has(pin.poolId)));
    await this.#deps.file.save({ pools, pins }).catch((error: unknown) => this.#deps.logger.error('could not save pools.json', { error: String(error) }));
  }

  #announce(entry: PoolEntry): void {
    if (this.#pools.get(entry.saved.poolId) !== entry) return;
    this.#deps.bus.emit('pool.status', this.#summary(entry));
  }

  #summary(entry: PoolEntry): PoolSummary {
    const status = entry.connection.status;
    return {
      poolId: entry.saved.poolId,
      label: entry.saved.label || entry.saved.address,
      address: entry.saved.address,
      user: entry.saved.user,
      saved: entry.isSaved,
      autoConnect: entry.saved.autoConnect,
      state: status.state,
      masterAddress: status.masterAddress,
      nextRetryAt: status.nextRetryAt,
      error: status.error,
      loading: status.loading ?? null,
      passwordInKeychain: entry.passwordInKeychain,
    };
  }

  #entry(poolId: string): PoolEntry {
    const entry = this.#pools.get(poolId);
    if (!entry) throw new ApiFailure('NOT_FOUND', `There is no pool with id ${poolId}. It may have been forgotten in another window.`, { params: [poolId] });
    return entry;
  }
}
