/**
 * The simulated pool's brain, shared by every host server: datamodel, store, methods, sessions, tasks, events,
 * faults and the pool topology (which host is master, host addresses). Transports call `dispatch` with it.
 */
import { setMaxListeners } from 'node:events';
import { getSchema, type Schema } from '../model/schema.js';
import { newRef, Store } from '../model/store.js';
import type { PoolSeed } from '../scenario/types.js';
import type { RecordTypeResolver, WireType } from '../wire/wire-type.js';
import { registerCoreMethods } from './core-methods.js';
import { EventService } from './event-service.js';
import { FaultInjector } from './faults.js';
import { registerImplicitMessages } from './implicit-messages.js';
import { MethodRegistry } from './method-registry.js';
import { SessionManager } from './session-manager.js';
import { TaskManager } from './task-manager.js';

export interface EngineConfig {
  /** user name → password. */
  users: Record<string, string>;
  /** Multiplies every simulated duration (0.01 = 100× faster). */
  timeScale: number;
}

/** A behaviour module: registers handlers (and allowed-operations rules) for one class. */
export type BehaviourModule = (engine: Engine) => void;

/** Computes `allowed_operations` of one object from its current record. */
export type AllowedOperationsRule = (engine: Engine, ref: string) => string[];

const GC_INTERVAL_MS = 30_000;

export class Engine {
  readonly schema: Schema;
  readonly store: Store;
  readonly registry: MethodRegistry;
  readonly sessions: SessionManager;
  readonly tasks: TaskManager;
  readonly events: EventService;
  readonly faults = new FaultInjector();
  /** Task refs whose Async handler is still running (they notice cancellation themselves). */
  readonly runningTasks = new Set<string>();
  readonly allowedOperationsRules = new Map<string, AllowedOperationsRule>();
  readonly hostAddresses = new Map<string, string>();
  masterRef: string;
  readonly recordTypes: RecordTypeResolver;
  private readonly shutdownController = (() => {
    const c = new AbortController();
    setMaxListeners(0, c.signal); // every blocked event.from and running operation listens
    return c;
  })();
  private readonly gcTimer: NodeJS.Timeout;
  private methodNameCache?: string[];

  constructor(seed: PoolSeed, readonly config: EngineConfig, modules: BehaviourModule[] = []) {
    this.schema = getSchema();
    this.store = new Store(this.schema);
    this.registry = new MethodRegistry(this.schema);
    this.sessions = new SessionManager(this.store, config.users);
    this.tasks = new TaskManager(this.store);
    this.events = new EventService(this.store, this.shutdownController.signal);
    const typeCache = new Map<string, Record<string, WireType>>();
    this.recordTypes = (cls) => {
      const real = this.schema.className(cls) ?? cls;
      let t = typeCache.get(real);
      if (!t) {
        t = {};
        if (this.schema.classes[real]) for (const f of this.schema.fields(real)) t[f.name] = f.parsed as WireType;
        typeCache.set(real, t);
      }
      return t;
    };
    registerCoreMethods(this);
    for (const m of modules) m(this);
    registerImplicitMessages(this.registry, this.schema, new Set(this.store.classes()));

    this.masterRef = seed.masterRef;
    for (const [ref, addr] of Object.entries(seed.hostAddresses)) this.hostAddresses.set(ref, addr);
    const known = new Set(this.store.classes());
    // The pool object names the seed's master (one is made when the seed has none).
    const objects = seed.objects.filter((o) => known.has(o.cls));
    const poolAt = objects.findIndex((o) => o.cls === 'pool');
    if (poolAt < 0) objects.push({ cls: 'pool', ref: newRef(), fields: { name_label: '', master: this.masterRef } });
    else objects[poolAt] = { ...objects[poolAt]!, fields: { ...objects[poolAt]!.fields, master: this.masterRef } };
    this.store.load(objects, () => {
      for (const cls of this.allowedOperationsRules.keys()) for (const ref of this.store.refs(cls)) this.refreshAllowedOperations(cls, ref);
    });

    this.gcTimer = setInterval(() => {
      this.sessions.gc();
      this.tasks.gc();
    }, GC_INTERVAL_MS);
    this.gcTimer.unref();
  }

  /** Aborted when the pool stops: blocking calls (event.from, long operations) return promptly. */
  get shutdownSignal(): AbortSignal {
    return this.shutdownController.signal;
  }

  stop(): void {
    clearInterval(this.gcTimer);
    this.shutdownController.abort();
  }

  poolRef(): string {
    return this.store.refs('pool')[0]!;
  }

  masterAddress(): string {
    return this.hostAddresses.get(this.masterRef) ?? '';
  }

  /** Recomputes `allowed_operations` of an object, when its class has a rule. */
  refreshAllowedOperations(cls: string, ref: string): void {
    const rule = this.allowedOperationsRules.get(cls);
    if (!rule || !this.store.has(cls, ref)) return;
    const ops = rule(this, ref);
    const cur = this.store.get(cls, ref).allowed_operations as string[] | undefined;
    if (!cur || cur.length !== ops.length || cur.some((o, i) => o !== ops[i])) this.store.update(cls, ref, { allowed_operations: ops });
  }

  /** `system.listMethods`: every non-removed message, plus the Async forms. */
  methodNames(): string[] {
    if (!this.methodNameCache) {
      const names: string[] = ['system.listMethods'];
      for (const def of this.registry.all()) {
        if (def.message.lifecycle === 'Removed') continue;
        names.push(def.wireName);
        if (this.schema.asyncMethods.has(def.wireName)) names.push(`Async.${def.wireName}`);
      }
      this.methodNameCache = names;
    }
    return this.methodNameCache;
  }

  /** Simulated duration in real milliseconds. */
  scaled(ms: number): number {
    return ms * this.config.timeScale;
  }
}
