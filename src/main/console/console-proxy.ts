import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer, createWebSocketStream, type WebSocket } from 'ws';
import { consoleCloseCodes, type ConsoleCloseReason } from '../../shared/api/console-close.js';
import type { ObjectMirror } from '../cache/object-mirror.js';
import type { Logger } from '../logging/logger.js';
import { Heartbeat } from '../transport/heartbeat.js';
import type { PinStore } from '../trust/pin-store.js';
import { watchConsoleVm } from './console-watch.js';
import type { ConsoleGrant, ConsoleTokens } from './console-tokens.js';
import { connectConsoleUpstream, UpstreamError, type UpstreamTarget } from './console-upstream.js';

export interface ConsoleProxyDeps {
  tokens: ConsoleTokens;
  mirror: ObjectMirror;
  pins: PinStore;
  logger: Logger;
  /** The session id and port of a pool's live connection (null when it is not connected). */
  poolAccess(poolId: string): { sessionId: string; port: number } | null;
  /** Interval between pings; a console socket that missed the previous pong is dropped with its upstream. */
  heartbeatIntervalMs?: number;
}

/** How long an unexplained upstream close waits for the pool's events before it is called a lost host. */
const upstreamCloseGraceMs = 2000;

/** Keeps the close reason within WebSocket's 123-byte limit. */
function closeWith(socket: WebSocket, reason: ConsoleCloseReason, message: string): void {
  if (socket.readyState === socket.OPEN || socket.readyState === socket.CONNECTING) socket.close(consoleCloseCodes[reason], message.slice(0, 120));
}

/**
 * The loopback WebSocket proxy between noVNC and a host's RFB console. It accepts only a valid one-time token
 * from an allowed Origin, reaches the console on the VM's resident host with the pool session over pinned TLS,
 * pipes bytes both ways with backpressure, and closes both sides together with a reason.
 */
export class ConsoleProxy {
  readonly #deps: ConsoleProxyDeps;
  readonly #origins = new Set<string>();
  readonly #wss = new WebSocketServer({ noServer: true, perMessageDeflate: false });
  readonly #heartbeat: Heartbeat;
  #http: Server | null = null;
  #port = 0;

  constructor(deps: ConsoleProxyDeps) {
    this.#deps = deps;
    this.#heartbeat = new Heartbeat(deps.heartbeatIntervalMs ?? 30_000);
  }

  /** Origins whose pages may open consoles (the app's own: app://xenith, or the serve origin). */
  allowOrigins(origins: Iterable<string>): void {
    for (const origin of origins) this.#origins.add(origin);
  }

  /** Starts listening on 127.0.0.1 (once) and returns the port. */
  async listen(): Promise<number> {
    if (this.#http) return this.#port;
    const http = createServer((_request, response) => response.writeHead(404).end());
    http.on('upgrade', (request, socket, head) => this.#upgrade(request, socket, head));
    this.#http = http;
    // An accept failure (EMFILE under a flood of connections) must not end the process.
    http.on('error', (error) => this.#deps.logger.error('console proxy listener error', { error: String(error) }));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    this.#port = (http.address() as AddressInfo).port;
    return this.#port;
  }

  async close(): Promise<void> {
    this.#heartbeat.stop();
    for (const client of this.#wss.clients) client.terminate();
    const http = this.#http;
    this.#http = null;
    if (http) {
      const closed = new Promise((resolve) => http.close(resolve));
      http.closeAllConnections();
      await closed;
    }
  }

  #upgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    // Until ws takes the socket over, nothing else listens for its errors: a reset by the peer would end the process.
    socket.on('error', () => {});
    const refuse = (status: number, text: string): void => {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const match = /^\/console\/([\w-]{20,})$/.exec(request.url ?? '');
    if (!match) return refuse(404, 'Not Found');
    const origin = request.headers.origin;
    if (origin === undefined || !this.#origins.has(origin)) {
      this.#deps.logger.warn('console refused: foreign or missing Origin', { origin });
      return refuse(403, 'Forbidden');
    }
    const grant = this.#deps.tokens.take(match[1]!);
    if (!grant) return refuse(401, 'Unauthorized');
    this.#wss.handleUpgrade(request, socket, head, (client) => {
      // The bridge gives the socket an error listener only once the upstream is open; until then a frame ws
      // refuses (too big, not UTF-8) would be an unhandled 'error' and end the process. ws closes the socket itself.
      client.on('error', (error) => this.#deps.logger.warn('console socket closed after a malformed frame', { error: error.message }));
      this.#heartbeat.watch(client);
      void this.#bridge(client, grant);
    });
  }

  async #bridge(client: WebSocket, grant: ConsoleGrant): Promise<void> {
    const { mirror, pins, logger } = this.#deps;
    const consoleObject = mirror.get(grant.consoleRef, 'console');
    const access = this.#deps.poolAccess(grant.poolId);
    if (!consoleObject || !access) return closeWith(client, access ? 'vmHalted' : 'sessionExpired', access ? 'The console is gone.' : 'The pool is not connected.');
    const target: UpstreamTarget = { location: consoleObject.location, defaultPort: access.port, sessionId: access.sessionId };
    let upstream: Duplex;
    try {
      upstream = await connectConsoleUpstream(target, pins);
    } catch (error) {
      const reason = error instanceof UpstreamError ? error.reason : 'hostUnreachable';
      logger.warn('console upstream failed', { poolId: grant.poolId, reason, error: String(error) });
      return closeWith(client, reason, (error as Error).message);
    }
    if (client.readyState !== client.OPEN) {
      upstream.destroy();
      return;
    }
    let ended = false;
    const end = (reason: ConsoleCloseReason, message: string) => {
      if (ended) return;
      ended = true;
      stopWatching();
      upstream.destroy();
      closeWith(client, reason, message);
    };
    const stopWatching = watchConsoleVm(mirror, consoleObject.VM, grant.consoleRef, end);
    const downstream = createWebSocketStream(client);
    // pipe() pauses the faster side when the slower one's buffer is full, in both directions. It must not end
    // the other side itself: end() closes both together, with the reason.
    upstream.pipe(downstream, { end: false });
    downstream.pipe(upstream, { end: false });
    upstream.on('error', () => {});
    downstream.on('error', () => {});
    upstream.on('close', () => {
      // The host cuts consoles as a VM reboots, halts or migrates, usually just before the pool's event says
      // so: give the mirror a moment to explain the close (the watcher then ends it with the right reason).
      setTimeout(() => {
        const vm = mirror.get(consoleObject.VM, 'VM');
        if (vm?.power_state !== 'Running') end('vmHalted', 'The VM is no longer running.');
        else end('hostUnreachable', 'The connection to the host was lost.');
      }, upstreamCloseGraceMs);
    });
    client.on('close', () => {
      ended = true;
      stopWatching();
      upstream.destroy();
    });
  }
}
