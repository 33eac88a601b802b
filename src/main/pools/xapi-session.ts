import type { Xapi } from 'xen-api';
import { within } from '../util/within.js';

/**
 * Originator sent at login: XAPI garbage-collects the oldest sessions past 500 per originator and past 400 in the
 * bucket every anonymous client shares, so a named originator keeps Xenith's sessions apart (NOTES §g).
 */
export const xenithOriginator = 'Xenith';

/** How long a logout may take before Xenith stops waiting (quitting must not hang on an unreachable pool). */
export const logoutBoundMs = 5_000;

/** The private parts of a xen-api 4.7 client this module relies on. */
interface ClientInternals {
  _sessionId: string | undefined;
  _call(method: string, args?: unknown[], ...rest: unknown[]): Promise<unknown>;
  _sessionOpen(): Promise<void>;
  _types: string[] | undefined;
}

/** Logs the client in again on its connection (after SESSION_INVALID: a toolstack restart, a session removed). */
export async function renewSession(client: Xapi): Promise<void> {
  await (client as unknown as ClientInternals)._sessionOpen();
}

/** The classes the pool can list (`<class>.get_all_records`), as xen-api read them at login from system.listMethods. */
export function listableClasses(client: Xapi): readonly string[] {
  return (client as unknown as ClientInternals)._types ?? [];
}

/** The last login each client sent, so a logout also finds a session whose login was still on the wire. */
const lastLogin = new WeakMap<Xapi, Promise<string | undefined>>();

/**
 * Makes the client log in with Xenith's originator. xen-api 4.7 sends `session.login_with_password(user,
 * password)` only, so its RPC method is wrapped to add the API version and originator (the 3rd and 4th
 * parameters) and to remember the login, for `logOutAndDisconnect`.
 */
export function sendOriginatorAtLogin(client: Xapi): void {
  const internals = client as unknown as ClientInternals;
  const call = internals._call;
  internals._call = function (this: unknown, method: string, args: unknown[] = [], ...rest: unknown[]) {
    if (method !== 'session.login_with_password') return call.call(this, method, args, ...rest);
    const login = call.call(this, method, [args[0], args[1], '1.0', xenithOriginator], ...rest);
    lastLogin.set(
      client,
      login.then(
        (session) => (typeof session === 'string' ? session : undefined),
        () => undefined,
      ),
    );
    return login;
  };
}

/**
 * Disconnects a client and waits (at most `boundMs`) until its session is logged out on the pool. xen-api's own
 * `disconnect()` sends `session.logout` without waiting for it, so a process that exits right after leaves the
 * session behind; and a login still in flight when the client is dropped would leave one too.
 */
export async function logOutAndDisconnect(client: Xapi, boundMs = logoutBoundMs): Promise<void> {
  const internals = client as unknown as ClientInternals;
  const current = internals._sessionId;
  // Taken away first so xen-api's disconnect does not send a second, unawaited logout.
  internals._sessionId = undefined;
  await client.disconnect().catch(() => {});
  const deadline = Date.now() + boundMs;
  const login = lastLogin.get(client);
  lastLogin.delete(client);
  const pending = login ? await within(login, boundMs, undefined) : undefined;
  const sessions = new Set([current, pending].filter((session): session is string => session !== undefined));
  const logouts = [...sessions].map((session) => internals._call('session.logout', [session]).catch(() => {}));
  await within(Promise.all(logouts), Math.max(0, deadline - Date.now()), []);
}
