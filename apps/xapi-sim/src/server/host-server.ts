/**
 * The HTTP(S) server of one simulated host: RPC endpoints, CORS, the 300 KiB body cap, extra handlers (consoles,
 * transfers…) registered by prefix, and connection tracking so the control port can drop or kill it.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Engine } from '../api/engine.js';
import { errorPage, handleRpc, RPC_ROUTES, type HttpReply } from './rpc-endpoints.js';
import { transferRoutes } from '../http/transfer/routes.js';
import { RRD_ROUTES } from '../http/rrd/rrd-handlers.js';
import { UPDATE_ROUTES } from '../http/updates/pool-patch-upload.js';
import { CONSOLE_CONNECT_ROUTES, CONSOLE_UPGRADE_ROUTES, type SocketHandler } from '../http/console/console-http.js';
import { BLOB_ROUTES } from '../http/blob/blob-handler.js';

/** Max RPC body (Constants.http_limit_max_rpc_size). */
export const MAX_RPC_BODY_BYTES = 300 * 1024;

/** A non-RPC handler (part 2: /console, /export …), chosen by longest prefix together with the RPC routes. */
export type ExtraHandler = (req: IncomingMessage, res: ServerResponse, ctx: { engine: Engine; hostRef: string }) => void | Promise<void>;

export interface HostServerOptions {
  engine: Engine;
  hostRef: string;
  address: string;
  port: number;
  /** PEM key and certificate; plain HTTP when absent. */
  tls?: { keyPem: string; certPem: string };
  extraHandlers?: Map<string, ExtraHandler>;
}

const CORS_HEADERS = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': 'X-Requested-With' };

export class HostServer {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  port: number;

  constructor(private readonly opts: HostServerOptions) {
    opts.extraHandlers = new Map([...transferRoutes(opts.engine), ...RRD_ROUTES, ...UPDATE_ROUTES, ...BLOB_ROUTES, ...(opts.extraHandlers ?? [])]);
    this.port = opts.port;
  }

  get url(): string {
    return `${this.opts.tls ? 'https' : 'http'}://${this.opts.address}${this.port === (this.opts.tls ? 443 : 80) ? '' : `:${this.port}`}`;
  }

  get listening(): boolean {
    return this.server?.listening ?? false;
  }

  /** Starts listening; resolves with the bound port. */
  async start(): Promise<number> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      this.handle(req, res).catch((e: unknown) => {
        if (!res.headersSent) send(res, errorPage(500, 'Internal Server Error', String(e)));
        else res.destroy();
      });
    };
    const server = this.opts.tls
      ? createHttpsServer({ key: this.opts.tls.keyPem, cert: this.opts.tls.certPem, minVersion: 'TLSv1' }, handler)
      : createHttpServer(handler);
    // Transfers (a 50 GiB import) run for as long as they need; Node's default 300 s request timeout would cut them.
    server.requestTimeout = 0;
    server.keepAliveTimeout = 60_000;
    server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    // CONNECT and Upgrade requests take the socket over (consoles); they never reach the request handler.
    const takeOver = (routes: ReadonlyMap<string, SocketHandler>) => (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
      const route = routes.get((req.url ?? '/').split('?')[0] ?? '/');
      if (route) route(req, socket, head, { engine: this.opts.engine, hostRef: this.opts.hostRef });
      else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    };
    server.on('connect', takeOver(CONSOLE_CONNECT_ROUTES));
    server.on('upgrade', takeOver(CONSOLE_UPGRADE_ROUTES));
    server.on('secureConnection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, this.opts.address, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const addr = server.address();
    if (addr && typeof addr === 'object') this.port = addr.port;
    return this.port;
  }

  /** Cuts every open connection (clients see resets) but keeps listening. */
  dropConnections(): void {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }

  /** Moves the server to another address on the same port (a management interface change): stops, then listens there. */
  async moveTo(address: string): Promise<void> {
    await this.stop();
    this.opts.address = address;
    await this.start();
  }

  /** Stops listening and cuts every connection. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.dropConnections();
    server.closeAllConnections?.();
    await closed;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0] ?? '/';
    const extra = longestExtra(this.opts.extraHandlers, path);
    const rpc = RPC_ROUTES.find(([prefix]) => path.startsWith(prefix));
    if (extra && (!rpc || extra[0].length > rpc[0].length)) {
      await extra[1](req, res, { engine: this.opts.engine, hostRef: this.opts.hostRef });
      return;
    }
    if (!rpc) return send(res, errorPage(404, 'Not Found', path));
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { ...CORS_HEADERS, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Content-Length': '0' });
      res.end();
      return;
    }
    if (req.method !== 'POST') return send(res, errorPage(404, 'Not Found', `${req.method} ${path}`));
    const body = await readBody(req, MAX_RPC_BODY_BYTES);
    if (body === undefined) {
      send(res, errorPage(413, 'Request Entity Too Large', `RPC bodies are limited to ${MAX_RPC_BODY_BYTES} bytes`));
      req.destroy();
      return;
    }
    send(res, await handleRpc(this.opts.engine, this.opts.hostRef, rpc[1], body));
  }
}

function longestExtra(handlers: Map<string, ExtraHandler> | undefined, path: string): [string, ExtraHandler] | undefined {
  let best: [string, ExtraHandler] | undefined;
  for (const [prefix, h] of handlers ?? []) if (path.startsWith(prefix) && (!best || prefix.length > best[0].length)) best = [prefix, h];
  return best;
}

function send(res: ServerResponse, reply: HttpReply): void {
  const body = Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { 'Content-Type': reply.contentType, 'Content-Length': String(body.length), ...CORS_HEADERS });
  res.end(body);
}

/** Reads the body as UTF-8; undefined when it exceeds `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) over = true;
      else chunks.push(c);
    });
    req.on('end', () => resolve(over ? undefined : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
