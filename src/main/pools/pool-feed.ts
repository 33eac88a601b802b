import { pause } from '../util/abortable-pause.js';
import type { PoolLoading } from '../../shared/api/pool-schema.js';
import type { IncomingRecord, ObjectMirror } from '../cache/object-mirror.js';
import type { Logger } from '../logging/logger.js';
import type { RpcOptions } from './pool-rpc.js';
import type { RecordMap } from './record-map-scanner.js';

/** Classes the mirror skips: volatile and not shown. */
export const skippedTypes: ReadonlySet<string> = new Set(['session', 'user', 'data_source', 'secret', 'role', 'blob', 'subject', 'auth', 'event']);

/** Loaded first, together: what the tree's first rows need (the pool, its hosts, networks and storage). */
const firstClasses: readonly string[] = ['pool', 'host', 'host_metrics', 'network', 'SR', 'PBD'];
/** Asked for first among the rest, so VMs fill the tree before their devices, metrics and the rest arrive. */
const vmClass = 'VM';

/** How the feed reaches XAPI (PoolRpc, or a stand-in in unit tests). */
export interface FeedRpc {
  call<T>(method: string, params: readonly unknown[], options?: RpcOptions): Promise<T>;
  allRecords(type: string, onBatch: (records: RecordMap) => void, options?: RpcOptions): Promise<void>;
}

interface XapiEvent {
  class: string;
  operation: 'add' | 'mod' | 'del';
  ref: string;
  snapshot?: Record<string, unknown>;
}

interface EventBatch {
  events: XapiEvent[];
  valid_ref_counts?: Record<string, number>;
  token: string;
}

export interface PoolFeedOptions {
  poolId: string;
  /** The pool object's ref (`event.inject` touches it to get a token). */
  poolRef: string;
  /** Every class the pool can list (`<class>.get_all_records`); skipped ones are left out. */
  classes: readonly string[];
  mirror: ObjectMirror;
  rpc: FeedRpc;
  logger: Logger;
  /** Logs in again after SESSION_INVALID; the feed then reloads everything. */
  renewSession(): Promise<void>;
  /** How far the load has come (throttled); null once it is over. */
  onProgress(loading: PoolLoading | null): void;
  /** The first load brought the tree's first rows: the pool, its hosts, networks and storage. */
  onListed(): void;
  /** The first load is complete: the mirror holds the whole pool. */
  onComplete(): void;
  /** The feed stopped on a failure it cannot get over by itself (transport, timeout): the connection is lost. */
  onLost(error: unknown): void;
  /** event.from's own timeout, in seconds. */
  eventTimeoutS?: number;
  /** Pause after each event batch, so a busy pool's changes come in batches rather than one call each. */
  eventDebounceMs?: number;
  /** Least time between two progress reports. */
  progressIntervalMs?: number;
}

const codeOf = (error: unknown) => (error as { code?: unknown } | undefined)?.code;

/**
 * One pool's object feed, straight from XAPI into the mirror — the server's only copy of the pool: no client
 * collection in between. It takes an event token, loads every class with `get_all_records` (the pool, hosts,
 * networks and storage first, then VMs, then the rest, each answer read and applied as it arrives so the tree
 * fills in), ends the load (what it did not bring is gone), then follows `event.from` from that token. Events lost
 * or a session ended reload everything in place; anything else is a lost connection.
 */
export class PoolFeed {
  readonly #options: PoolFeedOptions;
  readonly #abort = new AbortController();
  readonly #mirrored: readonly string[];
  readonly #byLowerCase: ReadonlyMap<string, string>;

  constructor(options: PoolFeedOptions) {
    this.#options = options;
    this.#mirrored = options.classes.filter((type) => !skippedTypes.has(type));
    this.#byLowerCase = new Map(this.#mirrored.map((type) => [type.toLowerCase(), type]));
  }

  start(): void {
    void this.#run();
  }

  /** Stops loading and following; nothing it was doing reaches the mirror afterwards. */
  stop(): void {
    this.#abort.abort();
  }

