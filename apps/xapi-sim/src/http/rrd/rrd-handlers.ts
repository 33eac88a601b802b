/**
 * Metrics over HTTP on each host (rrdd_proxy.ml, rrdd_http_handler.ml): `GET /rrd_updates` (XML or JSON),
 * `GET /host_rrd` and `GET /vm_rrd?uuid=` (rrdtool dump XML; vm_rrd 302-redirects to the VM's resident host).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Engine } from '../../api/engine.js';
import { XapiError } from '../../model/xapi-error.js';
import { hostMetrics, vmMetrics } from '../../rrd/data-sources.js';
import { rrdDumpXml } from '../../rrd/rrd-dump.js';
import { computeRrdUpdates, xportJson, xportXml } from '../../rrd/rrd-updates.js';
import { countRrdUpdatesRequest } from '../../rrd/rrd-request-log.js';
import { CONSOLIDATION_FNS, type ConsolidationFn } from '../../rrd/rra-layout.js';
import { authenticate, queryOf } from '../http-context.js';

type Ctx = { engine: Engine; hostRef: string };
export type RrdHandler = (req: IncomingMessage, res: ServerResponse, ctx: Ctx) => void;

function send(res: ServerResponse, status: number, contentType: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), 'Access-Control-Allow-Origin': '*', ...extra });
  res.end(body);
}

/** Authenticates; on failure answers 401 and returns false. */
function admitted(req: IncomingMessage, res: ServerResponse, ctx: Ctx): boolean {
  try {
    authenticate(ctx.engine, req, ctx.hostRef).release();
    return true;
  } catch (e) {
    send(res, 401, 'text/plain', e instanceof XapiError ? e.description.join(' ') : 'Unauthorized');
    return false;
  }
}

/** JSON when `json=true` (or present without value) or when the client accepts JSON (`*\/*` included, xapi ≥ 23.17). */
function wantsJson(req: IncomingMessage, q: URLSearchParams): boolean {
  if (q.has('json')) return q.get('json') !== 'false';
  const accept = String(req.headers.accept ?? '');
  return /application\/json|\*\/\*/.test(accept);
}

export const handleRrdUpdates: RrdHandler = (req, res, ctx) => {
  if (!admitted(req, res, ctx)) return;
  const q = queryOf(req);
  const start = Number(q.get('start'));
  if (!q.has('start') || !Number.isFinite(start)) return send(res, 400, 'text/plain', 'rrd_updates: start is required');
  const cfIn = (q.get('cf') ?? 'AVERAGE').toUpperCase();
  if (!CONSOLIDATION_FNS.includes(cfIn as ConsolidationFn)) return send(res, 400, 'text/plain', `rrd_updates: unknown cf ${cfIn}`);
  const x = computeRrdUpdates(ctx.engine, ctx.hostRef, {
    start, cf: cfIn as ConsolidationFn, interval: Number(q.get('interval') ?? 0) || 0,
    host: q.get('host') === 'true', vmUuids: q.getAll('vm_uuid'),
  });
  countRrdUpdatesRequest(ctx.engine, ctx.hostRef, x.step);
  if (wantsJson(req, q)) send(res, 200, 'application/json', xportJson(x));
  else send(res, 200, 'text/xml', xportXml(x));
};

export const handleHostRrd: RrdHandler = (req, res, ctx) => {
  if (!admitted(req, res, ctx)) return;
  send(res, 200, 'text/xml', rrdDumpXml(hostMetrics(ctx.engine, ctx.hostRef)));
};

export const handleVmRrd: RrdHandler = (req, res, ctx) => {
  if (!admitted(req, res, ctx)) return;
  const { engine, hostRef } = ctx;
  const uuid = queryOf(req).get('uuid') ?? '';
  const vmRef = engine.store.refByUuid('VM', uuid);
  if (!vmRef) return send(res, 404, 'text/plain', `no VM with uuid ${uuid}`);
  const vm = engine.store.get('VM', vmRef);
  const running = vm.power_state === 'Running' || vm.power_state === 'Paused';
  // A running VM's RRD lives on its resident host; a stopped VM's archive on the master.
  const owner = running ? String(vm.resident_on) : engine.masterRef;
  if (owner !== hostRef) {
    const address = engine.hostAddresses.get(owner) ?? '';
    const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
    const port = req.socket.localPort;
    return send(res, 302, 'text/plain', '', { Location: `${scheme}://${address}${port && port !== (scheme === 'https' ? 443 : 80) ? `:${port}` : ''}${req.url ?? ''}` });
  }
  send(res, 200, 'text/xml', rrdDumpXml(vmMetrics(engine, vmRef)));
};

/** Routes by path prefix for the host server (aliases as xapi registers them). */
export const RRD_ROUTES: ReadonlyMap<string, RrdHandler> = new Map([
  ['/rrd_updates', handleRrdUpdates],
  ['/host_rrds', handleHostRrd],
  ['/host_rrd', handleHostRrd],
  ['/vm_rrds', handleVmRrd],
  ['/vm_rrd', handleVmRrd],
]);
