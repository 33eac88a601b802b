/**
 * The simulator's own client for another pool, as xapi's Helpers.make_remote_rpc and its HTTP transfers use one
 * during a cross-pool migration: JSON-RPC calls to the remote master with the session from a migrate_receive token,
 * PUT uploads of a known length to a remote host, and waiting for a remote task. Certificates are not checked
 * (xapi checks them only with pool TLS verification on; every simulated host's is self-signed). Connections leave
 * from the sending host's own address, as they would from its management interface.
 */
import { request as httpRequest, type IncomingMessage, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { abortableDelay } from '../api/abortable-delay.js';
import { XapiError } from '../model/xapi-error.js';

/** A finished remote task: its status and either its result (XML-RPC value text) or its error. */
export interface RemoteTaskOutcome { status: string; result: string; errorInfo: string[] }

/** The bare host of a URL (IPv6 brackets removed). */
export function hostOfUrl(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1');
}

const TASK_POLL_MS = 20;

export class RemotePool {
  private readonly master: URL;

  /** `masterUrl` and `session` come from the token; `localAddress` is the sending host's address. */
  constructor(masterUrl: string, readonly session: string, private readonly localAddress?: string) {
    this.master = new URL(masterUrl);
  }

  /** The remote master's address (for CANNOT_CONTACT_HOST). */
  get masterHost(): string {
    return this.master.hostname.replace(/^\[(.*)\]$/, '$1');
  }

  /** Calls `method` with the session first; XAPI errors come back as XapiError, a dead link as CANNOT_CONTACT_HOST. */
  async call(method: string, ...params: unknown[]): Promise<unknown> {
    const body = Buffer.from(JSON.stringify({ jsonrpc: '2.0', id: 1, method, params: [this.session, ...params] }));
    const url = new URL('/jsonrpc', this.master);
    let answer: { status: number; body: Buffer };
    try {
      answer = await this.exchange(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': String(body.length) } }, body);
    } catch {
      throw new XapiError('CANNOT_CONTACT_HOST', [this.masterHost]);
    }
    let parsed: { result?: unknown; error?: { message?: string; data?: unknown[] } };
    try {
      parsed = JSON.parse(answer.body.toString('utf8')) as typeof parsed;
    } catch {
      throw new XapiError('INTERNAL_ERROR', [`${method}: HTTP ${answer.status} from ${this.masterHost} is not JSON-RPC`]);
    }
    if (parsed.error) throw new XapiError(String(parsed.error.message ?? 'INTERNAL_ERROR'), (parsed.error.data ?? []).map(String));
    return parsed.result;
  }

  /**
   * PUTs `length` bytes from `body` to `url` (path and query on a remote host) and resolves when the remote end
   * closed the answer. The body is sent only once the remote handler has answered (xapi's handlers answer 200 before
   * reading), so the handler always owns its task and settles it, even when the body fails or is aborted first.
   * Rejects on a transport failure (reset, refused) or with the body's own error; the remote task tells the rest.
   */
  upload(url: URL, body: Readable | Buffer, length: number): { done: Promise<number>; abort(): void } {
    let abort: () => void = () => undefined;
    const done = new Promise<number>((resolve, reject) => {
      let bodyError: Error | undefined;
      let answered = false;
      const req = this.request(url, { method: 'PUT', headers: { 'content-length': String(length), 'content-type': 'application/octet-stream' } }, (res) => {
        answered = true;
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
        res.resume();
        if (bodyError) req.destroy(bodyError);
        else if (!Buffer.isBuffer(body)) body.pipe(req);
      });
      req.on('error', reject);
      abort = () => req.destroy(new Error('upload aborted'));
      if (Buffer.isBuffer(body)) {
        req.end(body);
        return;
      }
      body.on('error', (e) => {
        bodyError = e;
        if (answered) req.destroy(e);
      });
      req.flushHeaders();
    });
    return { done, abort: () => abort() };
  }

  /** Creates a remote task for a transfer (`task_id=` of an HTTP handler). */
  async createTask(label: string): Promise<string> {
    return String(await this.call('task.create', label, ''));
  }

  /** Polls a remote task until it is no longer pending (or `stop()` says to give up: undefined then). */
  async waitTask(task: string, stop: () => boolean, signal?: AbortSignal): Promise<RemoteTaskOutcome | undefined> {
    for (;;) {
      const rec = (await this.call('task.get_record', task)) as Record<string, unknown>;
      const status = String(rec.status);
      if (status !== 'pending' && status !== 'cancelling') {
        return { status, result: String(rec.result ?? ''), errorInfo: ((rec.error_info ?? []) as unknown[]).map(String) };
      }
      if (stop() || signal?.aborted) return undefined;
      await abortableDelay(TASK_POLL_MS, signal);
    }
  }

  /** Destroys remote objects and tasks left by a failed transfer; errors are ignored (best effort, as xapi). */
  async bestEffort(method: string, ...params: unknown[]): Promise<void> {
    try {
      await this.call(method, ...params);
    } catch {
      // already gone, or the remote is unreachable: nothing more to do from here
    }
  }

  private request(url: URL, opts: RequestOptions, onResponse: (res: IncomingMessage) => void): ReturnType<typeof httpRequest> {
    const local = this.localAddress && isIP(this.localAddress) === isIP(url.hostname.replace(/^\[(.*)\]$/, '$1')) ? { localAddress: this.localAddress } : {};
    const options: RequestOptions & { rejectUnauthorized?: boolean } = { ...opts, ...local, agent: false };
    return url.protocol === 'https:'
      ? httpsRequest(url, { ...options, rejectUnauthorized: false }, onResponse)
      : httpRequest(url, options, onResponse);
  }

  private exchange(url: URL, opts: RequestOptions, body: Buffer): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = this.request(url, opts, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body);
    });
  }
}
