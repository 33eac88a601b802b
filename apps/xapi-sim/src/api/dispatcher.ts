/**
 * One RPC call, transport-independent: method lookup (incl. Async.), parameter count and type checks, session and
 * pool-role checks, injected faults, then the handler. Errors come back as `[code, ...params]`; an Async call's
 * task fails with the faults injected on its synchronous name.
 */
import { fail, XapiError } from '../model/xapi-error.js';
import { encodeXmlValue } from '../wire/xmlrpc-codec.js';
import type { WireType } from '../wire/wire-type.js';
import type { CallContext } from './call-context.js';
import { coerceParam } from './coerce.js';
import type { Engine } from './engine.js';
import type { MethodDef } from './method-registry.js';

export type RpcOutcome =
  | { ok: true; value: unknown; type: WireType; /** no Status envelope (system.listMethods) */ bare?: boolean }
  | { ok: false; error: string[] };

/** Normalises anything thrown by a handler into an XapiError. */
export function toXapiError(e: unknown): XapiError {
  if (e instanceof XapiError) return e;
  return new XapiError('INTERNAL_ERROR', [e instanceof Error ? e.message : String(e)]);
}

export async function dispatch(engine: Engine, hostRef: string, method: string, params: unknown[]): Promise<RpcOutcome> {
  try {
    await engine.faults.before(method);
    if (method === 'system.listMethods') return { ok: true, value: engine.methodNames(), type: { kind: 'set', of: { kind: 'string' } }, bare: true };
    const isAsync = method.startsWith('Async.');
    const def = engine.registry.lookup(isAsync ? method.slice('Async.'.length) : method);
    if (!def || (isAsync && !engine.schema.asyncMethods.has(def.wireName))) fail('MESSAGE_METHOD_UNKNOWN', method);
    if (def.message.lifecycle === 'Removed') fail('MESSAGE_REMOVED');
    const total = def.params.length + (def.takesSession ? 1 : 0);
    const required = def.params.filter((p) => p.required).length + (def.takesSession ? 1 : 0);
    if (params.length < required || params.length > total) fail('MESSAGE_PARAMETER_COUNT_MISMATCH', method, total, params.length);

    const isMaster = hostRef === engine.masterRef;
    let sessionRef = '';
    let rest = params;
    if (def.takesSession) {
      if (typeof params[0] !== 'string') fail('FIELD_TYPE_ERROR', 'session_id');
      sessionRef = params[0];
      rest = params.slice(1);
      if (!isMaster) fail('HOST_IS_SLAVE', engine.masterAddress());
      engine.sessions.check(sessionRef);
    } else if (def.wireName === 'session.login_with_password' && !isMaster) {
      fail('HOST_IS_SLAVE', engine.masterAddress());
    }
    const args = def.params.map((p, i) => (i < rest.length ? coerceParam(engine.schema, rest[i], p.type, p.name) : undefined));
    if (!def.handler) fail('NOT_IMPLEMENTED', def.wireName);
    const ctx: CallContext = { engine, hostRef, method, sessionRef };
    if (isAsync) return { ok: true, value: startAsync(ctx, def, args), type: { kind: 'ref', cls: 'task' } };
    const value = await def.handler(ctx, args);
    return { ok: true, value, type: def.result };
  } catch (e) {
    return { ok: false, error: toXapiError(e).description };
  }
}

/** Creates the task for an Async call and runs the handler in the background, completing or failing the task. */
function startAsync(ctx: CallContext, def: MethodDef, args: unknown[]): string {
  const { engine } = ctx;
  const taskRef = engine.tasks.create(ctx.method, '', engine.masterRef);
  const handler = def.handler!;
  engine.runningTasks.add(taskRef);
  void (async () => {
    try {
      await engine.faults.before(def.wireName, { wildcard: false });
      const value = await handler({ ...ctx, taskRef }, args);
      const xml = def.result.kind === 'void' ? '' : encodeXmlValue(value, def.result, engine.recordTypes);
      engine.tasks.complete(taskRef, xml);
    } catch (e) {
      engine.tasks.fail(taskRef, toXapiError(e));
    } finally {
      engine.runningTasks.delete(taskRef);
    }
  })();
  return taskRef;
}
