import type { ObjectMirror } from '../cache/object-mirror.js';
import type { EventBus } from '../events/event-bus.js';
import type { Logger } from '../logging/logger.js';
import { XenithErrorCode } from '../../shared/api/errors.js';
import { ApiFailure } from '../api/failure.js';
import { statsResolutions, type ObjectSeries, type StatsOverview, type StatsResolution } from '../../shared/api/stats-schema.js';
import { HostPoller, type HostAccess } from './host-poller.js';
import type { RrdUpdates } from './rrd-updates-parse.js';
import { SeriesArchive } from './series-archive.js';
import { buildOverview } from './stats-overview.js';
import { maxWatchesPerClient, StatsWatches, type StatsWatch } from './stats-watches.js';

export interface StatsCacheDeps {
  readonly mirror: ObjectMirror;
  readonly bus: EventBus;
  readonly logger: Logger;
  /** How to reach a pool's host (its client and address), or null while the pool is not connected. */
  readonly hostAccess: (poolId: string, hostRef: string) => HostAccess;
  /** How long a query waits for the first answer of a host it needs (default 10 s). */
  readonly firstPollTimeoutMs?: number;
}

export interface StatsQuery {
  readonly objectIds: readonly string[];
  readonly resolution: StatsResolution;
  readonly from?: number | undefined;
  readonly to?: number | undefined;
  readonly sources?: readonly string[] | undefined;
  readonly watchId?: string | undefined;
}

const pollerKey = (hostRef: string, resolution: StatsResolution) => `${resolution}|${hostRef}`;
const archiveKey = (objectId: string, resolution: StatsResolution) => `${resolution}|${objectId}`;

/**
 * The one stats cache of the server: one `rrd_updates` poller per host and resolution, running only while some
 * client watches that host or a VM on it, whatever the number of graphs and clients; values kept per object and
 * resolution in Float32 rings (SeriesArchive). Queries read the cache; watchers get only the new points.
 */
export class StatsCache {
  readonly #deps: StatsCacheDeps;
  readonly #watches = new StatsWatches();
  readonly #pollers = new Map<string, { poller: HostPoller; poolId: string; hostRef: string; resolution: StatsResolution }>();
  readonly #archives = new Map<string, SeriesArchive>();
  /** uuid → mirror id of each pool's hosts and VMs, rebuilt when a legend names a uuid it does not know. */
  readonly #uuids = new Map<string, Map<string, string>>();
  readonly #stopMirror: () => void;
  #reconcileQueued = false;
  #queries = 0;

