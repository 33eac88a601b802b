import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { apiSocketPath } from '../../shared/api/wire.js';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { createAccessToken, readCookie, sessionCookieName, tokenMatches } from './access-token.js';
import { allowedOrigins, originAllowed } from './origin-policy.js';
import { serveStatic } from './static-files.js';
import { attachApiConnection } from './ws-connection.js';

export interface ServeOptions {
  server: XenithServer;
  /** Directory holding the built renderer (index.html). */
  staticDir: string;
  logger: Logger;
  /** Address to bind; loopback unless the user insists. */
  host?: string;
  /** 0 picks a random free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
}

export interface ServeHandle {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly token: string;
  close(): Promise<void>;
}

const unauthorizedPage =
  '<!doctype html><meta charset="utf-8"><title>Xenith</title><p>This Xenith server needs its access token. ' +
  'Open the address it printed when it started (it ends in <code>?token=…</code>).</p>';

/** Serve mode: the renderer and the contract on one loopback HTTP port, guarded by a random token. */
export async function startServeTransport(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  const token = options.token ?? createAccessToken();
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4 * 1024 * 1024 });
  let origins = new Set<string>();

  const presentedToken = (request: IncomingMessage, url: URL) =>
    url.searchParams.get('token') ?? readCookie(request.headers.cookie, sessionCookieName);

  const http = createServer((request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      options.logger.error('serve request failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
    });
  });

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405).end();
      return;
    }
    const fromQuery = url.searchParams.get('token');
    if (fromQuery !== null && tokenMatches(fromQuery, token)) {
      // Trade the token in the address bar for an HttpOnly cookie, and drop it from the URL and history.
      url.searchParams.delete('token');
      response.writeHead(302, {
        'set-cookie': `${sessionCookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/`,
        location: `${url.pathname}${url.search}`,
      });
      response.end();
      return;
    }
    if (!tokenMatches(presentedToken(request, url), token)) {
      response.writeHead(401, { 'content-type': 'text/html; charset=utf-8' }).end(unauthorizedPage);
      return;
    }
    await serveStatic(options.staticDir, url.pathname, response);
  }

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', 'http://placeholder');
    const refuse = (status: number, reason: string) => {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (url.pathname !== apiSocketPath) return refuse(404, 'Not Found');
    if (!originAllowed(request.headers.origin, origins)) {
      options.logger.warn('refused a WebSocket from a foreign origin', { origin: request.headers.origin });
      return refuse(403, 'Forbidden');
    }
    if (!tokenMatches(presentedToken(request, url), token)) return refuse(401, 'Unauthorized');
    wss.handleUpgrade(request, socket, head, (ws) => attachApiConnection(ws, options.server));
  });

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (http.address() as AddressInfo).port;
  origins = allowedOrigins(host, port);
  // Pages served here may open consoles too.
  options.server.allowConsoleOrigins(origins);
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}/?token=${token}`,
    port,
    host,
    token,
    async close() {
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}
