import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { apiSocketPath } from '../../shared/api/wire.js';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { createAccessToken, readBearer, readCookie, sessionCookieName, tokenMatches } from './access-token.js';
import { handleFileLink } from './file-link-route.js';
import { fileLinkPrefix } from './file-links.js';
import { AddressQuota } from './address-quota.js';
import { Heartbeat } from './heartbeat.js';
import { allowedHostNames, hostAllowed } from './host-policy.js';
import { isLoopback, isWildcard } from './loopback.js';
import { allowedOrigins, originAllowed } from './origin-policy.js';
import { parseRequestTarget } from './request-target.js';
import type { TlsCredentials } from './self-signed-certificate.js';
import { serveStatic } from './static-files.js';
import { TokenSockets } from './token-sockets.js';
import { attachApiConnection } from './ws-connection.js';

/** What one client may hold, and how often the server checks its sockets are alive. */
export interface ServeLimits {
  /** API sockets one remote address may have open at once. */
  connectionsPerAddress: number;
  /** Calls one socket may have waiting for their answer. */
  callsInFlight: number;
  /** Bytes queued towards a client past which its further calls are not read until the queue drains. */
  readPauseBytes: number;
  /** Largest frame a client may send; a bigger one closes its socket with 1009. */
  maxPayloadBytes: number;
  /** Interval between pings; a socket that missed the previous pong is dropped. */
  heartbeatIntervalMs: number;
}

export const defaultServeLimits: ServeLimits = {
  connectionsPerAddress: 32,
  callsInFlight: 64,
  readPauseBytes: 8 * 1024 * 1024,
  maxPayloadBytes: 4 * 1024 * 1024,
  heartbeatIntervalMs: 30_000,
};

export interface ServeOptions {
  server: XenithServer;
  /** Directory holding the built renderer (index.html). */
  staticDir: string;
  logger: Logger;
  /** Address to bind; loopback unless the user insists (and then only with `tls`). */
  host?: string;
  /** 0 picks a random free port. */
  port?: number;
  /** Fixed token (tests); a random one otherwise. */
  token?: string;
  /** Certificate and key: serve over HTTPS and WSS. Required for an address other machines can reach. */
  tls?: TlsCredentials;
  /** Names the server answers to besides its address and the loopback names (a LAN name, say). */
  allowedHosts?: readonly string[];
  limits?: Partial<ServeLimits>;
}

export interface ServeHandle {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly token: string;
  /** The cookie the token is traded for (its name carries the port). */
  readonly cookieName: string;
  close(): Promise<void>;
}

const unauthorizedPage =
  '<!doctype html><meta charset="utf-8"><title>Xenith</title><p>This Xenith server needs its access token. ' +
  'Open the address it printed when it started (it ends in <code>?token=…</code>).</p>';

/** Where requests are checked against, once the server knows its port. */
interface Rules {
  hostNames: Set<string>;
  origins: Set<string>;
  port: number;
  defaultPort: number;
  cookieName: string;
}

