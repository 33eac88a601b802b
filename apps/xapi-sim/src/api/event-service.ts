/**
 * event.from / event.inject and the legacy event.register/next/unregister queue (ocaml/xapi/xapi_event.ml).
 * Tokens are `%020d,%020d` (db generation, message generation) so that they compare lexicographically; messages
 * live in the same store here, so the second part is always 0.
 */
import { NON_EVENT_CLASSES } from '../model/schema.js';
import type { Change, Store } from '../model/store.js';
import { fail, XapiError } from '../model/xapi-error.js';
import { abortableDelay } from './abortable-delay.js';

export interface EventRecord { id: string; timestamp: string; class: string; operation: 'add' | 'mod' | 'del'; ref: string; snapshot?: Record<string, unknown> }
export interface EventBatch { events: EventRecord[]; valid_ref_counts: Record<string, number>; token: string }

/** Batching delay before answering once something changed (xapi_globs event_from_delay). */
const BATCH_DELAY_MS = 50;
/** Legacy queue size limit in bytes before EVENTS_LOST. */
export const LEGACY_QUEUE_LIMIT_BYTES = 10_000_000;
const LEGACY_BATCH_DELAY_MS = 200;
const DAY_MS = 86_400_000;

export const formatToken = (gen: number, msgGen = 0): string => `${String(gen).padStart(20, '0')},${String(msgGen).padStart(20, '0')}`;

/** Generation of a token; EVENT_FROM_TOKEN_PARSE_FAILURE [token] if unparsable. */
export function parseToken(token: string): number {
  if (token === '') return 0;
  const m = /^(\d+),(\d+)$/.exec(token) ?? /^(\d+)$/.exec(token);
  if (!m) fail('EVENT_FROM_TOKEN_PARSE_FAILURE', token);
  return Number(m[1]);
}

interface Subscription { all: boolean; classes: Set<string>; objects: Map<string, Set<string>> }

interface LegacyRegistration { classes: Set<string>; queue: EventRecord[]; bytes: number; lost: boolean; wake?: () => void }

const delay = abortableDelay;

export class EventService {
  private readonly legacy = new Map<string, LegacyRegistration>();
  private readonly lowerToClass = new Map<string, string>();

  constructor(private readonly store: Store, private readonly shutdown: AbortSignal) {
    for (const cls of store.classes()) this.lowerToClass.set(cls.toLowerCase(), cls);
    store.onChange((c) => this.onChange(c));
  }

  /** Classes that produce events. */
  private eventClasses(): string[] {
    return this.store.classes().filter((c) => !NON_EVENT_CLASSES.has(c));
  }

  private parseSubscription(classes: string[]): Subscription {
    const sub: Subscription = { all: false, classes: new Set(), objects: new Map() };
    for (const raw of classes) {
      const s = raw.trim();
      if (s === '*') { sub.all = true; continue; }
      const parts = s.split('/');
      if (s === '' || parts.length > 2 || parts.some((p) => p === '')) fail('EVENT_SUBSCRIPTION_PARSE_FAILURE', raw);
      const cls = this.lowerToClass.get(parts[0]!.toLowerCase());
      if (!cls) continue; // unknown classes match nothing, as in xapi
      if (parts.length === 2) {
        const set = sub.objects.get(cls) ?? new Set();
        set.add(parts[1]!);
        sub.objects.set(cls, set);
      } else sub.classes.add(cls);
    }
    return sub;
  }

  /** Coalesced events after generation `since`, one per object, in generation order. */
  private collect(sub: Subscription, since: number): EventRecord[] {
    const found: { gen: number; ev: EventRecord }[] = [];
    const visit = (cls: string, only?: Set<string>): void => {
      const lower = cls.toLowerCase();
      const id = (gen: number): string => (cls === 'message' ? '0' : String(gen));
      const rows = only ? [...only].map((r) => this.store.row(cls, r)).filter((r) => r !== undefined) : this.store.rows(cls);
      for (const row of rows) {
        if (row.mtime <= since) continue;
        found.push({ gen: row.mtime, ev: { id: id(row.mtime), timestamp: '0.0', class: lower, operation: row.ctime > since ? 'add' : 'mod', ref: row.ref, snapshot: row.record } });
      }
      for (const d of this.store.deletedSince(cls, since)) {
        if (d.ctime > since || (only && !only.has(d.ref))) continue; // never seen by this client
        found.push({ gen: d.gen, ev: { id: id(d.gen), timestamp: '0.0', class: lower, operation: 'del', ref: d.ref } });
      }
    };
    for (const cls of this.eventClasses()) {
      if (sub.all || sub.classes.has(cls)) visit(cls);
      else if (sub.objects.has(cls)) visit(cls, sub.objects.get(cls));
    }
    return found.sort((a, b) => a.gen - b.gen).map((x) => x.ev);
  }

