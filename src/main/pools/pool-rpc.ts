import type { Xapi } from 'xen-api';
import { request, type Dispatcher } from 'undici';
import { RecordMapScanner, type RecordMap } from './record-map-scanner.js';

/** The private parts of a xen-api 4.7 client this module relies on (see pinned-client.ts). */
interface ClientInternals {
  _url: { protocol: string; hostname: string; port: string };
  _undiciDispatcher: Dispatcher;
}

/** An XAPI failure as xen-api reports one: `code` and `params`, so describePoolError reads it the same way. */
export function xapiFailure(code: string, params: readonly unknown[]): Error & { code: string; params: string[] } {
  const strings = params.map(String);
  return Object.assign(new Error(`${code}(${strings.join(', ')})`), { code, params: strings });
}

/** Reads a JSON-RPC failure, v2 (`{code, message, data}`) or v1 (`[code, ...params]`). */
function failureOf(error: unknown): Error {
  if (Array.isArray(error)) return xapiFailure(String(error[0] ?? 'INTERNAL_ERROR'), error.slice(1));
  const { message, data } = (error ?? {}) as { message?: unknown; data?: unknown };
  return xapiFailure(typeof message === 'string' ? message : 'INTERNAL_ERROR', Array.isArray(data) ? data : []);
}

/** The result of a parsed JSON-RPC answer, or its failure thrown. */
function resultOf<T>(envelope: unknown): T {
  const { result, error } = (envelope ?? {}) as { result?: unknown; error?: unknown };
  if (error !== undefined && error !== null) throw failureOf(error);
  return result as T;
}

export interface RpcOptions {
  signal?: AbortSignal | undefined;
}

/**
 * The pool's object feed talks to XAPI through this: JSON-RPC over the xen-api client's certificate-pinned
 * dispatcher and session, to the master the client follows, so a `get_all_records` answer can be read while it
 * arrives (`allRecords`) and a call can be abandoned (`signal`). A host without JSON-RPC (older than XenServer
 * 7.3) gets the client's own XML-RPC calls instead, whole.
 */
export class PoolRpc {
  readonly #client: Xapi;
  #jsonRpc = true;
  #id = 0;

  constructor(client: Xapi) {
    this.#client = client;
  }

  /** Calls `method` with the session first, then `params`. */
  async call<T>(method: string, params: readonly unknown[], options: RpcOptions = {}): Promise<T> {
    if (!this.#jsonRpc) return this.#client.call<T>(method, ...params);
    const response = await this.#post(method, params, options);
    if (!response) return this.#client.call<T>(method, ...params);
    return resultOf<T>(JSON.parse(await response.body.text()));
  }

  /** Reads every record of `type`, handing them over in batches while the answer arrives. */
  async allRecords(type: string, onBatch: (records: RecordMap) => void, options: RpcOptions = {}): Promise<void> {
    const method = `${type}.get_all_records`;
    const response = this.#jsonRpc ? await this.#post(method, [], options) : null;
    if (!response) {
      onBatch(await this.#client.call<RecordMap>(method));
      return;
    }
    const scanner = new RecordMapScanner(onBatch);
    const decoder = new TextDecoder();
    for await (const chunk of response.body) scanner.push(decoder.decode(chunk as Uint8Array, { stream: true }));
    scanner.push(decoder.decode());
    const whole = scanner.end();
    if (whole !== null) onBatch(resultOf<RecordMap | null>(whole) ?? {});
  }

  /** POSTs one JSON-RPC call; null when the host does not speak JSON-RPC (then the client's XML-RPC is used). */
  async #post(method: string, params: readonly unknown[], { signal }: RpcOptions): Promise<Dispatcher.ResponseData | null> {
    const internals = this.#client as unknown as ClientInternals;
    const url = new URL('./jsonrpc', Object.assign(new URL('http://localhost'), { protocol: internals._url.protocol, hostname: internals._url.hostname, port: internals._url.port }));
    const response = await request(url, {
      dispatcher: internals._undiciDispatcher,
      method: 'POST',
      headers: { accept: 'application/json', 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', method, params: [this.#client.sessionId, ...params], id: ++this.#id }),
      ...(signal ? { signal } : {}),
    });
    if (response.statusCode < 200 || response.statusCode >= 300) {
      await response.body.dump();
      throw new Error(`${method} answered HTTP ${response.statusCode}`);
    }
    // Hosts without JSON-RPC answer in XML (xen-api's own test for it).
    if (!String(response.headers['content-type'] ?? '').startsWith('application/json')) {
      await response.body.dump();
      this.#jsonRpc = false;
      return null;
    }
    return response;
  }
}
