/** A bare JSON-RPC v2 caller for tests: resolves with `result`, rejects with `{code, params}` XAPI errors. */
export class RpcError extends Error {
  constructor(readonly code: string, readonly params: string[]) {
    super(`${code} ${params.join(' ')}`);
  }
}

export async function jsonRpc(url: string, method: string, params: unknown[]): Promise<unknown> {
  const res = await fetch(`${url}/jsonrpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string; data: string[] } };
  if (body.error) throw new RpcError(body.error.message, body.error.data);
  return body.result;
}

/** The XAPI error a promise rejects with. */
export async function errorOf(p: Promise<unknown>): Promise<RpcError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RpcError) return e;
    throw e;
  }
  throw new Error('expected an XAPI error');
}

/** A session-bound caller, as each test file builds from jsonRpc. */
export type SessionCall = (method: string, ...params: unknown[]) => Promise<unknown>;

/** Waits (through event.from on the task) until an Async task is no longer pending; returns its record. */
export async function settleTask(call: SessionCall, taskRef: string): Promise<Record<string, unknown>> {
  let token = '';
  for (;;) {
    const rec = (await call('task.get_record', taskRef)) as Record<string, unknown>;
    if (rec.status !== 'pending') return rec;
    token = ((await call('event.from', [`task/${taskRef}`], token, 5)) as { token: string }).token;
  }
}