/** Serve mode: the renderer and the contract on one loopback HTTP port, guarded by a random token. */
export async function startServeTransport(options: ServeOptions): Promise<ServeHandle> {
  const host = options.host ?? '127.0.0.1';
  if (!options.tls && !isLoopback(host)) {
    throw new Error(`Refusing to serve on ${host} without TLS: other machines could read the access token. Give a certificate or let Xenith make one.`);
  }
  const { logger } = options;
  const token = options.token ?? createAccessToken();
  const limits = { ...defaultServeLimits, ...options.limits };
  const scheme = options.tls ? 'https' : 'http';
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
  const heartbeat = new Heartbeat(limits.heartbeatIntervalMs);
  const quota = new AddressQuota(limits.connectionsPerAddress);
  const tokenSockets = new TokenSockets(options.server);
  // Set once listening: no request arrives before.
  let rules: Rules = { hostNames: new Set(), origins: new Set(), port: 0, defaultPort: 0, cookieName: '' };

  const presentedToken = (request: IncomingMessage, url: URL) =>
    url.searchParams.get('token') ?? readCookie(request.headers.cookie, rules.cookieName);
  /** The page's token cookie (or the token in the address), or a script's API token. */
  const authorised = async (request: IncomingMessage, url: URL): Promise<boolean> => {
    const bearer = readBearer(request.headers.authorization);
    if (bearer !== null) return (await options.server.authenticateApiToken(bearer)) !== null;
    return tokenMatches(presentedToken(request, url), token);
  };
  const hostIsOurs = (request: IncomingMessage) => {
    if (hostAllowed(request.headers.host, rules.hostNames, rules.port, rules.defaultPort)) return true;
    logger.warn('refused a request for a host name this server does not answer to', { host: request.headers.host });
    return false;
  };

  const onRequest: RequestListener = (request, response) => {
    void handleHttp(request, response).catch((error: unknown) => {
      logger.error('serve request failed', { error: String(error) });
      if (!response.headersSent) response.writeHead(500).end();
      else response.destroy();
    });
  };
  const http = options.tls ? createHttpsServer({ cert: options.tls.cert, key: options.tls.key }, onRequest) : createHttpServer(onRequest);

  async function handleHttp(request: IncomingMessage, response: ServerResponse) {
    const url = parseRequestTarget(request.url);
    if (!url) return plain(response, 400, 'Bad request target.');
    if (!hostIsOurs(request)) return plain(response, 403, 'This Xenith server does not answer to that host name.');
    if (url.pathname.startsWith(fileLinkPrefix)) {
      return handleFileLink(request, response, url.pathname, options.server.fileLinks, { origins: rules.origins, authorised: (incoming) => authorised(incoming, url) }, logger);
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(response, 405, 'Method not allowed.');
    const fromQuery = url.searchParams.get('token');
    if (fromQuery !== null && tokenMatches(fromQuery, token)) {
      // Trade the token in the address bar for an HttpOnly cookie, and drop it from the URL and history.
      url.searchParams.delete('token');
      const secure = options.tls ? '; Secure' : '';
      response.writeHead(302, {
        'set-cookie': `${rules.cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure}`,
        // One leading slash only: `//name` would send the browser to another host.
        location: `/${url.pathname.replace(/^\/+/, '')}${url.search}`,
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
    // Until ws takes the socket over, nothing else listens for its errors: a reset by the peer would end the process.
    socket.on('error', () => {});
    void upgrade(request, socket, head).catch((error: unknown) => {
      logger.error('serve upgrade failed', { error: String(error) });
      socket.destroy();
    });
  });

  async function upgrade(request: IncomingMessage, socket: Duplex, head: Buffer) {
    const refuse = (status: number, reason: string) => {
      socket.once('finish', () => socket.destroy());
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = parseRequestTarget(request.url);
    if (!url) return refuse(400, 'Bad Request');
    if (!hostIsOurs(request)) return refuse(403, 'Forbidden');
    if (url.pathname !== apiSocketPath) return refuse(404, 'Not Found');
    if (!originAllowed(request.headers.origin, rules.origins)) {
      logger.warn('refused a WebSocket from a foreign origin', { origin: request.headers.origin });
      return refuse(403, 'Forbidden');
    }
    // Scripts present a named API token as a bearer token; browsers the start-up token's cookie.
    const bearer = readBearer(request.headers.authorization);
    const apiTokenId = bearer === null ? null : await options.server.authenticateApiToken(bearer);
    if (bearer !== null ? apiTokenId === null : !tokenMatches(presentedToken(request, url), token)) return refuse(401, 'Unauthorized');
    if (socket.destroyed) return;
    const release = quota.take(request.socket.remoteAddress ?? 'unknown');
    if (!release) {
      logger.warn('refused a WebSocket: too many open from one address', { limit: limits.connectionsPerAddress });
      return refuse(429, 'Too Many Requests');
    }
    socket.once('close', release);
    wss.handleUpgrade(request, socket, head, (ws) => {
      heartbeat.watch(ws);
      if (apiTokenId !== null) tokenSockets.track(ws, apiTokenId);
      attachApiConnection(ws, options.server, limits, logger);
    });
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, host, () => {
      http.off('error', reject);
      resolve();
    });
  });
  // Once listening, an error here is one accepted connection failing (EMFILE when a client opens too many): it must
  // not end the process and every pool connection with it.
  http.on('error', (error) => logger.error('serve listener error', { error: String(error) }));
  const port = (http.address() as AddressInfo).port;
  const hostNames = allowedHostNames(host, options.allowedHosts);
  rules = { hostNames, origins: allowedOrigins(scheme, hostNames, port), port, defaultPort: scheme === 'https' ? 443 : 80, cookieName: sessionCookieName(port) };
  // Pages served here may open consoles too, and claim file links.
  options.server.allowConsoleOrigins(rules.origins);
  const releaseFileLinks = options.server.fileLinks.servedBy();
  const shownHost = isWildcard(host) ? hostname() : host;
  const urlHost = shownHost.includes(':') && !shownHost.startsWith('[') ? `[${shownHost}]` : shownHost;
  return {
    url: `${scheme}://${urlHost}:${port}/?token=${token}`,
    port,
    host,
    token,
    cookieName: rules.cookieName,
    async close() {
      releaseFileLinks();
      heartbeat.stop();
      tokenSockets.close();
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
    },
  };
}

/** A short plain-text answer that closes the connection (it came from a client that is not the app). */
function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff', connection: 'close' }).end(text);
}