  get #stopped(): boolean {
    return this.#abort.signal.aborted;
  }

  async #run(): Promise<void> {
    try {
      let first = true;
      for (;;) {
        const token = await this.#load(first);
        if (this.#stopped) return;
        if (first) this.#options.onComplete();
        first = false;
        await this.#follow(token);
        if (this.#stopped) return;
      }
    } catch (error) {
      if (!this.#stopped) this.#options.onLost(error);
    }
  }

  /** One full load; returns the event token taken before it. */
  async #load(first: boolean): Promise<string> {
    const { rpc, mirror, poolId } = this.#options;
    const signal = this.#abort.signal;
    const token = await rpc.call<string>('event.inject', ['pool', this.#options.poolRef], { signal });
    const counts = await this.#counts(token);
    if (this.#stopped) return token;
    const progress = new LoadProgress(counts, this.#mirrored, this.#options);
    mirror.beginLoad(poolId);
    const fetch = async (type: string) => {
      try {
        await rpc.allRecords(type, (records) => {
          if (this.#stopped) return;
          const upserts: IncomingRecord[] = [];
          for (const ref in records) upserts.push({ ref, type, fields: records[ref]! });
          mirror.apply(poolId, upserts);
          progress.add(type, upserts.length);
        }, { signal });
      } catch (error) {
        // A class the pool refuses to list (XAPI's answer, not a lost connection) is skipped, as xen-api does,
        // and what the mirror had of it is kept rather than taken for deleted.
        const code = codeOf(error);
        const fromXapi = Array.isArray((error as { params?: unknown }).params);
        if (this.#stopped || !fromXapi || typeof code !== 'string' || code === 'SESSION_INVALID') throw error;
        this.#options.logger.warn('the pool did not list a class', { poolId, type, code });
        mirror.keepThroughLoad(poolId, type);
      }
    };
    const available = new Set(this.#mirrored);
    await Promise.all(firstClasses.filter((type) => available.has(type)).map(fetch));
    if (this.#stopped) return token;
    if (first) this.#options.onListed();
    const rest = this.#mirrored.filter((type) => !firstClasses.includes(type) && type !== vmClass);
    await Promise.all([...(available.has(vmClass) ? [vmClass] : []), ...rest].map(fetch));
    if (this.#stopped) return token;
    mirror.endLoad(poolId);
    progress.done();
    return token;
  }

  /** How many objects of each class there are (event.from's valid_ref_counts, by lowercase class); {} if unknown. */
  async #counts(token: string): Promise<Record<string, number>> {
    try {
      const batch = await this.#options.rpc.call<EventBatch>('event.from', [this.#mirrored, token, 0.1], { signal: this.#abort.signal });
      return Object.fromEntries(Object.entries(batch.valid_ref_counts ?? {}).map(([type, count]) => [type.toLowerCase(), count]));
    } catch (error) {
      if (this.#stopped) throw error;
      // Only the progress totals depend on it: load without them.
      this.#options.logger.warn('the pool did not give its object counts', { poolId: this.#options.poolId, error: String(error) });
      return {};
    }
  }

  /** Follows event.from from `token` until stopped, or until a reload is due (returns) or the connection is lost (throws). */
  async #follow(token: string): Promise<void> {
    const { rpc, eventTimeoutS = 30, eventDebounceMs = 10 } = this.#options;
    const signal = this.#abort.signal;
    for (let from = token; !this.#stopped; ) {
      let batch: EventBatch;
      try {
        // A float for XML-RPC's sake; the HTTP request may take a little longer than XAPI's own timeout.
        const timeout = AbortSignal.timeout((eventTimeoutS + 10) * 1000);
        batch = await rpc.call<EventBatch>('event.from', [this.#mirrored, from, eventTimeoutS + 0.1], { signal: AbortSignal.any([signal, timeout]) });
      } catch (error) {
        if (this.#stopped) return;
        const code = codeOf(error);
        // XAPI forgot what happened since the token (EVENTS_LOST), or the session ended (a toolstack restart):
        // whatever the mirror holds may be stale, so everything is loaded again, in place.
        if (code === 'EVENTS_LOST' || code === 'SESSION_INVALID') {
          this.#options.logger.warn('reloading the pool after an event stream gap', { poolId: this.#options.poolId, code });
          if (code === 'SESSION_INVALID') await this.#options.renewSession();
          return;
        }
        throw error;
      }
      if (this.#stopped) return;
      from = batch.token;
      this.#applyEvents(batch.events);
      await pause(eventDebounceMs, signal);
    }
  }

  #applyEvents(events: readonly XapiEvent[]): void {
    if (events.length === 0) return;
    const upserts: IncomingRecord[] = [];
    const removals: string[] = [];
    for (const event of events) {
      const type = this.#byLowerCase.get(event.class.toLowerCase());
      if (type === undefined) continue;
      if (event.operation === 'del') removals.push(event.ref);
      else if (event.snapshot) upserts.push({ ref: event.ref, type, fields: event.snapshot });
    }
    this.#options.mirror.apply(this.#options.poolId, upserts, removals);
  }
}

/** Counts what a load brought and reports it, at most every `progressIntervalMs`. */
class LoadProgress {
  readonly #options: Pick<PoolFeedOptions, 'onProgress' | 'progressIntervalMs'>;
  readonly #state: { vms: number; vmsTotal: number | null; objects: number; objectsTotal: number | null };
  #lastReport = 0;

  constructor(counts: Readonly<Record<string, number>>, classes: readonly string[], options: Pick<PoolFeedOptions, 'onProgress' | 'progressIntervalMs'>) {
    this.#options = options;
    const known = classes.filter((type) => typeof counts[type.toLowerCase()] === 'number');
    this.#state = {
      vms: 0,
      vmsTotal: counts.vm ?? null,
      objects: 0,
      objectsTotal: known.length > 0 ? known.reduce((sum, type) => sum + counts[type.toLowerCase()]!, 0) : null,
    };
    options.onProgress({ ...this.#state });
  }

  add(type: string, count: number): void {
    this.#state.objects += count;
    if (type === vmClass) this.#state.vms += count;
    const now = Date.now();
    if (now - this.#lastReport < (this.#options.progressIntervalMs ?? 100)) return;
    this.#lastReport = now;
    this.#options.onProgress({ ...this.#state });
  }

  done(): void {
    this.#options.onProgress(null);
  }
}
