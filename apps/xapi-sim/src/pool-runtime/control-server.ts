/**
 * The control port (loopback HTTP + JSON, for tests and the demo only — not part of XAPI). Endpoints are listed
 * in CONTROL_ENDPOINTS and documented in the simulator README section.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { coerceParam } from '../api/coerce.js';
import { createAlert } from '../behaviour/message-alerts.js';
import { toXapiError } from '../api/dispatcher.js';
import { XapiError } from '../model/xapi-error.js';
import type { ChangeStream } from './change-stream.js';
import { dumpDatabase } from './db-dump-json.js';
import { ConsoleHub } from '../rfb/console-hub.js';
import type { PoolRuntime } from './pool-runtime.js';
import { rrdControlRoutes } from '../rrd/rrd-control-routes.js';
import { rrdUpdatesRequests } from '../rrd/rrd-request-log.js';
import { updatesControlRoutes } from '../updates/updates-control-routes.js';
import { hostRebootFaultRoutes, rebootFaultsFor } from '../behaviour/host-reboot-faults.js';
import { vmControlRoutes } from '../behaviour/vm-control-routes.js';
import { hostFaultsFor } from '../behaviour/host-faults.js';
import { storageNetworkControlRoutes } from '../behaviour/storage-network-control-routes.js';
import { transferFaultsFor } from '../api/transfer-faults.js';
import { transferFaultRoutes } from './transfer-fault-routes.js';

type Json = Record<string, unknown>;
type Route = (params: string[], body: Json) => unknown;

export class ControlServer {
  private server?: Server;
  private readonly routes: [method: string, pattern: RegExp, route: Route][];

  constructor(private readonly runtime: PoolRuntime, private readonly stream: ChangeStream) {
    const engine = runtime.engine;
    const hostRef = (id: string): string => {
      for (const h of runtime.hosts.values()) if (h.ref === id || h.address === id) return h.ref;
      const byUuid = engine.store.refByUuid('host', id);
      if (byUuid && runtime.hosts.has(byUuid)) return byUuid;
      throw new XapiError('HANDLE_INVALID', ['host', id]);
    };
    const objRef = (cls: string, id: string): string => (engine.store.has(cls, id) ? id : engine.store.refByUuid(cls, id) ?? id);
    const callVm = async (method: string, args: unknown[]): Promise<unknown> => {
      const def = engine.registry.lookup(method);
      if (!def?.handler) throw new XapiError('NOT_IMPLEMENTED', [method]);
      return def.handler({ engine, hostRef: engine.masterRef, method, sessionRef: '', fromControlPort: true }, args);
    };
    this.routes = [
      ['GET', /^\/status$/, () => this.status()],
      ['GET', /^\/db$/, () => dumpDatabase(engine)],
      ['POST', /^\/hosts\/([^/]+)\/kill$/, async ([id]) => { await runtime.killHost(hostRef(id!)); return this.status(); }],
      ['POST', /^\/hosts\/([^/]+)\/restart$/, async ([id]) => { await runtime.restartHost(hostRef(id!)); return this.status(); }],
      ['POST', /^\/hosts\/([^/]+)\/promote$/, ([id]) => { runtime.designateNewMaster(hostRef(id!)); return this.status(); }],
      ['POST', /^\/connections\/drop$/, (_p, b) => { runtime.dropConnections(b.host ? hostRef(String(b.host)) : undefined); return {}; }],
      ['POST', /^\/faults\/latency$/, (_p, b) => {
        const ms = Number(b.ms ?? 0);
        if (ms > 0) engine.faults.latencyMs.set(String(b.method), ms);
        else engine.faults.latencyMs.delete(String(b.method));
        return {};
      }],
      ['POST', /^\/faults\/duration$/, (_p, b) => {
        const ms = Number(b.ms ?? 0);
        if (ms > 0) engine.faults.durationMs.set(String(b.method), ms);
        else engine.faults.durationMs.delete(String(b.method));
        return {};
      }],
      ['POST', /^\/faults\/error$/, (_p, b) => {
        if (!b.code) engine.faults.errors.delete(String(b.method));
        else engine.faults.errors.set(String(b.method), { code: String(b.code), params: ((b.params ?? []) as unknown[]).map(String), probability: Number(b.probability ?? 1) });
        return {};
      }],
      ['POST', /^\/faults\/fail-next$/, (_p, b) => {
        engine.faults.addFailNext(String(b.method), String(b.code), ((b.params ?? []) as unknown[]).map(String));
        return {};
      }],
      // What a VM's console shows, as text (tests compare it with what a viewer renders): [] when nobody opened it.
      ['GET', /^\/consoles\/([^/]+)\/text$/, ([id]) => ({ lines: ConsoleHub.of(engine).peek(objRef('VM', id!))?.text.lines() ?? [] })],
      ['POST', /^\/sessions\/invalidate$/, () => {
        // What a toolstack restart or a session GC does to clients: every session ref becomes SESSION_INVALID.
        const refs = [...engine.store.rows('session')].map((row) => row.ref);
        for (const ref of refs) engine.sessions.destroy(ref);
        return { invalidated: refs.length };
      }],
      ['POST', /^\/faults\/clear$/, () => { engine.faults.clear(); transferFaultsFor(engine).clear(); rebootFaultsFor(engine).clear(); hostFaultsFor(engine).clear(); return {}; }],
      ['POST', /^\/changes\/stream$/, (_p, b) => { stream.start(Number(b.perSecond ?? 0)); return { perSecond: stream.ratePerSecond }; }],
      ['POST', /^\/vms\/([^/]+)\/start$/, async ([id], b) => {
        const vm = objRef('VM', id!);
        await (b.host ? callVm('VM.start_on', [vm, hostRef(String(b.host)), false, false]) : callVm('VM.start', [vm, false, false]));
        return engine.store.get('VM', vm);
      }],
      ['POST', /^\/vms\/([^/]+)\/stop$/, async ([id], b) => {
        const vm = objRef('VM', id!);
        await callVm(b.hard === false ? 'VM.clean_shutdown' : 'VM.hard_shutdown', [vm]);
        return engine.store.get('VM', vm);
      }],
      ['POST', /^\/objects\/([^/]+)\/([^/]+)$/, ([clsIn, id], b) => {
        const cls = engine.schema.className(clsIn!) ?? clsIn!;
        const ref = objRef(cls, id!);
        const patch: Json = {};
        for (const [k, v] of Object.entries(b)) {
          const f = engine.schema.field(cls, k);
          if (!f) throw new XapiError('FIELD_TYPE_ERROR', [k]);
          patch[k] = coerceParam(engine.schema, v, f.parsed, k);
        }
        engine.store.update(cls, ref, patch);
        return engine.store.get(cls, ref);
      }],
      ['POST', /^\/alerts$/, (_p, b) => {
        const ref = createAlert(engine, {
          name: String(b.name), cls: String(b.cls ?? 'Pool'), body: String(b.body ?? ''),
          objUuid: String(b.obj_uuid ?? engine.store.get('pool', engine.poolRef()).uuid),
          ...(b.priority !== undefined ? { priority: Number(b.priority) } : {}),
        });
        return { ref };
      }],
      ['POST', /^\/time-scale$/, (_p, b) => { engine.config.timeScale = Number(b.value); return { timeScale: engine.config.timeScale }; }],
      ...rrdControlRoutes(engine),
      ...updatesControlRoutes(engine),
      ...hostRebootFaultRoutes(engine),
      ...vmControlRoutes(engine),
      ...transferFaultRoutes(engine),
      ...storageNetworkControlRoutes(engine),
    ];
  }

  status(): Json {
    const e = this.runtime.engine;
    return {
      masterRef: e.masterRef,
      generation: e.store.generation,
      port: this.runtime.port,
      timeScale: e.config.timeScale,
      changesPerSecond: this.stream.ratePerSecond,
      sessions: this.sessionCounts(),
      rrdUpdates: rrdUpdatesRequests(e),
      hosts: [...this.runtime.hosts.values()].map((h) => ({
        ref: h.ref, address: h.address, url: h.server.url, fingerprint: h.fingerprint, listening: h.server.listening, master: h.ref === e.masterRef,
      })),
    };
  }

  /** Live sessions, in all and by the originator given at login ('' for none): tests check clients log out. */
  private sessionCounts(): { live: number; byOriginator: Record<string, number> } {
    const byOriginator: Record<string, number> = {};
    let live = 0;
    for (const row of this.runtime.engine.store.rows('session')) {
      const originator = String(row.record.originator ?? '');
      byOriginator[originator] = (byOriginator[originator] ?? 0) + 1;
      live++;
    }
    return { live, byOriginator };
  }

  get url(): string {
    const a = this.server?.address();
    return a && typeof a === 'object' ? `http://127.0.0.1:${a.port}` : '';
  }

  async start(port = 0): Promise<void> {
    const server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent((req.url ?? '/').split('?')[0] ?? '/');
    const reply = (status: number, body: unknown): void => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
      res.end(text);
    };
    try {
      const chunks: Buffer[] = [];
      for await (const c of req) chunks.push(c as Buffer);
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = (raw.trim() ? JSON.parse(raw) : {}) as Json;
      for (const [method, pattern, route] of this.routes) {
        const m = pattern.exec(path);
        if (m && req.method === method) return reply(200, await route(m.slice(1), body));
      }
      reply(404, { error: ['NOT_FOUND', `${req.method} ${path}`] });
    } catch (e) {
      reply(e instanceof SyntaxError ? 400 : 500, { error: toXapiError(e).description });
    }
  }
}
