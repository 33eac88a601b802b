import { request, type Agent } from 'node:https';
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { ServerEndpoint } from '../pools/server-address.js';

/**
 * The length announced for an import whose size nobody knows yet. `/export` sends no length (its size depends on
 * which 1 MiB chunks are all zeros, and on compression) and `/import` refuses chunked uploads (403,
 * IMPORT_ERROR_CANNOT_HANDLE_CHUNKED), so the upload announces more than it will ever send, as XAPI's own clients
 * do. That makes the end of the body meaningless to the pool: the import task, which completes when the last disk
 * is written, is the only judge of success, and its error is never ignored (xen-api's putResource drops
 * VDI_IO_ERROR in this case; Xenith does not).
 */
export const unknownImportLength = 2 ** 50;

/** An upload into a pool's `/import`, answered 200: the body takes the XVA, with backpressure. */
export interface VmImportUpload {
  /** Where the bytes go. Write only what the stream accepts (pipeline does). */
  readonly body: ClientRequest;
  /** Closes the connection (once the import task ended, or to abandon the import: the pool then fails its task). */
  close(): void;
}

/** A non-200 answer to the upload (the import task says why, when it exists). */
export class ImportRefusedError extends Error {
  readonly code = 'IMPORT_ERROR';
  readonly params: string[];
  constructor(readonly status: number) {
    super(`The pool refused the import (HTTP ${status}).`);
    this.name = 'ImportRefusedError';
    this.params = [`HTTP ${status}`];
  }
}

export interface VmImportOptions {
  /** The host to send it to (one that sees the SR; a 302 to another is followed). */
  endpoint: ServerEndpoint;
  /** Verifies every TLS connection against the pool's pinned certificates. */
  agent: Agent;
  sessionId: string;
  srRef: string;
  /** The client task the pool completes with the new VM's ref, or fails with the reason. */
  taskRef: string;
}

const maxRedirects = 3;

/** Sends the request line and headers (no body yet) and waits for the pool's answer. */
function openOnce(endpoint: ServerEndpoint, path: string, agent: Agent, length: number): Promise<{ req: ClientRequest; res: IncomingMessage }> {
  return new Promise((resolve, reject) => {
    const req = request({
      host: endpoint.host,
      port: endpoint.port,
      method: 'PUT',
      path,
      agent,
      headers: { 'content-length': String(length), 'content-type': 'application/octet-stream' },
    });
    req.once('error', reject);
    req.once('response', (res) => {
      req.removeListener('error', reject);
      resolve({ req, res });
    });
    // Headers go now: the pool answers (200 with the task, or a 302 to a host that sees the SR) before it reads the body.
    req.flushHeaders();
  });
}

/**
 * Opens `PUT /import` on a pool for an XVA stream and returns once the pool accepted it (its 200 comes before the
 * body). A 302 to the host that sees the SR is followed before a byte of the body is sent, so no probe request
 * (and no stray import task) is needed. The session id travels in the query, as XAPI expects; it is never logged.
 */
export function openVmImport(options: VmImportOptions & { length?: number }): Promise<VmImportUpload> {
  return openPoolUpload({ ...options, path: '/import/', query: { sr_id: options.srRef }, length: options.length ?? unknownImportLength });
}

/** An upload to one of a pool's HTTP handlers (`/import/`, `/import_raw_vdi`). */
export interface PoolUploadOptions {
  endpoint: ServerEndpoint;
  agent: Agent;
  sessionId: string;
  taskRef: string;
  path: string;
  query: Record<string, string>;
  /** The Content-Length announced: the body's, or more than will be sent (unknownImportLength) when nobody knows. */
  length: number;
}

/**
 * Opens a PUT to a pool's upload handler and returns once the pool accepted it (200, before the body), following a
 * 302 to the host that sees the SR before a byte of the body is sent. The session id travels in the query, as XAPI
 * expects; it is never logged.
 */
export async function openPoolUpload(options: PoolUploadOptions): Promise<VmImportUpload> {
  const query = new URLSearchParams({ session_id: options.sessionId, task_id: options.taskRef, ...options.query });
  let endpoint = options.endpoint;
  let path = `${options.path}?${query.toString()}`;
  for (let hop = 0; hop <= maxRedirects; hop++) {
    const { req, res } = await openOnce(endpoint, path, options.agent, options.length);
    const status = res.statusCode ?? 0;
    if (status === 302 && res.headers.location && hop < maxRedirects) {
      const next = new URL(res.headers.location, `https://${endpoint.host}:${endpoint.port}`);
      res.resume();
      req.destroy();
      endpoint = { host: next.hostname.replace(/^\[|\]$/g, ''), port: Number(next.port) || 443 };
      path = `${next.pathname}${next.search}`;
      continue;
    }
    if (status !== 200) {
      res.resume();
      req.destroy();
      throw new ImportRefusedError(status);
    }
    // The answer has no body worth reading; drain it so the socket is never held up by it.
    res.on('error', () => {});
    res.resume();
    req.on('error', () => {});
    return {
      body: req,
      close() {
        req.destroy();
        res.destroy();
      },
    };
  }
  throw new ImportRefusedError(302);
}
