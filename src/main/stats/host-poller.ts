import type { Xapi } from 'xen-api';
import { normalizeDatetime } from '../cache/normalize-record.js';
import { getHostText } from '../pools/host-resource.js';
import type { ServerEndpoint } from '../pools/server-address.js';
import { statsResolutions, type StatsResolution } from '../../shared/api/stats-schema.js';
import { parseRrdUpdates, type RrdUpdates } from './rrd-updates-parse.js';

/** How to reach one host now: the pool's client and the host's address (null while the pool is not connected). */
/** How to reach a host now (null: its pool is not connected); `ready` settles once its certificate can be checked. */
export type HostAccess = () => { client: Xapi; endpoint: ServerEndpoint; hostRef: string; ready?: Promise<void> } | null;

export interface HostPollerOptions {
  readonly resolution: StatsResolution;
  readonly access: HostAccess;
  /** Receives every answer (parsed), in order. */
  readonly onUpdates: (updates: RrdUpdates) => void;
  /** Every failed poll, with how many failed in a row (1: the first of a streak). */
  readonly onError: (error: unknown, failuresInARow: number) => void;
}

/** Seconds after a row's time before asking for it: xcp-rrdd writes the row a moment after its step ends. */
const rowLagS = 1.5;

/**
 * Polls one host's `rrd_updates` at one resolution: the whole archive first (from `host.get_servertime`, so the
 * host's clock decides, as xo-server does), then from the newest row it has, once per step, shortly after each new
 * row is due. One poller per host and resolution serves every graph of every client.
 */
export class HostPoller {
  readonly #options: HostPollerOptions;
  readonly #step: number;
  readonly #window: number;
  /** Host clock minus ours (s), learnt from host.get_servertime. */
  #offset: number | null = null;
  /** Time of the newest row received. */
  #newest = Number.NEGATIVE_INFINITY;
  #timer: NodeJS.Timeout | null = null;
  #running = false;
  #inFlight: Promise<void> | null = null;
  #failures = 0;
  #firstDone: Promise<void>;
  #resolveFirst!: () => void;

  constructor(options: HostPollerOptions) {
    this.#options = options;
    this.#step = statsResolutions[options.resolution].step;
    this.#window = this.#step * statsResolutions[options.resolution].rows;
    this.#firstDone = new Promise((resolve) => (this.#resolveFirst = resolve));
  }

  get running(): boolean {
    return this.#running;
  }

  /** Settles once the first poll since start answered or failed. */
  get firstPoll(): Promise<void> {
    return this.#firstDone;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#firstDone = new Promise((resolve) => (this.#resolveFirst = resolve));
    void this.#poll();
  }

  stop(): void {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #poll(): Promise<void> {
    this.#timer = null;
    if (!this.#running || this.#inFlight) return;
    let ok = false;
    this.#inFlight = this.#fetch().then(
      () => {
        ok = true;
        this.#failures = 0;
      },
      (error: unknown) => this.#options.onError(error, ++this.#failures),
    );
    await this.#inFlight;
    this.#inFlight = null;
    this.#resolveFirst();
    if (this.#running) this.#schedule(ok);
  }

  async #fetch(): Promise<void> {
    const access = this.#options.access();
    if (!access) throw new Error('The pool is not connected.');
    // Right after a connect, members are still being pinned; asking one before would be refused as untrusted.
    if (access.ready) await access.ready;
    if (this.#offset === null) {
      const serverTime = Date.parse(normalizeDatetime(await access.client.call('host.get_servertime', access.hostRef)));
      this.#offset = Number.isFinite(serverTime) ? (serverTime - Date.now()) / 1000 : 0;
    }
    const hostNow = Date.now() / 1000 + this.#offset;
    // Two rows short of the whole archive: the host's clock is known to a second, and asking past the archive's
    // reach makes rrd_updates answer from a coarser one.
    const start = Math.max(this.#newest, hostNow - this.#window + 2 * this.#step);
    const text = await getHostText(access.client, access.endpoint, '/rrd_updates', {
      json: 'true',
      host: 'true',
      cf: 'AVERAGE',
      interval: String(this.#step),
      start: String(Math.floor(start)),
    });
    const updates = parseRrdUpdates(text);
    // The host chose another archive (it reaches back less than asked): not this poller's resolution.
    if (updates.step !== this.#step) throw new Error(`rrd_updates answered with ${updates.step} s rows for ${this.#step} s`);
    const newest = updates.times.at(-1);
    if (newest !== undefined) this.#newest = Math.max(this.#newest, newest);
    this.#options.onUpdates(updates);
  }

  /** Next poll when the next row is due on the host's clock; after a failure, a step later (5–60 s). */
  #schedule(ok: boolean): void {
    const hostNow = Date.now() / 1000 + (this.#offset ?? 0);
    const delayS = ok ? (Math.floor(hostNow / this.#step) + 1) * this.#step + rowLagS - hostNow : Math.min(60, Math.max(5, this.#step));
    this.#timer = setTimeout(() => void this.#poll(), Math.max(100, delayS * 1000));
    this.#timer.unref();
  }
}