  /** Counts of objects in every table, by lowercase class name. */
  validRefCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const cls of this.eventClasses()) out[cls.toLowerCase()] = this.store.count(cls);
    return out;
  }

  /** event.from: blocks until something matches or `timeoutS` elapses (invalid timeouts mean 24 h). */
  async from(classes: string[], token: string, timeoutS: number, isAlive: () => void): Promise<EventBatch> {
    const sub = this.parseSubscription(classes);
    const since = parseToken(token);
    const timeoutMs = Number.isFinite(timeoutS) && timeoutS >= 0 ? timeoutS * 1000 : DAY_MS;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      isAlive();
      const seen = this.store.generation;
      const events = this.collect(sub, since);
      const remaining = deadline - Date.now();
      if (events.length > 0 || remaining <= 0 || this.shutdown.aborted) {
        return { events, valid_ref_counts: this.validRefCounts(), token: formatToken(seen) };
      }
      // Wait for anything after what was just examined (never for "the next change": that could miss one).
      await this.store.waitForChange(seen, remaining, this.shutdown);
      // Batch: let related changes land together before answering (xapi's event_from_delay).
      if (this.collect(sub, since).length > 0) await delay(Math.min(BATCH_DELAY_MS, Math.max(0, deadline - Date.now())), this.shutdown);
    }
  }

  /** event.inject: touches the object and returns a token just before that change. */
  inject(cls: string, ref: string): string {
    const real = this.lowerToClass.get(cls.toLowerCase());
    if (!real || !this.store.has(real, ref)) fail('HANDLE_INVALID', cls, ref);
    this.store.touch(real, ref);
    return formatToken(this.store.generation - 1);
  }

  register(session: string, classes: string[]): void {
    const reg = this.legacy.get(session) ?? { classes: new Set<string>(), queue: [], bytes: 0, lost: false };
    for (const c of classes) reg.classes.add(c === '*' ? '*' : c.toLowerCase());
    this.legacy.set(session, reg);
  }

  unregister(session: string, classes: string[]): void {
    const reg = this.legacy.get(session);
    if (!reg) return;
    for (const c of classes) reg.classes.delete(c === '*' ? '*' : c.toLowerCase());
    if (reg.classes.size === 0) this.legacy.delete(session);
  }

  /** event.next: waits for queued events; SESSION_NOT_REGISTERED / EVENTS_LOST as in xapi. */
  async next(session: string, isAlive: () => void): Promise<EventRecord[]> {
    for (;;) {
      isAlive();
      const reg = this.legacy.get(session);
      if (!reg) fail('SESSION_NOT_REGISTERED', session);
      if (reg.lost) {
        reg.lost = false;
        reg.queue = [];
        reg.bytes = 0;
        throw new XapiError('EVENTS_LOST');
      }
      if (reg.queue.length > 0) {
        await delay(LEGACY_BATCH_DELAY_MS, this.shutdown);
        const out = reg.queue;
        reg.queue = [];
        reg.bytes = 0;
        return out;
      }
      if (this.shutdown.aborted) return [];
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(t);
          this.shutdown.removeEventListener('abort', done);
          resolve();
        };
        const t = setTimeout(done, 30_000);
        reg.wake = done;
        this.shutdown.addEventListener('abort', done);
      });
    }
  }

  /** Drops legacy registrations of a session that went away. */
  forget(session: string): void {
    this.legacy.delete(session);
  }

  private onChange(c: Change): void {
    if (this.legacy.size === 0 || NON_EVENT_CLASSES.has(c.cls)) return;
    const lower = c.cls.toLowerCase();
    for (const reg of this.legacy.values()) {
      if (!reg.classes.has('*') && !reg.classes.has(lower)) continue;
      const ev: EventRecord = { id: String(c.gen), timestamp: '0.0', class: lower, operation: c.op, ref: c.ref, ...(c.op === 'del' ? {} : { snapshot: c.row.record }) };
      reg.queue.push(ev);
      reg.bytes += estimateSize(ev);
      while (reg.bytes > LEGACY_QUEUE_LIMIT_BYTES && reg.queue.length > 0) {
        reg.bytes -= estimateSize(reg.queue.shift()!);
        reg.lost = true;
      }
      reg.wake?.();
    }
  }
}

function estimateSize(ev: EventRecord): number {
  return 200 + (ev.snapshot ? JSON.stringify(ev.snapshot).length : 0);
}
