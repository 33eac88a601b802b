/**
 * `/console` on a host (ocaml/xapi/console.ml): `CONNECT /console?uuid=|ref=` answers `HTTP/1.1 200 OK` and then
 * carries raw RFB (or the text stream of a vt100 console); `GET /console` with `Upgrade: websocket` carries the
 * same bytes in binary WebSocket frames (subprotocol `binary`, as xo-server asks). The VM must be Running on the
 * host that received the request — no redirect — else 404, like a missing console. Auth: session_id query or
 * cookie, or Basic.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, WebSocketServer } from 'ws';
import type { Engine } from '../../api/engine.js';
import { XapiError } from '../../model/xapi-error.js';
import { ConsoleHub } from '../../rfb/console-hub.js';
import { authenticate, queryOf } from '../http-context.js';

export interface SocketRouteContext { engine: Engine; hostRef: string }

/** A handler for requests that take over the socket (CONNECT, Upgrade). */
export type SocketHandler = (req: IncomingMessage, socket: Duplex, head: Buffer, ctx: SocketRouteContext) => void;

interface ConsoleTarget { consoleRef: string; vmRef: string; protocol: string }

/** The console a request names: `uuid=` (console), or `ref=` (console ref, or VM ref meaning its rfb console). */
export function resolveConsole(engine: Engine, q: URLSearchParams): ConsoleTarget | undefined {
  const { store } = engine;
  let consoleRef: string | undefined;
  const uuid = q.get('uuid');
  const ref = q.get('ref');
  if (uuid) consoleRef = store.refByUuid('console', uuid);
  else if (ref && store.classOf(ref) === 'console') consoleRef = ref;
  else if (ref && store.classOf(ref) === 'VM') {
    consoleRef = (store.get('VM', ref).consoles as string[]).find((c) => store.row('console', c)?.record.protocol === 'rfb');
  }
  if (!consoleRef || !store.has('console', consoleRef)) return undefined;
  const rec = store.get('console', consoleRef);
  return { consoleRef, vmRef: String(rec.VM), protocol: String(rec.protocol) };
}

function reject(socket: Duplex, status: number, reason: string, detail: string): void {
  const body = `<html><body><h1>HTTP ${status} ${reason}</h1>${detail.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</body></html>`;
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Type: text/html\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
}

/** Checks auth and placement; answers the failure itself and returns undefined, or the target. */
function admit(req: IncomingMessage, socket: Duplex, ctx: SocketRouteContext): ConsoleTarget | undefined {
  const { engine, hostRef } = ctx;
  try {
    authenticate(engine, req, hostRef).release();
  } catch (e) {
    reject(socket, 401, 'Unauthorized', e instanceof XapiError ? e.description.join(' ') : String(e));
    return undefined;
  }
  const target = resolveConsole(engine, queryOf(req));
  if (!target) {
    reject(socket, 404, 'Not Found', 'no such console');
    return undefined;
  }
  if (!ConsoleHub.isRunningOn(engine, target.vmRef, hostRef)) {
    reject(socket, 404, 'Not Found', 'the VM of this console is not running on this host');
    return undefined;
  }
  // pool.limit_console_sessions: one viewer per VM; the next one is turned away.
  if (engine.store.get('pool', engine.poolRef()).limit_console_sessions === true && (ConsoleHub.of(engine).peek(target.vmRef)?.viewerCount ?? 0) > 0) {
    reject(socket, 503, 'Service Unavailable', 'Connection Limit Exceeded');
    return undefined;
  }
  return target;
}

function attach(ctx: SocketRouteContext, target: ConsoleTarget, stream: Duplex): void {
  const session = ConsoleHub.of(ctx.engine).session(target.vmRef);
  if (target.protocol === 'vt100') session.attachText(stream);
  else session.attachRfb(stream);
}

/** `CONNECT /console?…`: 200 then raw console bytes. */
export const handleConsoleConnect: SocketHandler = (req, socket, head, ctx) => {
  const target = admit(req, socket, ctx);
  if (!target) return;
  socket.write('HTTP/1.1 200 OK\r\n\r\n');
  if (head.length > 0) socket.unshift(head);
  attach(ctx, target, socket);
};

const wss = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (protocols) => (protocols.has('binary') ? 'binary' : false),
});

/** `GET /console?…` with `Upgrade: websocket`: the same bytes in binary frames. */
export const handleConsoleUpgrade: SocketHandler = (req, socket, head, ctx) => {
  if (String(req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return reject(socket, 400, 'Bad Request', 'only WebSocket upgrades');
  const target = admit(req, socket, ctx);
  if (!target) return;
  wss.handleUpgrade(req, socket, head, (ws) => {
    const stream = createWebSocketStream(ws);
    stream.on('error', () => stream.destroy());
    attach(ctx, target, stream);
  });
};

/** Socket-taking routes by path, for the host server's `connect` and `upgrade` events. */
export const CONSOLE_CONNECT_ROUTES: ReadonlyMap<string, SocketHandler> = new Map([['/console', handleConsoleConnect]]);
export const CONSOLE_UPGRADE_ROUTES: ReadonlyMap<string, SocketHandler> = new Map([['/console', handleConsoleUpgrade]]);
