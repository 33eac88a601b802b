/**
 * What every host HTTP handler needs (ocaml/xapi/xapi_http.ml): the query, authentication by `session_id` (query
 * or cookie) or HTTP Basic (a temporary session, logged out at the end), and the client's `task_id`, which the
 * handler completes or fails.
 */
import type { IncomingMessage } from 'node:http';
import type { Engine } from '../api/engine.js';
import { XapiError } from '../model/xapi-error.js';

/** The request's query parameters. */
export function queryOf(req: IncomingMessage): URLSearchParams {
  const url = req.url ?? '/';
  const q = url.indexOf('?');
  return new URLSearchParams(q >= 0 ? url.slice(q + 1) : '');
}

/** A cookie's value, if sent. */
export function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of String(req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export interface HttpSession {
  sessionRef: string;
  /** Logs a Basic-auth session out again (no-op for the caller's own session). */
  release(): void;
}

/**
 * Authenticates a request: `session_id` query or cookie (must be a live session), else Basic auth (a temporary
 * session). Throws SESSION_INVALID / SESSION_AUTHENTICATION_FAILED (answer 401).
 */
export function authenticate(engine: Engine, req: IncomingMessage, hostRef: string): HttpSession {
  const sid = queryOf(req).get('session_id') ?? cookieOf(req, 'session_id');
  if (sid) {
    engine.sessions.check(sid);
    return { sessionRef: sid, release: () => undefined };
  }
  const auth = String(req.headers.authorization ?? '');
  if (auth.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const ref = engine.sessions.login({ uname: decoded.slice(0, Math.max(0, colon)), pwd: decoded.slice(colon + 1), hostRef });
    return { sessionRef: ref, release: () => engine.sessions.destroy(ref) };
  }
  throw new XapiError('SESSION_AUTHENTICATION_FAILED', ['', 'no session_id and no Basic credentials']);
}

/** The client task named by `task_id` (or `subtask_of`), when it exists. */
export function clientTask(engine: Engine, req: IncomingMessage): string | undefined {
  const q = queryOf(req);
  const ref = q.get('task_id') ?? undefined;
  return ref && engine.store.has('task', ref) ? ref : undefined;
}
