/**
 * The frame of a transfer handler (xapi_http.ml `with_context`): authenticate, adopt the client's `task_id` or make
 * an internal task (destroyed afterwards), complete or fail it, and the 302 to the host that should serve it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TLSSocket } from 'node:tls';
import type { Engine } from '../../api/engine.js';
import { toXapiError } from '../../api/dispatcher.js';
import { XapiError } from '../../model/xapi-error.js';
import { authenticate, clientTask, queryOf, type HttpSession } from '../http-context.js';

export interface RouteContext { engine: Engine; hostRef: string }

export class TransferContext {
  private released = false;

  constructor(
    readonly engine: Engine,
    readonly hostRef: string,
    readonly query: URLSearchParams,
    readonly session: HttpSession,
    readonly taskRef: string,
    private readonly ownTask: boolean,
  ) {}

  /** Completes the task with an XML-RPC `<value>` result ('' for none). */
  complete(resultXml = ''): void {
    this.engine.tasks.complete(this.taskRef, resultXml);
  }

  fail(e: unknown): XapiError {
    const err = toXapiError(e);
    if (this.engine.store.has('task', this.taskRef)) this.engine.tasks.fail(this.taskRef, err);
    return err;
  }

  progress(fraction: number): void {
    this.engine.tasks.setProgress(this.taskRef, fraction);
  }

  /** TASK_CANCELLED once task.cancel was called on the task. */
  cancelled(): XapiError | undefined {
    return this.engine.tasks.cancelRequested(this.taskRef) ? new XapiError('TASK_CANCELLED', [this.taskRef]) : undefined;
  }

  /** Logs out a Basic-auth session and removes an internal task. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.session.release();
    if (this.ownTask && this.engine.store.has('task', this.taskRef)) this.engine.store.destroy('task', this.taskRef);
  }
}

/** A small complete response that closes the connection. */
export function sendStatus(res: ServerResponse, status: number, reason: string, detail = '', headers: Record<string, string> = {}): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const body = Buffer.from(`<html><body><h1>HTTP ${status} ${reason}</h1>${detail.replace(/[<>&]/g, (c) => `&#${c.charCodeAt(0)};`)}</body></html>`);
  res.writeHead(status, reason, { 'Content-Type': 'text/html', 'Content-Length': String(body.length), Connection: 'close', ...headers });
  res.end(body);
}

/**
 * Authenticates and binds the task. On failure answers 401 (and fails the client's task) and returns undefined.
 * `label` names the internal task made when the client gave no task_id (e.g. `VM.export`).
 */
export function openTransfer(req: IncomingMessage, res: ServerResponse, route: RouteContext, label: string): TransferContext | undefined {
  const { engine, hostRef } = route;
  const given = clientTask(engine, req);
  let session: HttpSession;
  try {
    session = authenticate(engine, req, hostRef);
  } catch (e) {
    const err = toXapiError(e);
    if (given) engine.tasks.fail(given, err);
    sendStatus(res, 401, 'Unauthorised', err.description.join(' '), { 'WWW-Authenticate': 'Basic realm="xapi"' });
    return undefined;
  }
  const taskRef = given ?? engine.tasks.create(label, '', hostRef);
  return new TransferContext(engine, hostRef, queryOf(req), session, taskRef, given === undefined);
}

/** Resolves `ref=` or `uuid=` (or the named parameter) to an object of `cls`. */
export function objectFromQuery(engine: Engine, q: URLSearchParams, cls: string, refKey = 'ref', uuidKey = 'uuid'): string | undefined {
  const ref = q.get(refKey);
  if (ref && engine.store.has(cls, ref)) return ref;
  const uuid = q.get(uuidKey) ?? (ref && !ref.startsWith('OpaqueRef:') ? ref : null);
  return uuid ? engine.store.refByUuid(cls, uuid) : undefined;
}

/** True when `hostRef` has the SR plugged (an SR without PBDs counts as visible everywhere). */
export function hostSeesSr(engine: Engine, hostRef: string, srRef: string): boolean {
  const pbds = (engine.store.row('SR', srRef)?.record.PBDs as string[] | undefined) ?? [];
  if (pbds.length === 0) return true;
  return pbds.some((p) => {
    const r = engine.store.row('PBD', p)?.record;
    return r?.host === hostRef && r.currently_attached === true;
  });
}

/** Answers `302 Found` to the same path and query on another host's address (same port and scheme). */
export function redirectToHost(req: IncomingMessage, res: ServerResponse, engine: Engine, hostRef: string): void {
  const address = engine.hostAddresses.get(hostRef) ?? String(engine.store.row('host', hostRef)?.record.address ?? '');
  const scheme = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
  const port = req.socket.localPort;
  const host = address.includes(':') ? `[${address}]` : address;
  sendStatus(res, 302, 'Found', '', { Location: `${scheme}://${host}${port ? `:${port}` : ''}${req.url ?? '/'}` });
}

/** The HTTP header block of a streamed answer written straight to the socket (status line chosen by the caller). */
export function rawHead(statusLine: string, headers: Record<string, string>): string {
  return `${statusLine}\r\n${Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/**
 * Ends an upload handler's use of the request. After a success the client may still be sending (a tar trailer,
 * the rest of a piped export): read it to the end before closing, so the client's upload is never cut; after a
 * failure stop at once, as xapi does.
 */
export function endUpload(req: IncomingMessage, succeeded: boolean, onData: (chunk: Buffer) => void): void {
  const socket = req.socket;
  req.removeListener('data', onData);
  req.resume();
  if (succeeded && !req.complete && !req.destroyed) {
    const close = (): void => { socket.end(); };
    req.once('end', close);
    req.once('close', close);
  } else socket.end();
}
