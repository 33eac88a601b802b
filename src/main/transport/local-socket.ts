import { chmod, lstat, mkdir, unlink } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { dirname } from 'node:path';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { apiSocketPath } from '../../shared/api/wire.js';
import { localSocketPath } from '../../shared/util/local-socket-path.js';
import type { Logger } from '../logging/logger.js';
import type { XenithServer } from '../server.js';
import { handleFileLink, type FileLinkGuard } from './file-link-route.js';
import { fileLinkPrefix } from './file-links.js';
import { Heartbeat } from './heartbeat.js';
import { defaultServeLimits, type ServeLimits } from './serve-transport.js';
import { attachApiConnection } from './ws-connection.js';

export interface LocalSocketHandle {
  readonly path: string;
  close(): Promise<void>;
}

/** This user's local socket path on this machine (see localSocketPath). */
export function defaultLocalSocketPath(): string {
  const info = userInfo();
  return localSocketPath({ platform: process.platform, env: process.env, uid: info.uid, username: info.username, tmpdir: tmpdir() });
}

const isPipe = (path: string) => path.startsWith('\\\\.\\pipe\\') || path.startsWith('\\\\?\\pipe\\');

/** True when something answers on the socket (another Xenith is serving there). */
function answers(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/**
 * Makes the socket's directory private (0700, ours) and clears a socket file a crashed run left behind; refuses a
 * path another user's directory holds or another Xenith still serves.
 */
async function prepareUnixPath(path: string): Promise<void> {
  const directory = dirname(path);
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const stats = await lstat(directory);
  if (!stats.isDirectory() || (process.getuid && stats.uid !== process.getuid())) {
    throw new Error(`${directory} is not a directory of this user: the local API socket is not opened there.`);
  }
  if ((stats.mode & 0o077) !== 0) await chmod(directory, 0o700);
  const existing = await lstat(path).catch(() => null);
  if (!existing) return;
  if (!existing.isSocket()) throw new Error(`${path} exists and is not a socket: the local API socket is not opened there.`);
  if (await answers(path)) throw new Error(`Another Xenith already serves the local API at ${path}.`);
  await unlink(path);
}

/**
 * The API on a per-user local socket (a Unix socket 0600 in a 0700 directory, or a named pipe on Windows),
 * speaking the serve transport's WebSocket protocol, for xenith-cli on the same machine, with the one-time file
 * links of `xenith-cli … @=file`. The file's permissions
 * are the guard: only this user can connect, so no token is asked. A browser cannot reach such a socket, and an
 * upgrade carrying an Origin (a browser's mark) is refused all the same.
 */
export async function startLocalSocket(options: {
  server: XenithServer;
  logger: Logger;
  path?: string;
  limits?: Partial<ServeLimits>;
}): Promise<LocalSocketHandle> {
  const path = options.path ?? defaultLocalSocketPath();
  const limits = { ...defaultServeLimits, ...options.limits };
  const { logger } = options;
  if (!isPipe(path)) await prepareUnixPath(path);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxPayloadBytes });
  const heartbeat = new Heartbeat(limits.heartbeatIntervalMs);
  // The socket's permissions are the credential, as for the API; a request with an Origin (a browser's) is refused.
  const fileLinkGuard: FileLinkGuard = { origins: new Set(), authorised: async () => true };
  const http: Server = createServer((request, response) => {
    const pathname = (request.url ?? '').split('?')[0] ?? '';
    if (pathname.startsWith(fileLinkPrefix)) {
      void handleFileLink(request, response, pathname, options.server.fileLinks, fileLinkGuard, logger).catch((error: unknown) => {
        logger.error('local socket file link failed', { error: String(error) });
        response.destroy();
      });
      return;
    }
    response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', connection: 'close' }).end('Only the API socket and file links are served here.');
  });
  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => {});
    const pathname = (request.url ?? '').split('?')[0];
    if (pathname !== apiSocketPath || request.headers.origin !== undefined) {
      socket.once('finish', () => socket.destroy());
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => {
      heartbeat.watch(ws);
      attachApiConnection(ws, options.server, limits, logger);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(path, () => {
      http.off('error', reject);
      resolve();
    });
  });
  http.on('error', (error) => logger.error('local API socket error', { error: String(error) }));
  if (!isPipe(path)) await chmod(path, 0o600);
  const releaseFileLinks = options.server.fileLinks.servedBy();
  logger.info('serving the API on the local socket', { path });
  return {
    path,
    async close() {
      releaseFileLinks();
      heartbeat.stop();
      for (const client of wss.clients) client.terminate();
      const closed = new Promise<void>((resolve) => http.close(() => resolve()));
      http.closeAllConnections();
      await closed;
      if (!isPipe(path)) await unlink(path).catch(() => {});
    },
  };
}