  constructor(deps: StatsCacheDeps) {
    this.#deps = deps;
    // A watched VM that starts, stops or moves changes which hosts must be polled.
    this.#stopMirror = deps.mirror.onChanges((changes) => {
      for (const change of changes) {
        const id = change.kind === 'remove' ? change.id : change.object.$id;
        if (this.#watches.watchesObject(id)) return this.#queueReconcile();
      }
    });
  }

  /** Metrics from the cache (waiting for the first answer of hosts not polled yet); with watchId, keeps watching. */
  async query(clientId: string, input: StatsQuery): Promise<ObjectSeries[]> {
    const transient = input.watchId === undefined;
    const watch: StatsWatch = {
      clientId, watchId: input.watchId ?? `#query-${++this.#queries}`, transient,
      resolution: input.resolution, objectIds: new Set(input.objectIds), sources: input.sources,
    };
    this.#add(watch);
    try {
      await this.#firstPolls(watch);
      return input.objectIds.map((objectId) => this.#read(objectId, input.resolution, input.from ?? Number.NEGATIVE_INFINITY, input.to ?? Number.POSITIVE_INFINITY, input.sources));
    } finally {
      if (transient) {
        this.#watches.remove(clientId, watch.watchId);
        this.#queueReconcile();
      }
    }
  }

  /** The overview of every connected pool from the 5 s archives; with `watch`, the client's hosts stay polled. */
  async overview(clientId: string, { limit, watch }: { limit: number; watch: boolean }): Promise<StatsOverview> {
    const hosts = [...this.#deps.mirror.ofType('host')].map((host) => host.$id);
    const entry: StatsWatch = { clientId, watchId: '#overview', transient: !watch, silent: true, resolution: '5s', objectIds: new Set(hosts) };
    this.#add(entry);
    try {
      await this.#firstPolls(entry);
      const latest = (id: string) => this.#archives.get(archiveKey(id, '5s'))?.latest() ?? new Map<string, number>();
      const vms = [...this.#deps.mirror.ofType('VM')].filter((vm) => vm.power_state === 'Running' && !vm.is_control_domain).map((vm) => ({ id: vm.$id, values: latest(vm.$id) }));
      return buildOverview(hosts.map((id) => ({ id, values: latest(id) })), vms, limit);
    } finally {
      if (!watch) {
        this.#watches.remove(clientId, entry.watchId);
        this.#queueReconcile();
      }
    }
  }

  #add(watch: StatsWatch): void {
    if (!this.#watches.set(watch)) {
      throw new ApiFailure(XenithErrorCode.tooManyRequests, `A client may watch at most ${maxWatchesPerClient} sets of graphs at once.`, { params: [String(maxWatchesPerClient)] });
    }
  }

  /** Starts what a watch needs and waits (a bounded time) for the first answer of each of its hosts. */
  async #firstPolls(watch: StatsWatch): Promise<void> {
    const hosts = this.#hostsOf(watch);
    const pollers = this.#reconcile().filter((entry) => entry.resolution === watch.resolution && hosts.has(entry.hostRef));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.#deps.firstPollTimeoutMs ?? 10_000)));
    await Promise.race([Promise.all(pollers.map((entry) => entry.poller.firstPoll)), timeout]);
    clearTimeout(timer);
  }

  unwatch(clientId: string, watchId: string): boolean {
    const removed = this.#watches.remove(clientId, watchId);
    if (removed) this.#reconcile();
    return removed;
  }

  clientClosed(clientId: string): void {
    if (this.#watches.removeClient(clientId)) this.#reconcile();
  }

  /** What is polled and held, for tests and the benchmark. */
  get usage(): { pollers: number; series: number; bytes: number } {
    let series = 0;
    let bytes = 0;
    for (const archive of this.#archives.values()) {
      series += archive.sourceNames.length;
      bytes += archive.bytes;
    }
    return { pollers: [...this.#pollers.values()].filter((entry) => entry.poller.running).length, series, bytes };
  }

  close(): void {
    this.#stopMirror();
    for (const { poller } of this.#pollers.values()) poller.stop();
    this.#pollers.clear();
  }

  #read(objectId: string, resolution: StatsResolution, from: number, to: number, sources?: readonly string[]): ObjectSeries {
    const { step } = statsResolutions[resolution];
    const read = this.#archives.get(archiveKey(objectId, resolution))?.read(from, to, sources);
    return { objectId, step, start: read?.start ?? 0, sources: read?.sources ?? [] };
  }

  /** The hosts whose rrd_updates hold a watch's objects: hosts themselves, and the host each running VM is on. */
  #hostsOf(watch: StatsWatch): Map<string, string> {
    const hosts = new Map<string, string>();
    for (const id of watch.objectIds) {
      const object = this.#deps.mirror.object(id);
      if (object?.$type === 'host') hosts.set(id, object.$pool);
      else if (object?.$type === 'VM' && (object.power_state === 'Running' || object.power_state === 'Paused') && typeof object.resident_on === 'string') {
        if (this.#deps.mirror.get(object.resident_on, 'host')) hosts.set(object.resident_on, object.$pool);
      }
    }
    return hosts;
  }

  #queueReconcile(): void {
    if (this.#reconcileQueued) return;
    this.#reconcileQueued = true;
    queueMicrotask(() => {
      this.#reconcileQueued = false;
      this.#reconcile();
    });
  }

  /** Starts the pollers some watch needs and stops the others; returns the running ones. */
  #reconcile(): { poller: HostPoller; hostRef: string; resolution: StatsResolution }[] {
    const needed = new Map<string, { poolId: string; hostRef: string; resolution: StatsResolution }>();
    for (const watch of this.#watches.all()) {
      for (const [hostRef, poolId] of this.#hostsOf(watch)) needed.set(pollerKey(hostRef, watch.resolution), { poolId, hostRef, resolution: watch.resolution });
    }
    for (const [key, entry] of this.#pollers) {
      if (needed.has(key)) continue;
      entry.poller.stop();
      this.#pollers.delete(key);
    }
    const running = [];
    for (const [key, want] of needed) {
      let entry = this.#pollers.get(key);
      if (!entry || entry.poolId !== want.poolId) {
        entry?.poller.stop();
        const poller = new HostPoller({
          resolution: want.resolution,
          access: this.#deps.hostAccess(want.poolId, want.hostRef),
          onUpdates: (updates) => this.#store(want.poolId, want.resolution, updates),
          // Once per streak: a pool that stays down must not fill the log every few seconds.
          onError: (error, failures) => {
            if (failures === 1) this.#deps.logger.warn('stats: rrd_updates failed (retrying)', { poolId: want.poolId, host: want.hostRef, resolution: want.resolution, error: String(error) });
          },
        });
        entry = { poller, ...want };
        this.#pollers.set(key, entry);
      }
      entry.poller.start();
      running.push(entry);
    }
    this.#evict();
    return running;
  }

  /**
   * Forgets the points of objects nobody watches whose host is no longer polled at that resolution (a VM seen
   * only because its host was polled for another object, or the overview), so memory follows what is watched.
   */
  #evict(): void {
    for (const key of this.#archives.keys()) {
      const [resolution, objectId] = key.split('|') as [StatsResolution, string];
      if (this.#watches.watchesObject(objectId)) continue;
      const object = this.#deps.mirror.object(objectId);
      const host = object?.$type === 'host' ? objectId : object?.$type === 'VM' && typeof object.resident_on === 'string' ? object.resident_on : '';
      if (!this.#pollers.has(pollerKey(host, resolution))) this.#archives.delete(key);
    }
  }

  #objectIdOf(poolId: string, uuid: string): string | undefined {
    let map = this.#uuids.get(poolId);
    if (!map?.has(uuid)) {
      map = new Map();
      for (const object of this.#deps.mirror.objects(poolId)) {
        if ((object.$type === 'VM' || object.$type === 'host') && typeof object.uuid === 'string') map.set(object.uuid, object.$id);
      }
      this.#uuids.set(poolId, map);
    }
    return map.get(uuid);
  }

  /** Stores one answer's new rows and sends each watcher the new points of the objects it watches. */
  #store(poolId: string, resolution: StatsResolution, updates: RrdUpdates): void {
    const { rows } = statsResolutions[resolution];
    const firstNew = new Map<string, number>();
    /** Each object's newest row before this answer (several columns belong to one object). */
    const before = new Map<string, number>();
    updates.columns.forEach((column, c) => {
      if (column.kind !== 'vm' && column.kind !== 'host') return;
      const objectId = this.#objectIdOf(poolId, column.uuid);
      if (!objectId) return;
      const key = archiveKey(objectId, resolution);
      let archive = this.#archives.get(key);
      if (!archive) {
        archive = new SeriesArchive(updates.step, rows);
        this.#archives.set(key, archive);
      }
      const values = updates.values[c]!;
      if (!before.has(objectId)) before.set(objectId, archive.newest);
      const known = before.get(objectId)!;
      updates.times.forEach((t, i) => {
        if (t <= known) return;
        archive.advanceTo(t);
        archive.set(t, column.name, values[i]!);
        if (!firstNew.has(objectId)) firstNew.set(objectId, t);
      });
    });
    if (firstNew.size === 0) return;
    for (const watch of this.#watches.all()) {
      if (watch.resolution !== resolution || watch.transient || watch.silent) continue;
      const series = [...watch.objectIds]
        .filter((id) => firstNew.has(id))
        .map((id) => this.#read(id, resolution, firstNew.get(id)!, Number.POSITIVE_INFINITY, watch.sources));
      if (series.length > 0) this.#deps.bus.emitTo(watch.clientId, 'stats.changed', { watchId: watch.watchId, series });
    }
  }
}
