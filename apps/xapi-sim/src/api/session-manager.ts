/**
 * Sessions as xapi keeps them: rows of the `session` table, checked on every call, garbage-collected per group
 * (oldest destroyed beyond the limit) and after 24 h of inactivity (ocaml/xapi/xapi_session.ml, db_gc_util.ml).
 */
import type { Store } from '../model/store.js';
import { fail } from '../model/xapi-error.js';

/** Per-group limits: anonymous root / intra-pool 400, per originator 500, per non-root user 500. */
export const SESSION_LIMITS = { anonymousRoot: 400, perOriginator: 500, perUser: 500 } as const;
export const INACTIVE_SESSION_TIMEOUT_MS = 86_400_000;
const LAST_ACTIVE_REFRESH_MS = 600_000;

export interface LoginOptions { uname: string; pwd: string; version?: string; originator?: string; hostRef: string; pool?: boolean }

export class SessionManager {
  /** group key → session refs, oldest first. */
  private readonly groups = new Map<string, string[]>();
  private readonly groupOf = new Map<string, string>();

  constructor(private readonly store: Store, private users: Record<string, string>) {}

  setUsers(users: Record<string, string>): void {
    this.users = users;
  }

  /** Authenticates and creates a session; SESSION_AUTHENTICATION_FAILED [uname, msg] on bad credentials. */
  login(o: LoginOptions): string {
    if (!Object.hasOwn(this.users, o.uname) || this.users[o.uname] !== o.pwd) {
      fail('SESSION_AUTHENTICATION_FAILED', o.uname, 'Authentication failure');
    }
    const now = new Date();
    const ref = this.store.create('session', {
      this_host: o.hostRef,
      last_active: now,
      validation_time: now,
      pool: o.pool ?? false,
      is_local_superuser: o.uname === 'root',
      auth_user_name: o.uname,
      originator: o.originator ?? '',
    });
    const group = o.pool ? 'pool' : o.uname !== 'root' ? `user:${o.uname}` : o.originator ? `orig:${o.originator}` : 'root';
    const limit = group === 'pool' || group === 'root' ? SESSION_LIMITS.anonymousRoot : group.startsWith('user:') ? SESSION_LIMITS.perUser : SESSION_LIMITS.perOriginator;
    const list = this.groups.get(group) ?? [];
    list.push(ref);
    this.groups.set(group, list);
    this.groupOf.set(ref, group);
    while (list.length > limit) this.destroy(list[0]!);
    return ref;
  }

  /** SESSION_INVALID [ref] unless the session exists; refreshes last_active at most every 10 minutes. */
  check(ref: string): void {
    const row = this.store.row('session', ref);
    if (!row) fail('SESSION_INVALID', ref);
    const last = row.record.last_active;
    if (!(last instanceof Date) || Date.now() - last.getTime() > LAST_ACTIVE_REFRESH_MS) {
      this.store.update('session', ref, { last_active: new Date() });
    }
  }

  exists(ref: string): boolean {
    return this.store.has('session', ref);
  }

  userOf(ref: string): string {
    return String(this.store.row('session', ref)?.record.auth_user_name ?? '');
  }

  /** Destroys a session (logout or GC). */
  destroy(ref: string): void {
    const group = this.groupOf.get(ref);
    if (group) {
      const list = this.groups.get(group);
      const i = list?.indexOf(ref) ?? -1;
      if (list && i >= 0) list.splice(i, 1);
      this.groupOf.delete(ref);
    }
    if (this.store.has('session', ref)) this.store.destroy('session', ref);
  }

  /** Destroys sessions idle for longer than the inactivity timeout. */
  gc(now = Date.now()): void {
    for (const row of [...this.store.rows('session')]) {
      const last = row.record.last_active;
      if (last instanceof Date && now - last.getTime() > INACTIVE_SESSION_TIMEOUT_MS) this.destroy(row.ref);
    }
  }

  count(): number {
    return this.store.count('session');
  }
}
