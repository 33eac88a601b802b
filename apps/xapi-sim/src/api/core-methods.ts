/** session.*, event.*, task.* handlers: the protocol-level methods every client relies on. */
import { fail, XapiError } from '../model/xapi-error.js';
import { T } from '../wire/wire-type.js';
import type { Engine } from './engine.js';

export function registerCoreMethods(engine: Engine): void {
  const r = engine.registry;
  const login = (ctx: { hostRef: string }, [uname, pwd, version, originator]: unknown[]): string =>
    engine.sessions.login({ uname: String(uname), pwd: String(pwd), version: version as string | undefined, originator: originator as string | undefined, hostRef: ctx.hostRef });
  r.implement('session', 'login_with_password', login);
  r.implement('session', 'slave_local_login_with_password', login);
  const logout = ({ sessionRef }: { sessionRef: string }): string => {
    engine.events.forget(sessionRef);
    engine.sessions.destroy(sessionRef);
    return '';
  };
  r.implement('session', 'logout', logout);
  r.implement('session', 'local_logout', logout);
  r.implement('session', 'get_all_subject_identifiers', () => []);
  r.implement('session', 'change_password', ({ sessionRef }, [oldPwd, newPwd]) => {
    const user = engine.sessions.userOf(sessionRef);
    if (engine.config.users[user] !== oldPwd) fail('SESSION_AUTHENTICATION_FAILED', user, 'Authentication failure');
    engine.config.users[user] = String(newPwd);
    return '';
  });

  const alive = (session: string) => (): void => engine.sessions.check(session);
  const batchType = T.struct({ events: T.setOf(T.event), valid_ref_counts: T.mapOf(T.string, T.i4), token: T.string });
  r.implement('event', 'from', ({ sessionRef }, [classes, token, timeout]) =>
    engine.events.from(classes as string[], String(token), Number(timeout), alive(sessionRef)), batchType);
  r.implement('event', 'inject', (_ctx, [cls, ref]) => engine.events.inject(String(cls), String(ref)));
  r.implement('event', 'get_current_id', () => engine.store.generation);
  r.implement('event', 'register', ({ sessionRef }, [classes]) => {
    engine.events.register(sessionRef, classes as string[]);
    return '';
  });
  r.implement('event', 'unregister', ({ sessionRef }, [classes]) => {
    engine.events.unregister(sessionRef, classes as string[]);
    return '';
  });
  r.implement('event', 'next', ({ sessionRef }) => engine.events.next(sessionRef, alive(sessionRef)), T.setOf(T.event));

  r.implement('task', 'create', ({ hostRef }, [label, description]) => engine.tasks.create(String(label), String(description ?? ''), hostRef));
  r.implement('task', 'destroy', (_ctx, [ref]) => {
    engine.tasks.destroy(String(ref));
    return '';
  });
  r.implement('task', 'cancel', ({ taskRef }, [ref]) => {
    const task = String(ref);
    engine.store.get('task', task);
    engine.tasks.requestCancel(task, taskRef);
    // A task nobody is running (client-owned, from task.create) has no operation to notice: cancel it here.
    if (!engine.runningTasks.has(task)) engine.tasks.fail(task, new XapiError('TASK_CANCELLED', [task]));
    return '';
  });
}
